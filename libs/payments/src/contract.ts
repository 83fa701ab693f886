/**
 * What payments offers other contexts (`@workbay/payments/contract`), the only payments file they
 * may import. Commands: the `PaymentGateway` port (create, confirm and refund payment intents,
 * re-fetch one a webhook named) and the current tenant's connected account. Integration events:
 * none of its own; Stripe's webhooks reach contexts through the kernel's inbox.
 */
export { PaymentGateway, PaymentRejected } from './payment-gateway';
export type {
  AccountLink, ConfirmPaymentIntent, ConnectedAccount, CreatePaymentIntent, DisputeView, PaymentIntentStatus, PaymentIntentView, RefundRequest, RefundView,
} from './payment-gateway';
export { StripeAccounts } from './stripe-accounts';
export { StripeAccountMissing, StripeOnboardingIncomplete } from './stripe-account-refusals';
export { AmountNotChargeable, assertChargeable, chargeableAmountMinor, stripeChargeStepMinor } from './stripe-amounts';
