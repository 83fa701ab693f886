/**
 * Invoice aggregate: the tax invoice of one approved repair order, and the payments and refunds
 * against it. issued -> partially_paid -> paid as money comes in; a refund re-opens the balance
 * (paid -> partially_paid, or issued when nothing is left paid); void only while nothing is paid.
 * A Stripe dispute (chargeback) re-opens it by what Stripe withdrew, and settles it again when the
 * funds are reinstated (a won dispute). A refund that fails at Stripe after it was booked is reversed
 * (NoteRefundFailed): the money stayed with the shop.
 * Tax comes from the pure tax engine (tax.rules.ts) under the location's jurisdiction: this file adds no
 * tax arithmetic of its own. Pure: the repair order's facts, the location's jurisdiction, the
 * invoice number, time, ids and the actor all arrive on the command.
 */
import { Decider } from '@workbay/eventstore/core';
import { amountMinorProblem, PAYMENT_MINOR, readOptionalText, TextRule } from '@workbay/platform/fields';
import { QuoteLine } from '../quotes/quote.events';
import { discountedLineTotalMinor } from '../quotes/quote-discount.rules';
import {
  InvalidInvoiceField,
  InvoiceAlreadyIssued,
  InvoiceHasPayments,
  InvoiceLocationRequired,
  InvoiceNotFound,
  InvoiceNotPayable,
  PaymentCurrencyMismatch,
  InvoiceStatus,
  Overpayment,
  PaymentFullyRefunded,
  PaymentNotFound,
  PaymentReferenceConflict,
  RefundExceedsCredit,
  RefundExceedsPayment,
  RefundNotFound,
  DisputeExceedsPayment,
  RepairOrderNotInvoiceable,
} from './invoice.errors';
import {
  CLOSED_DISPUTE_STATUSES, DISPUTE_STATUSES, DisputeStatus, FAILED_REFUND_STATUSES, FailedRefundStatus, InvoiceCredited, InvoiceEvent, InvoiceIssued,
  PAYMENT_METHODS, PaymentDisputed, PaymentDisputeUpdated, PaymentMethod, PaymentRefundFailed,
} from './invoice.events';
import { computeInvoiceTax, Money, TaxJurisdiction } from './tax.rules';
import { Recipient, supplyTerms } from './place-of-supply.rules';
import type { TaxId } from './tax-id.rules';

export * from './invoice.errors';

/** What the invoice needs to know of its repair order, read by the handler from the RO's stream. */
export interface RepairOrderFacts {
  repairOrderId: string;
  /** 'none' when the repair order does not exist. */
  status: string;
  customerId: string;
  vehicleId: string;
  locationId: string | null;
  currency: string;
  lines: QuoteLine[];
}

export interface IssueInvoice {
  type: 'IssueInvoice';
  invoiceId: string;
  /** Reserved by the handler from the tenant's invoice number sequence (invoice-number.rules.ts). */
  number: string;
  repairOrder: RepairOrderFacts;
  /** The location's jurisdiction; null when the repair order has no location. */
  jurisdiction: TaxJurisdiction | null;
  /** Indian GST only: an explicit place of supply, overriding the one derived from the customer's records (place-of-supply.rules.ts). */
  placeOfSupplyStateCode?: string | null;
  /** The recipient's billing details at issue (the customer's, or their household's: place-of-supply.rules.ts `recipientOf`); absent: none on record. */
  recipient?: Recipient;
  /** The location's own GSTIN or VAT id at issue. */
  sellerTaxId?: TaxId | null;
  issuedAt: string;
  actor: string;
}

export interface RecordPayment {
  type: 'RecordPayment';
  paymentId: string;
  method: PaymentMethod;
  amountMinor: number;
  /** Check number, card last4, Stripe PaymentIntent id (required for 'stripe'). */
  reference?: string | null;
  /** The currency the money arrived in, when a provider says so (Stripe): it must be the invoice's. */
  currency?: string;
  receivedAt: string;
  actor: string;
}

export interface RefundPayment {
  type: 'RefundPayment';
  refundId: string;
  paymentId: string;
  /** Omitted: whatever of the payment is not yet refunded. */
  amountMinor?: number | null;
  reason?: string | null;
  reference?: string | null;
  /** Gives back a credit note's money (checked by the handler to be one of this invoice's): at most the credit balance, so the receivable stays closed. */
  creditNoteId?: string | null;
  refundedAt: string;
  actor: string;
}

export interface VoidInvoice {
  type: 'VoidInvoice';
  reason: string;
  voidedAt: string;
  actor: string;
}

/** Notes the PaymentIntent Stripe made for the invoice (a second note of one intent changes nothing). */
export interface NoteOnlinePayment {
  type: 'NoteOnlinePayment';
  paymentIntentId: string;
  amountMinor: number;
  startedAt: string;
  actor: string;
}

/** Records that open intents were cancelled at Stripe (one append: a command keyed once notes them all); nothing for one not open. */
export interface NoteOnlinePaymentsCancelled {
  type: 'NoteOnlinePaymentsCancelled';
  paymentIntentIds: string[];
  cancelledAt: string;
  actor: string;
}

/**
 * Books a Stripe payment's dispute as Stripe shows it now (stripe-disputes.ts re-fetches it on each
 * webhook): the same status and withdrawal seen again books nothing, so each dispute state is booked once.
 */
export interface NoteStripeDispute {
  type: 'NoteStripeDispute';
  paymentId: string;
  disputeId: string;
  amountMinor: number;
  /** Upper-case ISO code: it must be the invoice's. */
  currency: string;
  reason: string;
  status: DisputeStatus;
  /** Stripe holds the disputed amount withdrawn from the shop (its balance transactions). */
  fundsWithdrawn: boolean;
  openedAt: string;
  at: string;
  actor: string;
}

/**
 * Reverses one booked refund that failed (or was canceled) at Stripe after it was booked
 * (stripe-refunds.ts re-fetches the refund on each webhook): a second notice of the same refund books nothing.
 */
export interface NoteRefundFailed {
  type: 'NoteRefundFailed';
  paymentId: string;
  /** The booked refund (not Stripe's id: the handler finds it by its reference). */
  refundId: string;
  status: FailedRefundStatus;
  /** Stripe's `failure_reason`; absent or empty: unknown. */
  reason?: string | null;
  failedAt: string;
  actor: string;
}

export type InvoiceCommand = IssueInvoice | RecordPayment | RefundPayment | VoidInvoice | NoteOnlinePayment | NoteOnlinePaymentsCancelled | NoteStripeDispute
  | NoteRefundFailed;

export interface RefundState {
  refundId: string;
  amountMinor: number;
  reference: string | null;
  reason: string | null;
  refundedAt: string;
  /** The credit note whose money it gave back; absent or null for a refund of money alone. */
  creditNoteId?: string | null;
  /** Set when it failed or was canceled at Stripe after it was booked: its amount is no longer in `refundedMinor`. */
  failed?: { status: FailedRefundStatus; reason: string; failedAt: string } | null;
}

export interface DisputeState {
  disputeId: string;
  amountMinor: number;
  reason: string;
  status: DisputeStatus;
  /** What Stripe holds withdrawn for it now. */
  withdrawnMinor: number;
  openedAt: string;
  closedAt: string | null;
}

export interface PaymentState {
  paymentId: string;
  method: PaymentMethod;
  amountMinor: number;
  reference: string | null;
  receivedAt: string;
  refundedMinor: number;
  refunds: RefundState[];
  /** Withdrawn by Stripe for disputes, now; absent on states folded before disputes were booked. */
  disputedMinor?: number;
  disputes?: DisputeState[];
}

/** What of a payment the shop still holds: received less refunded less withdrawn for disputes. */
const collectedMinor = (p: PaymentState): number => p.amountMinor - p.refundedMinor - (p.disputedMinor ?? 0);

type InvoiceContent = InvoiceIssued['data'] & {
  payments: PaymentState[];
  /** PaymentIntents started for the invoice and neither booked as a payment nor cancelled. */
  openIntents: string[];
  /** Received minus refunded minus withdrawn for disputes. */
  paidMinor: number;
  paidAt: string | null;
  /** Credit notes' totals (tax included): no longer owed. */
  creditedMinor: number;
  /** Per invoice line, what credit notes took off it so far (credit-notes/credit-note.rules.ts decides against it). */
  credited: Record<string, { quantityHundredths: number; amountMinor: number }>;
  /** Per tax component (by name), what credit notes reversed so far. */
  creditedTax: Record<string, number>;
};

export type InvoiceState =
  | { status: 'none' }
  | (InvoiceContent & { status: Exclude<InvoiceStatus, 'void'> })
  | (InvoiceContent & { status: 'void'; voidedAt: string; voidReason: string });

export type ExistingInvoice = Exclude<InvoiceState, { status: 'none' }>;

/** The receivable: grand total - credited - (paid - refunded). Below 0 it is the customer's credit balance (money a refund may give back). */
export const balanceDueMinor = (invoice: ExistingInvoice): number => invoice.grandTotal.amountMinor - (invoice.creditedMinor ?? 0) - invoice.paidMinor;

/** What the customer is owed back: credited plus paid above the grand total (a credit note after payment), until refunded. */
export const creditBalanceMinor = (invoice: ExistingInvoice): number => Math.max(0, -balanceDueMinor(invoice));

/** A card's last4 names a card, not a payment: two payments with one card are two payments. */
const REFERENCE_IDENTIFIES_PAYMENT: ReadonlySet<PaymentMethod> = new Set(['cash', 'check', 'other', 'stripe']);

function statusFor(paidMinor: number, grandTotalMinor: number): Exclude<InvoiceStatus, 'void'> {
  if (paidMinor >= grandTotalMinor) return 'paid';
  return paidMinor === 0 ? 'issued' : 'partially_paid';
}

function existing(state: InvoiceState): ExistingInvoice {
  if (state.status === 'none') throw new InvoiceNotFound();
  return state;
}

/** The text fields of an invoice command, each checked by the one text rule here and by its DTO. */
export const INVOICE_TEXT = {
  reference: { max: 200 },
  reason: { max: 500, multiline: true },
} as const satisfies Record<string, TextRule>;

function optionalText(field: string, value: unknown, rule: TextRule): string | null {
  const read = readOptionalText(value, rule);
  if (!read.ok) throw new InvalidInvoiceField(field, read.problem);
  return read.text;
}

function positiveMinor(field: string, value: unknown): number {
  const problem = amountMinorProblem(value, PAYMENT_MINOR);
  if (problem) throw new InvalidInvoiceField(field, problem);
  return value as number;
}

function decideIssue(command: IssueInvoice, state: InvoiceState): InvoiceEvent[] {
  if (state.status !== 'none') throw new InvoiceAlreadyIssued(state.number, state.status);
  const ro = command.repairOrder;
  if (ro.status !== 'approved') throw new RepairOrderNotInvoiceable(ro.status);
  if (ro.locationId === null || command.jurisdiction === null) throw new InvoiceLocationRequired();
  const override = optionalText('placeOfSupplyStateCode', command.placeOfSupplyStateCode, { max: 2 });
  const recipient = command.recipient ?? { taxId: null, billingAddress: null };
  const sellerTaxId = command.sellerTaxId ?? null;
  const terms = supplyTerms(command.jurisdiction, override, recipient, sellerTaxId, ro.lines.map((l) => l.hsnSac));
  const { currency } = ro;
  const tax = computeInvoiceTax({
    currency,
    jurisdiction: terms.chargedJurisdiction,
    placeOfSupply: terms.placeOfSupply ?? undefined,
    // Tax is on what is billed: each line after its share of the quote's discount.
    lines: ro.lines.map((l) => ({
      lineId: l.lineId, amount: { amountMinor: discountedLineTotalMinor(l), currency }, taxable: l.taxable, ...(l.taxCategory ? { category: l.taxCategory } : {}),
    })),
  });
  const issued: InvoiceIssued = {
    type: 'InvoiceIssued',
    data: {
      invoiceId: command.invoiceId,
      number: command.number,
      repairOrderId: ro.repairOrderId,
      customerId: ro.customerId,
      vehicleId: ro.vehicleId,
      locationId: ro.locationId,
      currency,
      currencyExponent: tax.currencyExponent,
      jurisdiction: command.jurisdiction,
      placeOfSupply: terms.placeOfSupply,
      placeOfSupplySource: terms.placeOfSupplySource,
      sellerTaxId,
      buyerTaxId: recipient.taxId,
      buyerBillingAddress: recipient.billingAddress,
      recipientSource: recipient.source ?? 'customer',
      recipientHouseholdId: recipient.source === 'household' ? recipient.householdId ?? null : null,
      reverseCharge: terms.reverseCharge,
      taxNote: terms.taxNote,
      lines: ro.lines.map(({ lineId, kind, description, quantity, unitPriceMinor, taxable, discountMinor, hsnSac, taxCategory }, i) => {
        const { amount, components, tax: lineTax, total } = tax.lines[i];
        return {
          lineId, kind, description, ...(hsnSac ? { hsnSac } : {}), ...(taxCategory ? { taxCategory } : {}),
          quantity, unitPriceMinor, taxable, ...(discountMinor ? { discountMinor } : {}),
          amount, components, tax: lineTax, total,
        };
      }),
      taxSummary: tax.components,
      subtotal: tax.subtotal,
      taxableSubtotal: tax.taxableSubtotal,
      taxTotal: tax.taxTotal,
      grandTotal: tax.grandTotal,
      issuedAt: command.issuedAt,
    },
  };
  // Nothing to collect (every line free): paid the moment it is issued.
  if (tax.grandTotal.amountMinor > 0) return [issued];
  return [issued, { type: 'InvoicePaid', data: { invoiceId: command.invoiceId, amountPaid: tax.grandTotal, paidAt: command.issuedAt } }];
}

function decidePayment(command: RecordPayment, state: InvoiceState): InvoiceEvent[] {
  const invoice = existing(state);
  if (!PAYMENT_METHODS.includes(command.method)) throw new InvalidInvoiceField('method', `must be one of ${PAYMENT_METHODS.join(', ')}`);
  const amountMinor = positiveMinor('amountMinor', command.amountMinor);
  const reference = optionalText('reference', command.reference, INVOICE_TEXT.reference);
  if (command.method === 'stripe' && reference === null) throw new InvalidInvoiceField('reference', 'a Stripe payment needs its PaymentIntent id');
  // A retry (same payment id) or a redelivered webhook (same external reference) records nothing new.
  const same = invoice.payments.find((p) =>
    p.paymentId === command.paymentId ||
    (reference !== null && REFERENCE_IDENTIFIES_PAYMENT.has(command.method) && p.method === command.method && p.reference === reference));
  if (same) {
    if (same.amountMinor !== amountMinor) throw new PaymentReferenceConflict(same.reference ?? same.paymentId, same.amountMinor);
    return [];
  }
  if (invoice.status === 'void') throw new InvoiceNotPayable('void', 'recording a payment');
  if (command.currency !== undefined && command.currency !== invoice.currency) throw new PaymentCurrencyMismatch(command.currency, invoice.currency);
  const balance = balanceDueMinor(invoice);
  if (amountMinor > balance) throw new Overpayment(amountMinor, balance, invoice.currency);
  const amount: Money = { amountMinor, currency: invoice.currency };
  const recorded: InvoiceEvent = {
    type: 'PaymentRecorded',
    data: { invoiceId: invoice.invoiceId, paymentId: command.paymentId, method: command.method, amount, reference, receivedAt: command.receivedAt },
  };
  if (amountMinor < balance) return [recorded];
  return [recorded, { type: 'InvoicePaid', data: { invoiceId: invoice.invoiceId, amountPaid: invoice.grandTotal, paidAt: command.receivedAt } }];
}

function decideRefund(command: RefundPayment, state: InvoiceState): InvoiceEvent[] {
  const invoice = existing(state);
  const payment = invoice.payments.find((p) => p.paymentId === command.paymentId);
  if (!payment) throw new PaymentNotFound(command.paymentId);
  const reference = optionalText('reference', command.reference, INVOICE_TEXT.reference);
  const reason = optionalText('reason', command.reason, INVOICE_TEXT.reason);
  if (payment.refunds.some((r) => r.refundId === command.refundId || (reference !== null && r.reference === reference))) return [];
  // Money Stripe withdrew for a dispute is not the shop's to refund.
  const refundable = collectedMinor(payment);
  if (refundable <= 0) throw new PaymentFullyRefunded(payment.paymentId);
  const creditNoteId = command.creditNoteId ?? null;
  const credit = creditBalanceMinor(invoice);
  // Omitted: all of the payment not yet refunded, or, giving back a credit, as much of it as this payment holds.
  const amountMinor = command.amountMinor === undefined || command.amountMinor === null
    ? (creditNoteId === null ? refundable : Math.min(refundable, credit))
    : positiveMinor('amountMinor', command.amountMinor);
  if (amountMinor > refundable) throw new RefundExceedsPayment(amountMinor, refundable);
  if (creditNoteId !== null && (amountMinor > credit || credit === 0)) throw new RefundExceedsCredit(amountMinor, credit);
  return [{
    type: 'PaymentRefunded',
    data: {
      invoiceId: invoice.invoiceId, paymentId: payment.paymentId, refundId: command.refundId,
      amount: { amountMinor, currency: invoice.currency }, method: payment.method, reason, reference, refundedAt: command.refundedAt,
      ...(creditNoteId !== null ? { creditNoteId } : {}),
    },
  }];
}

function decideDispute(command: NoteStripeDispute, state: InvoiceState): InvoiceEvent[] {
  const invoice = existing(state);
  const payment = invoice.payments.find((p) => p.paymentId === command.paymentId);
  if (!payment) throw new PaymentNotFound(command.paymentId);
  if (!DISPUTE_STATUSES.includes(command.status)) throw new InvalidInvoiceField('status', `must be one of ${DISPUTE_STATUSES.join(', ')}`);
  if (command.currency !== invoice.currency) throw new PaymentCurrencyMismatch(command.currency, invoice.currency);
  const amountMinor = positiveMinor('amountMinor', command.amountMinor);
  const reason = optionalText('reason', command.reason, { max: 100 }) ?? 'general';
  const withdrawnMinor = command.fundsWithdrawn ? amountMinor : 0;
  const closedAt = CLOSED_DISPUTE_STATUSES.has(command.status) ? command.at : null;
  const money = (minor: number) => ({ amountMinor: minor, currency: invoice.currency });
  const known = (payment.disputes ?? []).find((d) => d.disputeId === command.disputeId);
  if (!known) {
    if (amountMinor > collectedMinor(payment)) throw new DisputeExceedsPayment(amountMinor, collectedMinor(payment));
    const disputed: PaymentDisputed = { type: 'PaymentDisputed', data: {
      invoiceId: invoice.invoiceId, paymentId: payment.paymentId, disputeId: command.disputeId, amount: money(amountMinor), reason,
      status: command.status, withdrawn: money(withdrawnMinor), openedAt: command.openedAt, closedAt,
    } };
    return [disputed];
  }
  if (known.status === command.status && known.withdrawnMinor === withdrawnMinor) return [];
  // A late delivery of an earlier state cannot reopen a closed dispute.
  if (known.closedAt !== null && closedAt === null) return [];
  const change = withdrawnMinor - known.withdrawnMinor;
  if (change > collectedMinor(payment)) throw new DisputeExceedsPayment(withdrawnMinor, collectedMinor(payment) + known.withdrawnMinor);
  const updated: PaymentDisputeUpdated = { type: 'PaymentDisputeUpdated', data: {
    invoiceId: invoice.invoiceId, paymentId: payment.paymentId, disputeId: known.disputeId, status: command.status,
    withdrawn: money(withdrawnMinor), change: money(change), closedAt: known.closedAt ?? closedAt, updatedAt: command.at,
  } };
  // Funds reinstated (a won dispute) can settle the invoice again, as a payment would.
  const before = balanceDueMinor(invoice);
  if (invoice.status === 'void' || change >= 0 || before <= 0 || before + change > 0) return [updated];
  return [updated, { type: 'InvoicePaid', data: { invoiceId: invoice.invoiceId, amountPaid: invoice.grandTotal, paidAt: command.at } }];
}

function withDispute(invoice: ExistingInvoice, paymentId: string, change: number, dispute: (disputes: DisputeState[]) => DisputeState[]): InvoiceState {
  const payments = invoice.payments.map((p) => p.paymentId !== paymentId ? p : {
    ...p, disputedMinor: (p.disputedMinor ?? 0) + change, disputes: dispute(p.disputes ?? []),
  });
  return withPaid(invoice, payments, invoice.paidMinor - change);
}

function decideRefundFailed(command: NoteRefundFailed, state: InvoiceState): InvoiceEvent[] {
  const invoice = existing(state);
  const payment = invoice.payments.find((p) => p.paymentId === command.paymentId);
  if (!payment) throw new PaymentNotFound(command.paymentId);
  const refund = payment.refunds.find((r) => r.refundId === command.refundId);
  if (!refund) throw new RefundNotFound(command.refundId, payment.paymentId);
  if (!FAILED_REFUND_STATUSES.includes(command.status)) throw new InvalidInvoiceField('status', `must be one of ${FAILED_REFUND_STATUSES.join(', ')}`);
  // Each refund fails once: a redelivered webhook, refund.failed after refund.updated, a later `canceled` of a failed one.
  if (refund.failed) return [];
  const reason = optionalText('reason', command.reason, { max: 100 }) ?? 'unknown';
  const failed: PaymentRefundFailed = { type: 'PaymentRefundFailed', data: {
    invoiceId: invoice.invoiceId, paymentId: payment.paymentId, refundId: refund.refundId, reference: refund.reference,
    amount: { amountMinor: refund.amountMinor, currency: invoice.currency }, method: payment.method, status: command.status, reason,
    ...(refund.creditNoteId ? { creditNoteId: refund.creditNoteId } : {}), failedAt: command.failedAt,
  } };
  // The money back with the shop can settle the invoice again, as a payment would.
  const before = balanceDueMinor(invoice);
  if (invoice.status === 'void' || before <= 0 || before - refund.amountMinor > 0) return [failed];
  return [failed, { type: 'InvoicePaid', data: { invoiceId: invoice.invoiceId, amountPaid: invoice.grandTotal, paidAt: command.failedAt } }];
}

function decideVoid(command: VoidInvoice, state: InvoiceState): InvoiceEvent[] {
  const invoice = existing(state);
  if (invoice.status === 'void') throw new InvoiceNotPayable('void', 'voiding it again');
  if (invoice.paidMinor > 0) throw new InvoiceHasPayments(invoice.paidMinor);
  const reason = optionalText('reason', command.reason, INVOICE_TEXT.reason);
  if (reason === null) throw new InvalidInvoiceField('reason', 'say why the invoice is voided');
  return [{ type: 'InvoiceVoided', data: { invoiceId: invoice.invoiceId, reason, voidedAt: command.voidedAt } }];
}

function withPaid(invoice: ExistingInvoice, payments: PaymentState[], paidMinor: number): InvoiceState {
  if (invoice.status === 'void') return { ...invoice, payments, paidMinor };
  const status = statusFor(paidMinor, invoice.grandTotal.amountMinor - (invoice.creditedMinor ?? 0));
  return { ...invoice, status, payments, paidMinor, paidAt: status === 'paid' ? invoice.paidAt : null };
}

function evolveCredited(invoice: ExistingInvoice, credit: InvoiceCredited['data']): InvoiceState {
  // `?? ` : invoice states folded before credit notes existed (the vehicle history keeps them as JSON).
  const credited = { ...(invoice.credited ?? {}) };
  for (const l of credit.lines) {
    const before = credited[l.lineId] ?? { quantityHundredths: 0, amountMinor: 0 };
    credited[l.lineId] = { quantityHundredths: before.quantityHundredths + l.quantityHundredths, amountMinor: before.amountMinor + l.amountMinor };
  }
  const creditedTax = { ...(invoice.creditedTax ?? {}) };
  for (const c of credit.taxSummary) creditedTax[c.name] = (creditedTax[c.name] ?? 0) + c.amount.amountMinor;
  const next = { ...invoice, credited, creditedTax, creditedMinor: (invoice.creditedMinor ?? 0) + credit.grandTotal.amountMinor };
  return withPaid(next, next.payments, next.paidMinor);
}

export const invoiceDecider: Decider<InvoiceState, InvoiceCommand, InvoiceEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'IssueInvoice':
        return decideIssue(command, state);
      case 'RecordPayment':
        return decidePayment(command, state);
      case 'RefundPayment':
        return decideRefund(command, state);
      case 'VoidInvoice':
        return decideVoid(command, state);
      case 'NoteStripeDispute':
        return decideDispute(command, state);
      case 'NoteRefundFailed':
        return decideRefundFailed(command, state);
      case 'NoteOnlinePayment': {
        const invoice = existing(state);
        if (invoice.openIntents.includes(command.paymentIntentId) || invoice.payments.some((p) => p.method === 'stripe' && p.reference === command.paymentIntentId)) return [];
        return [{ type: 'OnlinePaymentStarted', data: {
          invoiceId: invoice.invoiceId, paymentIntentId: command.paymentIntentId,
          amount: { amountMinor: positiveMinor('amountMinor', command.amountMinor), currency: invoice.currency }, startedAt: command.startedAt,
        } }];
      }
      case 'NoteOnlinePaymentsCancelled': {
        const invoice = existing(state);
        return command.paymentIntentIds.filter((id, i, all) => invoice.openIntents.includes(id) && all.indexOf(id) === i).map((paymentIntentId): InvoiceEvent => ({
          type: 'OnlinePaymentCancelled', data: { invoiceId: invoice.invoiceId, paymentIntentId, cancelledAt: command.cancelledAt },
        }));
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown invoice command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'InvoiceIssued':
        return state.status === 'none'
          ? { ...event.data, status: 'issued', payments: [], openIntents: [], paidMinor: 0, paidAt: null, creditedMinor: 0, credited: {}, creditedTax: {} }
          : state;
      case 'PaymentRecorded': {
        if (state.status === 'none') return state;
        const { paymentId, method, amount, reference, receivedAt } = event.data;
        const payment: PaymentState = { paymentId, method, amountMinor: amount.amountMinor, reference, receivedAt, refundedMinor: 0, refunds: [] };
        const booked = method === 'stripe' ? { ...state, openIntents: state.openIntents.filter((id) => id !== reference) } : state;
        return withPaid(booked, [...state.payments, payment], state.paidMinor + amount.amountMinor);
      }
      case 'PaymentRefunded': {
        if (state.status === 'none') return state;
        const { paymentId, refundId, amount, reason, reference, refundedAt, creditNoteId } = event.data;
        const payments = state.payments.map((p) => p.paymentId !== paymentId ? p : {
          ...p,
          refundedMinor: p.refundedMinor + amount.amountMinor,
          refunds: [...p.refunds, { refundId, amountMinor: amount.amountMinor, reference, reason, refundedAt, ...(creditNoteId ? { creditNoteId } : {}) }],
        });
        return withPaid(state, payments, state.paidMinor - amount.amountMinor);
      }
      case 'PaymentRefundFailed': {
        if (state.status === 'none') return state;
        const { paymentId, refundId, amount, status, reason, failedAt } = event.data;
        const payments = state.payments.map((p) => p.paymentId !== paymentId ? p : {
          ...p,
          refundedMinor: p.refundedMinor - amount.amountMinor,
          refunds: p.refunds.map((r) => r.refundId !== refundId ? r : { ...r, failed: { status, reason, failedAt } }),
        });
        return withPaid(state, payments, state.paidMinor + amount.amountMinor);
      }
      case 'InvoicePaid':
        return state.status === 'none' || state.status === 'void' ? state : { ...state, status: 'paid', paidAt: event.data.paidAt };
      case 'InvoiceVoided':
        return state.status === 'none' ? state : { ...state, status: 'void', voidedAt: event.data.voidedAt, voidReason: event.data.reason };
      case 'OnlinePaymentStarted':
        return state.status === 'none' ? state : { ...state, openIntents: [...state.openIntents, event.data.paymentIntentId] };
      case 'OnlinePaymentCancelled':
        return state.status === 'none' ? state : { ...state, openIntents: state.openIntents.filter((id) => id !== event.data.paymentIntentId) };
      case 'InvoiceCredited':
        return state.status === 'none' ? state : evolveCredited(state, event.data);
      case 'PaymentDisputed': {
        if (state.status === 'none') return state;
        const d = event.data;
        const dispute: DisputeState = {
          disputeId: d.disputeId, amountMinor: d.amount.amountMinor, reason: d.reason, status: d.status, withdrawnMinor: d.withdrawn.amountMinor,
          openedAt: d.openedAt, closedAt: d.closedAt,
        };
        return withDispute(state, d.paymentId, d.withdrawn.amountMinor, (all) => [...all, dispute]);
      }
      case 'PaymentDisputeUpdated': {
        if (state.status === 'none') return state;
        const d = event.data;
        return withDispute(state, d.paymentId, d.change.amountMinor, (all) => all.map((x) => x.disputeId !== d.disputeId ? x : {
          ...x, status: d.status, withdrawnMinor: d.withdrawn.amountMinor, closedAt: d.closedAt,
        }));
      }
      default:
        return state;
    }
  },
};
