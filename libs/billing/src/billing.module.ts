import { Module } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module';
import { EntitlementsModule } from './entitlements/entitlements.module';
import { UsageReportsApiModule } from './usage-reports/usage-reports.module';
import { UsageModule } from './usage/usage.module';

/**
 * Billing in the API: one line per part (catalog, entitlements, usage, finance reports), each its
 * own module in its folder.
 */
@Module({ imports: [CatalogModule, EntitlementsModule.forApi(), UsageReportsApiModule, UsageModule] })
export class BillingApiModule {}

/** Billing in the worker: the parts that run projections' side effects, jobs or process managers' commands. */
@Module({ imports: [EntitlementsModule.forWorker()] })
export class BillingWorkerModule {}
