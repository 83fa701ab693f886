export * from './stripe-webhook-handlers';
export { WebhookSignatureInvalid, WebhookReceipt } from './stripe-webhook-intake';
export { STRIPE_WEBHOOK_QUEUE, StripeWebhookJob, StripeWebhookQueue } from './stripe-webhook-queue';
export { InboxOutcome, StripeWebhookInbox } from './stripe-webhook-inbox';
export { StripeWebhookProcessor } from './stripe-webhook.processor';
export { StripeWebhookSweeper } from './stripe-webhook-sweeper';
export { StripeWebhooksModule } from './stripe-webhooks.module';
