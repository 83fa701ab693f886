import { Module } from '@nestjs/common';
import { AvailabilityCache } from './availability-cache';
import { AvailabilityController } from './availability.controller';
import { AvailabilityReader } from './availability-reader';
import { AvailabilityResolver } from './availability.resolver';

/**
 * Availability in the API: REST and GraphQL over one reader. Exports the reader for the public
 * booking pages (online/), which call `readFor(tenantId, args)` with the tenant of the slug.
 * Its generations projection runs in the worker from the manifest.
 */
@Module({ controllers: [AvailabilityController], providers: [AvailabilityCache, AvailabilityReader, AvailabilityResolver], exports: [AvailabilityReader] })
export class AvailabilityApiModule {}
