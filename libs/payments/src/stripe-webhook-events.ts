import type Stripe from 'stripe';
import type { StripeWebhookEvent } from '@workbay/platform';
import { PaymentIntentView } from './payment-gateway';
import { intentView } from './stripe-payment-gateway';

/** The PaymentIntent a `payment_intent.*` event carries, in our units; what it claims, not what Stripe holds (see above). */
export function paymentIntentOf(event: StripeWebhookEvent): PaymentIntentView {
  if (event.data.object.object !== 'payment_intent') throw new TypeError(`${event.type} does not carry a payment_intent`);
  return intentView(event.data.object as unknown as Stripe.PaymentIntent);
}
