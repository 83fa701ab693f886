/**
 * Invoice aggregate: the tax invoice of one approved repair order, and the payments and refunds
 * against it. issued -> partially_paid -> paid as money comes in; a refund re-opens the balance
 * (paid -> partially_paid, or issued when nothing is left paid); void only while nothing is paid.
 * Tax comes from the pure tax engine (tax.rules.ts) under the location's jurisdiction: this file adds no
 * tax arithmetic of its own. Pure: the repair order's facts, the location's jurisdiction, the
 * invoice number, time, ids and the actor all arrive on the command.
 */
import { Decider } from '@workbay/eventstore/core';
import { amountMinorProblem, PAYMENT_MINOR, readOptionalText, TextRule } from '@workbay/platform/fields';
import { QuoteLine } from '../quotes/quote.events';
import { lineTotalMinor } from '../quotes/quote-totals.rules';
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
  RefundExceedsPayment,
  RepairOrderNotInvoiceable,
} from './invoice.errors';
import { InvoiceEvent, InvoiceIssued, PAYMENT_METHODS, PaymentMethod } from './invoice.events';
import { computeInvoiceTax, IN_GST_STATES, Money, TaxJurisdiction } from './tax.rules';

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
  /** Indian GST only: where the customer receives the supply; defaults to the location's state (intra-state). */
  placeOfSupplyStateCode?: string | null;
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
  refundedAt: string;
  actor: string;
}

export interface VoidInvoice {
  type: 'VoidInvoice';
  reason: string;
  voidedAt: string;
  actor: string;
}

export type InvoiceCommand = IssueInvoice | RecordPayment | RefundPayment | VoidInvoice;

export interface RefundState {
  refundId: string;
  amountMinor: number;
  reference: string | null;
  reason: string | null;
  refundedAt: string;
}

export interface PaymentState {
  paymentId: string;
  method: PaymentMethod;
  amountMinor: number;
  reference: string | null;
  receivedAt: string;
  refundedMinor: number;
  refunds: RefundState[];
}

type InvoiceContent = InvoiceIssued['data'] & {
  payments: PaymentState[];
  /** Received minus refunded. */
  paidMinor: number;
  paidAt: string | null;
};

export type InvoiceState =
  | { status: 'none' }
  | (InvoiceContent & { status: Exclude<InvoiceStatus, 'void'> })
  | (InvoiceContent & { status: 'void'; voidedAt: string; voidReason: string });

export type ExistingInvoice = Exclude<InvoiceState, { status: 'none' }>;

export const balanceDueMinor = (invoice: ExistingInvoice): number => invoice.grandTotal.amountMinor - invoice.paidMinor;

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

function placeOfSupply(command: IssueInvoice, jurisdiction: TaxJurisdiction): string | null {
  const given = optionalText('placeOfSupplyStateCode', command.placeOfSupplyStateCode, { max: 2 });
  if (jurisdiction.kind !== 'IN_GST') {
    if (given !== null) throw new InvalidInvoiceField('placeOfSupplyStateCode', `only Indian GST has a place of supply; this location charges ${jurisdiction.kind}`);
    return null;
  }
  if (given !== null && !Object.hasOwn(IN_GST_STATES, given)) {
    throw new InvalidInvoiceField('placeOfSupplyStateCode', `'${given}' is not an Indian GST state code`);
  }
  return given ?? jurisdiction.stateCode;
}

function decideIssue(command: IssueInvoice, state: InvoiceState): InvoiceEvent[] {
  if (state.status !== 'none') throw new InvoiceAlreadyIssued(state.number, state.status);
  const ro = command.repairOrder;
  if (ro.status !== 'approved') throw new RepairOrderNotInvoiceable(ro.status);
  if (ro.locationId === null || command.jurisdiction === null) throw new InvoiceLocationRequired();
  const supply = placeOfSupply(command, command.jurisdiction);
  const { currency } = ro;
  const tax = computeInvoiceTax({
    currency,
    jurisdiction: command.jurisdiction,
    placeOfSupply: supply ?? undefined,
    lines: ro.lines.map((l) => ({ lineId: l.lineId, amount: { amountMinor: lineTotalMinor(l), currency }, taxable: l.taxable })),
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
      placeOfSupply: supply,
      lines: ro.lines.map(({ lineId, kind, description, quantity, unitPriceMinor, taxable }, i) => {
        const { amount, components, tax: lineTax, total } = tax.lines[i];
        return { lineId, kind, description, quantity, unitPriceMinor, taxable, amount, components, tax: lineTax, total };
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
  const refundable = payment.amountMinor - payment.refundedMinor;
  if (refundable === 0) throw new PaymentFullyRefunded(payment.paymentId);
  const amountMinor = command.amountMinor === undefined || command.amountMinor === null ? refundable : positiveMinor('amountMinor', command.amountMinor);
  if (amountMinor > refundable) throw new RefundExceedsPayment(amountMinor, refundable);
  return [{
    type: 'PaymentRefunded',
    data: {
      invoiceId: invoice.invoiceId, paymentId: payment.paymentId, refundId: command.refundId,
      amount: { amountMinor, currency: invoice.currency }, method: payment.method, reason, reference, refundedAt: command.refundedAt,
    },
  }];
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
  const status = statusFor(paidMinor, invoice.grandTotal.amountMinor);
  return { ...invoice, status, payments, paidMinor, paidAt: status === 'paid' ? invoice.paidAt : null };
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
      default: {
        const unknown: never = command;
        throw new Error(`unknown invoice command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'InvoiceIssued':
        return state.status === 'none' ? { ...event.data, status: 'issued', payments: [], paidMinor: 0, paidAt: null } : state;
      case 'PaymentRecorded': {
        if (state.status === 'none') return state;
        const { paymentId, method, amount, reference, receivedAt } = event.data;
        const payment: PaymentState = { paymentId, method, amountMinor: amount.amountMinor, reference, receivedAt, refundedMinor: 0, refunds: [] };
        return withPaid(state, [...state.payments, payment], state.paidMinor + amount.amountMinor);
      }
      case 'PaymentRefunded': {
        if (state.status === 'none') return state;
        const { paymentId, refundId, amount, reason, reference, refundedAt } = event.data;
        const payments = state.payments.map((p) => p.paymentId !== paymentId ? p : {
          ...p,
          refundedMinor: p.refundedMinor + amount.amountMinor,
          refunds: [...p.refunds, { refundId, amountMinor: amount.amountMinor, reference, reason, refundedAt }],
        });
        return withPaid(state, payments, state.paidMinor - amount.amountMinor);
      }
      case 'InvoicePaid':
        return state.status === 'none' || state.status === 'void' ? state : { ...state, status: 'paid', paidAt: event.data.paidAt };
      case 'InvoiceVoided':
        return state.status === 'none' ? state : { ...state, status: 'void', voidedAt: event.data.voidedAt, voidReason: event.data.reason };
      default:
        return state;
    }
  },
};
