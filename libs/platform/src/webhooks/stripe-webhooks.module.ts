import { DynamicModule, Module } from '@nestjs/common';
import { StripeWebhookHandlers } from './stripe-webhook-handlers';
import { StripeWebhookInbox } from './stripe-webhook-inbox';
import { StripeWebhookIntake } from './stripe-webhook-intake';
import { StripeWebhookQueue } from './stripe-webhook-queue';
import { StripeWebhookSweeper } from './stripe-webhook-sweeper';
import { StripeWebhookProcessor } from './stripe-webhook.processor';
import { StripeWebhooksController } from './stripe-webhooks.controller';

const exported = [StripeWebhookHandlers, StripeWebhookQueue];
const worker = [StripeWebhookInbox, StripeWebhookProcessor, StripeWebhookSweeper];

/**
 * The Stripe webhook inbox, business-free: verified webhook in, job out. The API gets the intake
 * (verify, store once, enqueue, 202); the worker the processor and sweeper, which run the
 * handlers contexts register on `StripeWebhookHandlers` (payments, shop, ...). Global like the
 * rest of the kernel.
 */
@Module({})
export class StripeWebhooksModule {
  static forApi(): DynamicModule {
    return {
      module: StripeWebhooksModule,
      global: true,
      controllers: [StripeWebhooksController],
      providers: [...exported, StripeWebhookIntake],
      exports: exported,
    };
  }

  static forWorker(): DynamicModule {
    return { module: StripeWebhooksModule, global: true, providers: [...exported, ...worker], exports: [...exported, ...worker] };
  }
}
