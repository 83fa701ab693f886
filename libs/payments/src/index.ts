/** Payments' entry for apps and tests: its manifest and the Stripe client factory. Other contexts use `@workbay/payments/contract`. */
export { PAYMENTS } from './manifest';
export { createStripeClient, STRIPE_CLIENT } from './stripe-client';
