import { DynamicModule, Module, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig, ContextManifest, contextModules, PlatformModule } from '@workbay/platform';

/**
 * The worker's Nest context: the contexts' worker modules (the same command handlers as the API,
 * for the process managers and for the Stripe webhook handlers contexts register: the shop's
 * StripeInvoicePayments registers on the kernel's StripeWebhookHandlers and re-fetches through
 * payments' gateway; CqrsModule gives it the CommandBus).
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, contexts: readonly ContextManifest[], extra: readonly Type[] = []): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forWorker({ config, contexts }), CqrsModule.forRoot(), ...contextModules(contexts, 'worker'), ...extra],
    };
  }
}
