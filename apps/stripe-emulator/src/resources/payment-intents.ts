import type { EmulatorCore as Emulator, Route } from '../route';
import { invalid, requireInteger, requireString, StripeApiError } from '../errors';
import { requireChargeableAmount } from '../currencies';
import type { Account } from './accounts';
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
        requireChargesEnabled(emu, account);
        const amount = requireInteger(params.amount, 'amount', { min: 1 });
        const currency = requireString(params.currency, 'currency');
        if (!/^[a-z]{3}$/.test(currency)) throw invalid(`Invalid currency: ${currency}. Stripe currently supports these currencies: usd, eur, inr, ...`, 'currency');
        requireChargeableAmount(amount, currency, 'amount');
        let fee: number | null = null;
        if (params.application_fee_amount !== undefined) {
          if (!account) {
            throw invalid('Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).', 'application_fee_amount');
          }
          fee = requireChargeableAmount(requireInteger(params.application_fee_amount, 'application_fee_amount'), currency, 'application_fee_amount');
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
          amount_details: { tip: {} },
          amount_received: 0,
          application: null,
          application_fee_amount: fee,
          automatic_payment_methods: null,
          canceled_at: null,
          cancellation_reason: null,
          capture_method: captureMethod,
          client_secret: `${id}_secret_${stripeId('x', 24).slice(2)}`,
          confirmation_method: 'automatic',
          created: nowSeconds(),
          currency,
          customer: (params.customer as string | undefined) ?? null,
          customer_account: null,
          description: (params.description as string | undefined) ?? null,
          excluded_payment_method_types: null,
          last_payment_error: null,
          latest_charge: null,
          livemode: false,
          managed_payments: { enabled: false },
          metadata: metadataOf(params.metadata),
          next_action: null,
          on_behalf_of: null,
          payment_method: pm,
          payment_method_configuration_details: null,
          payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
          payment_method_types: ['card'],
          processing: null,
          receipt_email: (params.receipt_email as string | undefined) ?? null,
          review: null,
          setup_future_usage: null,
          shipping: null,
          source: null,
          statement_descriptor: null,
          statement_descriptor_suffix: null,
          status: pm ? 'requires_confirmation' : 'requires_payment_method',
          transfer_data: null,
          transfer_group: null,
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
        if (params.amount !== undefined) intent.amount = requireChargeableAmount(requireInteger(params.amount, 'amount', { min: 1 }), intent.currency, 'amount');
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
  requireChargesEnabled(emu, account);
  if (!paymentMethod) {
    throw new StripeApiError(400, 'invalid_request_error',
      'You cannot confirm this PaymentIntent because it\'s missing a payment method. To confirm the PaymentIntent with cus_..., specify a payment method attached to this customer along with the customer ID.',
      { code: 'payment_intent_unexpected_state', param: 'payment_method' });
  }
  if (!paymentMethod.startsWith('pm_')) throw invalid(`No such PaymentMethod: '${paymentMethod}'`, 'payment_method', 'resource_missing');
  const previous = { status: intent.status };
  intent.payment_method = paymentMethod;
  const decline = DECLINES[paymentMethod];
  const chargeId = stripeId('ch');
  // Every field of Stripe's charge (fixtures/stripe-objects.json); the card is the test Visa 4242.
  const charge: Charge = {
    id: chargeId,
    object: 'charge',
    amount: intent.amount,
    amount_captured: decline ? 0 : intent.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: intent.application_fee_amount,
    balance_transaction: decline ? null : stripeId('txn'),
    billing_details: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: null,
    captured: !decline,
    created: nowSeconds(),
    currency: intent.currency,
    customer: (intent.customer as string | null | undefined) ?? null,
    description: (intent.description as string | null | undefined) ?? null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: decline ? 'card_declined' : null,
    failure_message: decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...intent.metadata },
    on_behalf_of: null,
    outcome: {
      advice_code: null, network_advice_code: null, network_decline_code: null, risk_level: 'normal',
      ...(decline
        ? { network_status: 'declined_by_network', reason: decline.decline_code, seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined' }
        : { network_status: 'approved_by_network', reason: null, seller_message: 'Payment complete.', type: 'authorized' }),
    },
    paid: !decline,
    payment_intent: intent.id,
    payment_method: paymentMethod,
    payment_method_details: { card: testVisa(intent.amount, !decline), type: 'card' },
    receipt_email: (intent.receipt_email as string | null | undefined) ?? null,
    receipt_number: null,
    receipt_url: decline ? null : `https://pay.stripe.com/receipts/payment/${stripeId('x', 40).slice(2)}`,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/charges/${chargeId}/refunds` },
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: decline ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
  if (!decline && account && intent.application_fee_amount) {
    // Stripe books the platform's fee on a direct charge as an application_fee of the platform account.
    const fee: StripeObject = {
      id: stripeId('fee'), object: 'application_fee', account, amount: intent.application_fee_amount, amount_refunded: 0,
      charge: charge.id, currency: intent.currency, created: nowSeconds(), refunded: false, refunds: [],
    };
    emu.state.put(null, fee);
    charge.application_fee = fee.id;
  }
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

/** `payment_method_details.card` of Stripe's test Visa (pm_card_visa: 4242 4242 4242 4242). */
function testVisa(amount: number, authorized: boolean): Record<string, unknown> {
  return {
    amount_authorized: authorized ? amount : null, authorization_code: authorized ? '123456' : null, brand: 'visa',
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
    country: 'US', exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, extended_authorization: { status: 'disabled' },
    fingerprint: 'Xt5EWLLDS7FJjR1c', funding: 'credit', incremental_authorization: { status: 'unavailable' }, installments: null,
    last4: '4242', mandate: null, multicapture: { status: 'unavailable' }, network: 'visa', network_token: { used: false },
    network_transaction_id: authorized ? '1041029786787710' : null, overcapture: { maximum_amount_capturable: amount, status: 'unavailable' },
    regulated_status: 'unregulated', three_d_secure: null, wallet: null,
  };
}

function expand(emu: Emulator, intent: PaymentIntent, account: AccountScope, expandParam?: FormValue): PaymentIntent {
  const fields = Array.isArray(expandParam) ? expandParam : typeof expandParam === 'string' ? [expandParam] : [];
  if (!fields.includes('latest_charge') || !intent.latest_charge) return intent;
  return { ...intent, latest_charge: emu.state.get('charge', intent.latest_charge, account) as unknown as string };
}

/**
 * A connected account whose onboarding is unfinished has no active card_payments capability, and
 * Stripe refuses to take a card payment on it; the platform's own account (null) always can.
 */
function requireChargesEnabled(emu: Emulator, account: AccountScope): void {
  if (!account) return;
  const connected = emu.state.find<Account>('account', account).value;
  if (connected.charges_enabled) return;
  throw new StripeApiError(400, 'invalid_request_error',
    `The account ${account} cannot currently make charges: charges_enabled is false until its onboarding is complete (requirements currently due: ${connected.requirements.currently_due.join(', ') || 'none'}). Send the account holder through an account_onboarding AccountLink.`,
    { code: 'account_charges_disabled' });
}

function unexpectedState(intent: PaymentIntent, action: string): StripeApiError {
  return new StripeApiError(400, 'invalid_request_error',
    `This PaymentIntent's ${action === 'update' ? 'fields' : 'status'} could not be ${action === 'cancel' ? 'canceled' : action === 'confirm' ? 'confirmed' : 'updated'} because it has a status of ${intent.status}.`,
    { code: 'payment_intent_unexpected_state', param: action === 'update' ? undefined : 'intent' });
}
