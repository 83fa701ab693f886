import type { EmulatorCore as Emulator, Route } from '../route';
import { invalid, requireInteger, requireString, StripeApiError } from '../errors';
import { FormValue, metadataOf } from '../form';
import { AccountScope, nowSeconds, stripeId, StripeObject } from '../state';

export interface PaymentIntent extends StripeObject {
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';
  client_secret: string;
  payment_method: string | null;
  latest_charge: string | null;
  application_fee_amount: number | null;
  metadata: Record<string, string>;
  last_payment_error: unknown;
  canceled_at: number | null;
  cancellation_reason: string | null;
}

export interface Charge extends StripeObject {
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  refunded: boolean;
  currency: string;
  status: 'succeeded' | 'failed';
  payment_intent: string;
}

/**
 * Stripe's test PaymentMethods: the decline ones fail with a card_error (402), any other
 * `pm_...` (e.g. `pm_card_visa`) succeeds.
 * https://docs.stripe.com/testing#declined-payments
 */
const DECLINES: Record<string, { decline_code: string; message: string }> = {
  pm_card_chargeDeclined: { decline_code: 'generic_decline', message: 'Your card was declined.' },
  pm_card_visa_chargeDeclined: { decline_code: 'generic_decline', message: 'Your card was declined.' },
  pm_card_chargeDeclinedInsufficientFunds: { decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  pm_card_chargeDeclinedLostCard: { decline_code: 'lost_card', message: 'Your card was declined.' },
};

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation'];
const CANCELABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture', 'processing'];

export function paymentIntentRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/payment_intents$/,
      handle: ({ params, account }, emu) => {
        const amount = requireInteger(params.amount, 'amount', { min: 1 });
        const currency = requireString(params.currency, 'currency');
        if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}. Stripe currently supports these currencies: usd, eur, inr, ...`, 'currency');
        let fee: number | null = null;
        if (params.application_fee_amount !== undefined) {
          if (!account) {
            throw invalid('Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).', 'application_fee_amount');
          }
          fee = requireInteger(params.application_fee_amount, 'application_fee_amount');
          if (fee > amount) throw invalid('The application fee cannot be greater than the amount.', 'application_fee_amount');
        }
        const captureMethod = (params.capture_method as string | undefined) ?? 'automatic';
        if (!['automatic', 'automatic_async'].includes(captureMethod)) throw invalid('Only automatic capture is emulated.', 'capture_method');
        const id = stripeId('pi');
        const pm = (params.payment_method as string | undefined) ?? null;
        const intent: PaymentIntent = {
          id,
          object: 'payment_intent',
          amount,
          amount_capturable: 0,
          amount_received: 0,
          application_fee_amount: fee,
          canceled_at: null,
          cancellation_reason: null,
          capture_method: captureMethod,
          client_secret: `${id}_secret_${stripeId('x', 24).slice(2)}`,
          confirmation_method: 'automatic',
          created: nowSeconds(),
          currency,
          customer: (params.customer as string | undefined) ?? null,
          description: (params.description as string | undefined) ?? null,
          last_payment_error: null,
          latest_charge: null,
          livemode: false,
          metadata: metadataOf(params.metadata),
          on_behalf_of: null,
          payment_method: pm,
          payment_method_types: ['card'],
          receipt_email: (params.receipt_email as string | undefined) ?? null,
          status: pm ? 'requires_confirmation' : 'requires_payment_method',
        };
        emu.state.put(account, intent);
        emu.emit('payment_intent.created', intent, account);
        if (params.confirm === 'true') return confirm(emu, intent, account, pm, params.expand);
        return intent;
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/payment_intents\/([^/]+)$/,
      handle: ({ match: [id], account, params }, emu) => expand(emu, emu.state.get<PaymentIntent>('payment_intent', id, account, 'intent'), account, params.expand),
    },
    {
      method: 'POST',
      path: /^\/v1\/payment_intents\/([^/]+)$/,
      handle: ({ match: [id], account, params }, emu) => {
        const intent = emu.state.get<PaymentIntent>('payment_intent', id, account, 'intent');
        if (!CONFIRMABLE.includes(intent.status)) throw unexpectedState(intent, 'update');
        if (params.amount !== undefined) intent.amount = requireInteger(params.amount, 'amount', { min: 1 });
        if (params.metadata !== undefined) intent.metadata = { ...intent.metadata, ...metadataOf(params.metadata) };
        if (params.payment_method !== undefined) {
          intent.payment_method = params.payment_method as string;
          intent.status = 'requires_confirmation';
        }
        return intent;
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
      handle: ({ match: [id], account, params }, emu) => {
        const intent = emu.state.get<PaymentIntent>('payment_intent', id, account, 'intent');
        return confirm(emu, intent, account, (params.payment_method as string | undefined) ?? intent.payment_method, params.expand);
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
      handle: ({ match: [id], account, params }, emu) => {
        const intent = emu.state.get<PaymentIntent>('payment_intent', id, account, 'intent');
        if (!CANCELABLE.includes(intent.status)) throw unexpectedState(intent, 'cancel');
        const previous = { status: intent.status };
        intent.status = 'canceled';
        intent.canceled_at = nowSeconds();
        intent.cancellation_reason = (params.cancellation_reason as string | undefined) ?? null;
        emu.emit('payment_intent.canceled', intent, account, previous);
        return intent;
      },
    },
  ];
}

export function chargeRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/charges\/([^/]+)$/,
      handle: ({ match: [id], account }, emu) => emu.state.get('charge', id, account, 'charge'),
    },
  ];
}

/**
 * Confirms with a test PaymentMethod: a success captures at once (automatic capture) and emits
 * charge.succeeded + payment_intent.succeeded; a decline answers 402 card_error, leaves the
 * intent in requires_payment_method and emits charge.failed + payment_intent.payment_failed.
 */
export function confirm(emu: Emulator, intent: PaymentIntent, account: AccountScope, paymentMethod: string | null, expandParam?: FormValue): PaymentIntent {
  if (!CONFIRMABLE.includes(intent.status)) throw unexpectedState(intent, 'confirm');
  if (!paymentMethod) {
    throw new StripeApiError(400, 'invalid_request_error',
      'You cannot confirm this PaymentIntent because it\'s missing a payment method. To confirm the PaymentIntent with cus_..., specify a payment method attached to this customer along with the customer ID.',
      { code: 'payment_intent_unexpected_state', param: 'payment_method' });
  }
  if (!paymentMethod.startsWith('pm_')) throw invalid(`No such PaymentMethod: '${paymentMethod}'`, 'payment_method', 'resource_missing');
  const previous = { status: intent.status };
  intent.payment_method = paymentMethod;
  const decline = DECLINES[paymentMethod];
  const charge: Charge = {
    id: stripeId('ch'),
    object: 'charge',
    amount: intent.amount,
    amount_captured: decline ? 0 : intent.amount,
    amount_refunded: 0,
    application_fee_amount: intent.application_fee_amount,
    balance_transaction: decline ? null : stripeId('txn'),
    captured: !decline,
    created: nowSeconds(),
    currency: intent.currency,
    failure_code: decline ? 'card_declined' : null,
    failure_message: decline?.message ?? null,
    livemode: false,
    metadata: { ...intent.metadata },
    outcome: decline
      ? { network_status: 'declined_by_network', reason: decline.decline_code, type: 'issuer_declined' }
      : { network_status: 'approved_by_network', reason: null, type: 'authorized' },
    paid: !decline,
    payment_intent: intent.id,
    payment_method: paymentMethod,
    refunded: false,
    status: decline ? 'failed' : 'succeeded',
  };
  emu.state.put(account, charge);
  intent.latest_charge = charge.id;
  if (decline) {
    const error = { type: 'card_error', code: 'card_declined', decline_code: decline.decline_code, message: decline.message, charge: charge.id, payment_method: { id: paymentMethod, object: 'payment_method' } };
    intent.status = 'requires_payment_method';
    intent.last_payment_error = error;
    intent.payment_method = null;
    emu.emit('charge.failed', charge, account);
    emu.emit('payment_intent.payment_failed', intent, account, previous);
    throw new StripeApiError(402, 'card_error', decline.message, {
      code: 'card_declined', decline_code: decline.decline_code, param: 'payment_method', payment_intent: structuredClone(intent),
    });
  }
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  intent.last_payment_error = null;
  emu.emit('charge.succeeded', charge, account);
  emu.emit('payment_intent.succeeded', intent, account, previous);
  return expand(emu, intent, account, expandParam);
}

function expand(emu: Emulator, intent: PaymentIntent, account: AccountScope, expandParam?: FormValue): PaymentIntent {
  const fields = Array.isArray(expandParam) ? expandParam : typeof expandParam === 'string' ? [expandParam] : [];
  if (!fields.includes('latest_charge') || !intent.latest_charge) return intent;
  return { ...intent, latest_charge: emu.state.get('charge', intent.latest_charge, account) as unknown as string };
}

function unexpectedState(intent: PaymentIntent, action: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error',
    `This PaymentIntent's ${action === 'update' ? 'fields' : 'status'} could not be ${action === 'cancel' ? 'canceled' : action === 'confirm' ? 'confirmed' : 'updated'} because it has a status of ${intent.status}.`,
    { code: 'payment_intent_unexpected_state', param: action === 'update' ? undefined : 'intent' });
}
