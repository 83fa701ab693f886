import type { EmulatorCore, Route } from '../route';
import { invalid, requireInteger } from '../errors';
import { metadataOf } from '../form';
import { AccountScope, nowSeconds, stripeId, StripeObject } from '../state';
import { Charge } from './payment-intents';

export const DISPUTE_REASONS = ['bank_cannot_process', 'credit_not_processed', 'customer_initiated', 'debit_not_authorized', 'duplicate', 'fraudulent', 'general', 'incorrect_account_details', 'insufficient_funds', 'product_not_received', 'product_unacceptable', 'subscription_canceled', 'unrecognized'];

export interface Dispute extends StripeObject {
  object: 'dispute';
  amount: number;
  charge: string;
  currency: string;
  status: 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost';
  balance_transactions: StripeObject[];
}

/**
 * Disputes (chargebacks) as Stripe keeps them on the connected account of the charge: the
 * customer's bank opens one (the control hook below acts as that bank) and Stripe at once withdraws
 * the disputed amount from the account (a negative balance transaction, `charge.dispute.funds_withdrawn`);
 * closed won, Stripe reinstates it (a positive one, `charge.dispute.funds_reinstated`); lost, it stays withdrawn.
 * https://docs.stripe.com/disputes/how-disputes-work
 */
export function disputeRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/disputes\/([^/]+)$/,
      handle: ({ match: [id], account }, emu) => emu.state.get('dispute', id, account, 'dispute'),
    },
  ];
}

/** Control hooks: the customer's bank opens a dispute of a charge, and decides it. */
export function disputeControlRoutes(): Route[] {
  return [
    {
      control: true,
      method: 'POST',
      path: /^\/_emulator\/charges\/([^/]+)\/dispute$/,
      handle: ({ match: [id], params }, emu) => {
        const { account, value: charge } = emu.state.find<Charge>('charge', id);
        return openDispute(emu, charge, account, params.amount, params.reason);
      },
    },
    {
      control: true,
      method: 'POST',
      path: /^\/_emulator\/disputes\/([^/]+)\/close$/,
      handle: ({ match: [id], params }, emu) => {
        const { account, value: dispute } = emu.state.find<Dispute>('dispute', id);
        if (params.status !== 'won' && params.status !== 'lost') throw invalid('status must be won or lost', 'status');
        return closeDispute(emu, dispute, account, params.status);
      },
    },
  ];
}

function openDispute(emu: EmulatorCore, charge: Charge, account: AccountScope, amountParam: unknown, reasonParam: unknown): Dispute {
  if (charge.status !== 'succeeded') throw invalid(`Charge ${charge.id} was not paid and cannot be disputed.`, 'charge');
  const amount = amountParam === undefined ? charge.amount : requireInteger(String(amountParam), 'amount', { min: 1 });
  if (amount > charge.amount) throw invalid(`A dispute of ${amount} is more than the charge's ${charge.amount}.`, 'amount');
  const reason = reasonParam === undefined ? 'fraudulent' : String(reasonParam);
  if (!DISPUTE_REASONS.includes(reason)) throw invalid(`reason must be one of ${DISPUTE_REASONS.join(', ')}`, 'reason');
  const created = nowSeconds();
  // Every field of Stripe's dispute object (https://docs.stripe.com/api/disputes/object).
  const dispute: Dispute = {
    id: stripeId('du'),
    object: 'dispute',
    amount,
    balance_transactions: [],
    charge: charge.id,
    created,
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: {
      access_activity_log: null, billing_address: null, cancellation_policy: null, cancellation_policy_disclosure: null, cancellation_rebuttal: null,
      customer_communication: null, customer_email_address: null, customer_name: null, customer_purchase_ip: null, customer_signature: null,
      duplicate_charge_documentation: null, duplicate_charge_explanation: null, duplicate_charge_id: null, product_description: null, receipt: null,
      refund_policy: null, refund_policy_disclosure: null, refund_refusal_explanation: null, service_date: null, service_documentation: null,
      shipping_address: null, shipping_carrier: null, shipping_date: null, shipping_documentation: null, shipping_tracking_number: null,
      uncategorized_file: null, uncategorized_text: null,
    },
    evidence_details: { due_by: created + 7 * 24 * 3600, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: false,
    livemode: false,
    metadata: metadataOf(undefined),
    payment_intent: charge.payment_intent,
    payment_method_details: { card: { brand: 'visa', case_type: 'chargeback', network_reason_code: '10.4' }, type: 'card' },
    reason,
    status: 'needs_response',
  };
  emu.state.put(account, dispute);
  charge.disputed = true;
  emu.emit('charge.dispute.created', dispute, account);
  moveFunds(dispute, -amount, `Chargeback withdrawal for ${charge.id}`);
  emu.emit('charge.dispute.funds_withdrawn', dispute, account);
  return dispute;
}

function closeDispute(emu: EmulatorCore, dispute: Dispute, account: AccountScope, status: 'won' | 'lost'): Dispute {
  if (dispute.status === 'won' || dispute.status === 'lost') throw invalid(`Dispute ${dispute.id} is already closed (${dispute.status}).`, 'status');
  const previous = { status: dispute.status };
  dispute.status = status;
  emu.emit('charge.dispute.closed', dispute, account, previous);
  if (status === 'won') {
    moveFunds(dispute, dispute.amount, `Chargeback reversal for ${dispute.charge}`);
    emu.emit('charge.dispute.funds_reinstated', dispute, account);
  }
  return dispute;
}

/** Stripe's balance transaction of a dispute: negative when it withdraws the funds, positive when it reinstates them. */
function moveFunds(dispute: Dispute, amount: number, description: string) {
  const created = nowSeconds();
  dispute.balance_transactions.push({
    id: stripeId('txn'), object: 'balance_transaction', amount, available_on: created, created, currency: dispute.currency, description,
    exchange_rate: null, fee: 0, fee_details: [], net: amount, reporting_category: 'dispute', source: dispute.id, status: 'available',
    type: 'adjustment',
  });
}
