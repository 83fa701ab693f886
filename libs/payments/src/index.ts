export * from './payment-gateway';
export * from './stripe-amounts';
export { createStripeClient, STRIPE_CLIENT } from './stripe-client';
export { StripePaymentGateway } from './stripe-payment-gateway';
export * from './stripe-webhook-events';
export { PaymentsModule } from './payments.module';
export { StripeAccounts } from './stripe-accounts';
export { StripeAccountView } from './payments.dto';
export { PAYMENTS } from './manifest';
