import type { EmulatorCore, Route } from '../route';
import { invalid, requireInteger, StripeApiError } from '../errors';
import { requireChargeableAmount } from '../currencies';
import { metadataOf } from '../form';
import { nowSeconds, stripeId, StripeObject } from '../state';
import { Charge, PaymentIntent } from './payment-intents';

/**
 * Refunds of a succeeded PaymentIntent (or its charge), partial or full, never beyond what was paid.
 * With `refund_application_fee` on a direct charge carrying an application fee, the platform's fee
 * goes back too: all that is left of it on a refund of the whole remainder, else in proportion to
 * the amount refunded (https://docs.stripe.com/api/refunds/create#create_refund-refund_application_fee).
 * The fee lives on an `application_fee` object of the platform account (`charge.application_fee`).
 */
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
        // A chargeback's money is the bank's now: Stripe refuses to refund a charge under a dispute that is not an inquiry.
        if (emu.state.list<StripeObject>('dispute', account).some((d) => d.charge === charge.id && !d.is_charge_refundable)) {
          throw invalid(`Charge ${charge.id} has been charged back; it cannot be refunded.`, undefined, 'charge_disputed');
        }
        const remaining = charge.amount - charge.amount_refunded;
        if (remaining <= 0) throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
        const amount = params.amount === undefined ? remaining : requireChargeableAmount(requireInteger(params.amount, 'amount', { min: 1 }), charge.currency, 'amount');
        if (amount > remaining) {
          throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, 'amount', 'amount_too_large');
        }
        const feeRefunded = params.refund_application_fee === 'true'
          ? refundApplicationFee(emu, charge, amount, amount === remaining)
          : 0;
        // Every field of Stripe's refund (fixtures/stripe-objects.json); card refunds succeed at once here.
        const refund: StripeObject = {
          id: stripeId('re'),
          object: 'refund',
          amount,
          balance_transaction: stripeId('txn'),
          charge: charge.id,
          created: nowSeconds(),
          currency: charge.currency,
          customer: (charge.customer as string | null | undefined) ?? null,
          customer_account: null,
          destination_details: { card: { reference: String(Math.floor(Math.random() * 1e11)).padStart(11, '0'), reference_status: 'available', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
          metadata: metadataOf(params.metadata),
          payment_intent: charge.payment_intent,
          payment_method: (charge.payment_method as string | null | undefined) ?? null,
          reason: (params.reason as string | undefined) ?? null,
          receipt_number: null,
          source_transfer_reversal: null,
          status: 'succeeded',
          transfer_reversal: null,
        };
        if (feeRefunded > 0) refund.application_fee_refunded = feeRefunded;
        emu.state.put(account, refund);
        const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
        charge.amount_refunded += amount;
        charge.refunded = charge.amount_refunded === charge.amount;
        // Newest first, as Stripe lists a charge's refunds.
        (charge.refunds as { data: StripeObject[] }).data.unshift(refund);
        emu.emit('refund.created', refund, account);
        emu.emit('charge.refunded', charge, account, previous);
        return refund;
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/refunds$/,
      handle: ({ params, account }, emu) => {
        // Newest first, as Stripe lists; filtered by payment_intent or charge when given.
        const data = emu.state.list<StripeObject>('refund', account)
          .filter((r) => (params.payment_intent === undefined || r.payment_intent === params.payment_intent) && (params.charge === undefined || r.charge === params.charge))
          .sort((a, b) => (b.created as number) - (a.created as number));
        return { object: 'list', url: '/v1/refunds', has_more: false, data };
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/refunds\/([^/]+)$/,
      handle: ({ match: [id], account }, emu) => emu.state.get('refund', id, account, 'refund'),
    },
  ];
}

/** Gives back the platform's fee on a refund of `amount` of `charge`; returns what it gave back. */
function refundApplicationFee(emu: EmulatorCore, charge: Charge, amount: number, whole: boolean): number {
  const feeId = charge.application_fee as string | null | undefined;
  if (!feeId) return 0;
  const fee = emu.state.get<StripeObject & { amount: number; amount_refunded: number; refunded: boolean; refunds: StripeObject[] }>('application_fee', feeId, null);
  const left = fee.amount - fee.amount_refunded;
  const back = Math.min(left, whole ? left : Math.round((fee.amount * amount) / charge.amount));
  if (back <= 0) return 0;
  fee.amount_refunded += back;
  fee.refunded = fee.amount_refunded === fee.amount;
  fee.refunds.push({ id: stripeId('fr'), object: 'fee_refund', amount: back, currency: fee.currency as string, fee: fee.id, created: nowSeconds() });
  return back;
}
