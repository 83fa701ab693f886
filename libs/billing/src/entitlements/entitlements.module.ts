import { DynamicModule, Module, Provider } from '@nestjs/common';
import { Entitlements } from '@workbay/platform';
import { ChangePlanHandler } from '../subscriptions/change-plan';
import { SubscriptionController } from '../subscriptions/subscription.controller';
import { SubscriptionResolver } from '../subscriptions/subscription.resolver';
import { BillingEntitlements } from './billing-entitlements';
import { EntitlementBook } from './entitlement-book';
import { EntitlementsController } from './entitlements.controller';
import { EntitlementsQuery } from './entitlements.query';
import { EntitlementsResolver } from './entitlements.resolver';
import { OverrideEntitlementHandler } from './override-entitlements';
import { PlanCatalog } from './plan-catalog.port';
import { SeededPlanCatalog } from './seeded-catalog';
import { QuotaCounter } from './quota-counter';

const catalog: Provider = { provide: PlanCatalog, useValue: new SeededPlanCatalog() };

/**
 * Entitlements and subscriptions. Global in the API so the kernel's guard and quota interceptor
 * (PlatformModule's APP_GUARD / APP_INTERCEPTOR) find the Entitlements port it provides.
 */
@Module({})
export class EntitlementsModule {
  static forApi(): DynamicModule {
    return {
      module: EntitlementsModule,
      global: true,
      controllers: [EntitlementsController, SubscriptionController],
      providers: [
        catalog, EntitlementBook, QuotaCounter, BillingEntitlements, { provide: Entitlements, useExisting: BillingEntitlements },
        EntitlementsQuery, EntitlementsResolver, ChangePlanHandler, SubscriptionResolver, OverrideEntitlementHandler,
      ],
      exports: [Entitlements, PlanCatalog],
    };
  }

  /** The worker (and the CLI through it): the override command, which operators run as `system:cli`. */
  static forWorker(): DynamicModule {
    return { module: EntitlementsModule, providers: [catalog, OverrideEntitlementHandler], exports: [PlanCatalog] };
  }
}
