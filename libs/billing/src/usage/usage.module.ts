import { Module } from '@nestjs/common';
import { RecordUsageHandler } from './record-usage';
import { UsageController } from './usage.controller';
import { UsageResolver } from './usage.resolver';

/** RecordUsage on REST (Workbay JSON and CloudEvents, one or a batch) and GraphQL, over one handler. */
@Module({ controllers: [UsageController], providers: [RecordUsageHandler, UsageResolver] })
export class UsageModule {}
