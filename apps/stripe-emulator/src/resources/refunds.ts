import type { Route } from '../route';
import { invalid, requireInteger, StripeApiError } from '../errors';
import { metadataOf } from '../form';
import { nowSeconds, stripeId, StripeObject } from '../state';
import { Charge, PaymentIntent } from './payment-intents';

/** Refunds of a succeeded PaymentIntent (or its charge), partial or full, never beyond what was paid. */
export function refundRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/refunds$/,
      handle: ({ params, account }, emu) => {
        let charge: Charge;
        if (params.payment_intent) {
          const intent = emu.state.get<PaymentIntent>('payment_intent', params.payment_intent as string, account, 'payment_intent');
          if (intent.status !== 'succeeded' || !intent.latest_charge) {
            throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, 'payment_intent', 'charge_not_refundable');
          }
          charge = emu.state.get<Charge>('charge', intent.latest_charge, account);
        } else if (params.charge) {
          charge = emu.state.get<Charge>('charge', params.charge as string, account, 'charge');
        } else {
          throw new StripeApiError(400, 'invalid_request_error', 'One of the following params should be provided for this request: payment_intent or charge.', { code: 'parameter_missing' });
        }
        const remaining = charge.amount - charge.amount_refunded;
        if (remaining <= 0) throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
        const amount = params.amount === undefined ? remaining : requireInteger(params.amount, 'amount', { min: 1 });
        if (amount > remaining) {
          throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, 'amount', 'amount_too_large');
        }
        const refund: StripeObject = {
          id: stripeId('re'),
          object: 'refund',
          amount,
          balance_transaction: stripeId('txn'),
          charge: charge.id,
          created: nowSeconds(),
          currency: charge.currency,
          metadata: metadataOf(params.metadata),
          payment_intent: charge.payment_intent,
          reason: (params.reason as string | undefined) ?? null,
          status: 'succeeded',
        };
        emu.state.put(account, refund);
        const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
        charge.amount_refunded += amount;
        charge.refunded = charge.amount_refunded === charge.amount;
        emu.emit('refund.created', refund, account);
        emu.emit('charge.refunded', charge, account, previous);
        return refund;
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/refunds\/([^/]+)$/,
      handle: ({ match: [id], account }, emu) => emu.state.get('refund', id, account, 'refund'),
    },
  ];
}
