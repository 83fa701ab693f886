import { Module } from '@nestjs/common';
import { PlanCatalogService } from './plan-catalog.service';
import { PlansController } from './plans.controller';
import { PlansResolver } from './plans.resolver';

/** The public plan catalog: read-only, from code (no tables, no migration). */
@Module({ controllers: [PlansController], providers: [PlanCatalogService, PlansResolver], exports: [PlanCatalogService] })
export class CatalogModule {}
