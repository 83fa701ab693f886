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
 * A card refund succeeds at once, except on a charge paid with Stripe's test card `pm_card_pendingRefund`
 * (its refunds stay `pending` until the control hook settles them). Either can fail later, as Stripe's
 * `pm_card_refundFail` ones do: the control hook below acts as the card issuer sending the money back.
 * https://docs.stripe.com/testing#refunds
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
        // Every field of Stripe's refund (fixtures/stripe-objects.json); `failure_reason` and `failure_balance_transaction` appear once it fails.
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
          status: charge.payment_method === PENDING_REFUND_CARD ? 'pending' : 'succeeded',
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

/** Stripe's test PaymentMethod whose refunds start `pending` (https://docs.stripe.com/testing#refunds). */
export const PENDING_REFUND_CARD = 'pm_card_pendingRefund';

/** Stripe's `failure_reason` values of a refund (https://docs.stripe.com/api/refunds/object#refund_object-failure_reason). */
export const REFUND_FAILURE_REASONS = [
  'charge_for_pending_refund_disputed', 'declined', 'expired_or_canceled_card', 'insufficient_funds', 'lost_or_stolen_card', 'merchant_request', 'unknown',
];

type Refund = StripeObject & { amount: number; charge: string; currency: string; status: string };

/**
 * Control hooks, acting as the card network after a refund was made: `fail` as Stripe does when the
 * issuer returns it (status `failed` with a `failure_reason`, the money back on the account through a
 * `refund_failure` balance transaction, the charge's `amount_refunded` back down and `refunded` false;
 * signed `refund.updated` then `refund.failed`), `succeed` settles a pending one (`refund.updated`).
 * https://docs.stripe.com/refunds#failed-refunds
 */
export function refundControlRoutes(): Route[] {
  return [
    {
      control: true,
      method: 'POST',
      path: /^\/_emulator\/refunds\/([^/]+)\/fail$/,
      handle: ({ match: [id], params }, emu) => {
        const { account, value: refund } = emu.state.find<Refund>('refund', id);
        const reason = params.failure_reason === undefined ? 'expired_or_canceled_card' : String(params.failure_reason);
        if (!REFUND_FAILURE_REASONS.includes(reason)) throw invalid(`failure_reason must be one of ${REFUND_FAILURE_REASONS.join(', ')}`, 'failure_reason');
        if (refund.status !== 'succeeded' && refund.status !== 'pending') throw invalid(`Refund ${refund.id} is ${refund.status}; only a pending or succeeded refund can fail.`, 'status');
        const charge = emu.state.get<Charge>('charge', refund.charge, account);
        const previous = { status: refund.status };
        refund.status = 'failed';
        refund.failure_reason = reason;
        refund.failure_balance_transaction = stripeId('txn');
        charge.amount_refunded -= refund.amount;
        charge.refunded = false;
        emu.emit('refund.updated', refund, account, previous);
        emu.emit('refund.failed', refund, account, previous);
        return refund;
      },
    },
    {
      control: true,
      method: 'POST',
      path: /^\/_emulator\/refunds\/([^/]+)\/succeed$/,
      handle: ({ match: [id] }, emu) => {
        const { account, value: refund } = emu.state.find<Refund>('refund', id);
        if (refund.status !== 'pending') throw invalid(`Refund ${refund.id} is ${refund.status}; only a pending refund can succeed.`, 'status');
        refund.status = 'succeeded';
        emu.emit('refund.updated', refund, account, { status: 'pending' });
        return refund;
      },
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
