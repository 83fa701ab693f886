import { DynamicModule, Module, Provider } from '@nestjs/common';
import Stripe from 'stripe';
import { AppConfig } from '@workbay/platform';
import { PaymentGateway } from './payment-gateway';
import { PaymentsController } from './payments.controller';
import { PaymentsResolver } from './payments.resolver';
import { StripeAccountUpdates } from './stripe-account-updates';
import { StripeAccounts } from './stripe-accounts';
import { createStripeClient, STRIPE_CLIENT } from './stripe-client';
import { StripePaymentGateway } from './stripe-payment-gateway';

const core: Provider[] = [
  { provide: STRIPE_CLIENT, inject: [AppConfig], useFactory: (config: AppConfig) => createStripeClient(config) },
  { provide: PaymentGateway, inject: [STRIPE_CLIENT], useFactory: (stripe: Stripe) => new StripePaymentGateway(stripe) },
  StripeAccounts,
  StripeAccountUpdates,
];
const exported = [STRIPE_CLIENT, PaymentGateway, StripeAccounts];

/**
 * Payments for every context: the `PaymentGateway` port (Stripe adapter) and the tenant's
 * connected account, global so contexts inject the gateway. The API also gets the
 * connected-account endpoints. The webhook inbox these payments react through is the kernel's
 * (`StripeWebhooksModule`).
 */
@Module({})
export class PaymentsModule {
  static forApi(): DynamicModule {
    return {
      module: PaymentsModule,
      global: true,
      controllers: [PaymentsController],
      providers: [...core, PaymentsResolver],
      exports: exported,
    };
  }

  static forWorker(): DynamicModule {
    return { module: PaymentsModule, global: true, providers: core, exports: exported };
  }
}
