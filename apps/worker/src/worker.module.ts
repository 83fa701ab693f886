import { DynamicModule, Module, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IdentityModule } from '@workbay/identity';
import { PaymentsModule } from '@workbay/payments';
import { AppConfig, PlatformModule } from '@workbay/platform';
import { SHOP_ENTITIES, ShopModule } from '@workbay/shop';

/**
 * The worker's Nest context: the same command handlers as the API, for the process managers and
 * for the Stripe webhook handlers contexts register (ShopModule's StripeInvoicePayments registers
 * on the kernel's StripeWebhookHandlers and re-fetches through PaymentsModule's gateway; CqrsModule gives it the CommandBus).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, extra: readonly Type[] = []): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forWorker({ config, entities: [...SHOP_ENTITIES] }), IdentityModule.forWorker(), PaymentsModule.forWorker(), CqrsModule.forRoot(), ShopModule, ...extra],
    };
  }
}
