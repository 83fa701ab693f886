import { DynamicModule, Module, Provider } from '@nestjs/common';
import Stripe from 'stripe';
import { AppConfig } from '../config/config';
import { PaymentGateway } from './payment-gateway';
import { PaymentsController } from './payments.controller';
import { PaymentsResolver } from './payments.resolver';
import { StripeAccounts } from './stripe-accounts';
import { createStripeClient, STRIPE_CLIENT } from './stripe-client';
import { StripePaymentGateway } from './stripe-payment-gateway';
import { StripeWebhookHandlers } from './stripe-webhook-handlers';
import { StripeWebhookInbox } from './stripe-webhook-inbox';
import { StripeWebhookIntake } from './stripe-webhook-intake';
import { StripeWebhookQueue } from './stripe-webhook-queue';
import { StripeWebhookSweeper } from './stripe-webhook-sweeper';
import { StripeWebhookProcessor } from './stripe-webhook.processor';
import { StripeWebhooksController } from './stripe-webhooks.controller';

const core: Provider[] = [
  { provide: STRIPE_CLIENT, inject: [AppConfig], useFactory: (config: AppConfig) => createStripeClient(config) },
  { provide: PaymentGateway, inject: [STRIPE_CLIENT], useFactory: (stripe: Stripe) => new StripePaymentGateway(stripe) },
  StripeWebhookHandlers,
  StripeWebhookQueue,
  StripeAccounts,
];
const exported = [STRIPE_CLIENT, PaymentGateway, StripeWebhookHandlers, StripeWebhookQueue, StripeAccounts];
const worker = [StripeWebhookInbox, StripeWebhookProcessor, StripeWebhookSweeper];

/**
 * Payments for every context: the `PaymentGateway` port (Stripe adapter), the
 * `StripeWebhookHandlers` registry and the webhook queue, global like the rest of the platform.
 * The API also gets the connected-account endpoints and the webhook intake (store, enqueue, 202);
 * the worker gets the queue's processor and sweeper, which run the handlers contexts register.
 */
@Module({})
export class PaymentsModule {
  static forApi(): DynamicModule {
    return {
      module: PaymentsModule,
      global: true,
      controllers: [PaymentsController, StripeWebhooksController],
      providers: [...core, StripeWebhookIntake, PaymentsResolver],
      exports: exported,
    };
  }

  static forWorker(): DynamicModule {
    return { module: PaymentsModule, global: true, providers: [...core, ...worker], exports: [...exported, ...worker] };
  }
}
