/**
 * Event builders for the projection specs (not used by production code): uuid ids, since read
 * models keep ids as uuid columns, and the events the deciders would record, taxes included.
 */
import { randomUUID } from 'node:crypto';
import type { InvoiceCredited, InvoiceIssued, InvoiceVoided, PaymentRecorded, PaymentRefunded, PaymentRefundFailed, InvoicePaid } from '../invoices/invoice.events';
import { computeInvoiceTax } from '../invoices/tax.rules';
import type { TaxJurisdiction } from '../invoices/tax-jurisdiction.rules';
import type { QuoteLine } from '../quotes/quote.events';
import { lineTotalMinor } from '../quotes/quote-totals.rules';
import type {
  AdvisorReviewRequested, ClockInterval, RepairOrderOpened, TechnicianAssigned, WorkApproved, WorkCompleted, WorkReturned, WorkStarted,
} from '../repair-orders/repair-order.events';

export const laborLine = (quantity: number, unitPriceMinor: number, taxable = true): QuoteLine => ({
  lineId: randomUUID(), kind: 'labor', description: 'Labor', quantity, unitPriceMinor, taxable,
});
export const partLine = (quantity: number, unitPriceMinor: number, taxable = true): QuoteLine => ({
  lineId: randomUUID(), kind: 'part', description: 'Part', quantity, unitPriceMinor, taxable,
});

/** One repair order's events; times are full ISO instants. */
export function repairOrderEvents(repairOrderId = randomUUID()) {
  const ro = { repairOrderId };
  return {
    id: repairOrderId,
    opened: (lines: QuoteLine[], at: string, over: Partial<RepairOrderOpened['data']> = {}): RepairOrderOpened => ({
      type: 'RepairOrderOpened',
      data: { ...ro, quoteId: randomUUID(), customerId: randomUUID(), vehicleId: randomUUID(), locationId: null, currency: 'USD', lines, deferred: [], openedAt: at, ...over },
    }),
    assigned: (lineId: string, technicianIds: string[], at: string, stoppedClocks: ClockInterval[] = []): TechnicianAssigned => ({
      type: 'TechnicianAssigned', data: { ...ro, lineId, technicianIds, assignedAt: at, stoppedClocks },
    }),
    started: (lineId: string, technicianId: string, at: string): WorkStarted => ({ type: 'WorkStarted', data: { ...ro, lineId, technicianId, startedAt: at } }),
    completed: (lineId: string, technicianId: string, at: string, stoppedClocks: ClockInterval[]): WorkCompleted => ({
      type: 'WorkCompleted', data: { ...ro, lineId, technicianId, completedAt: at, stoppedClocks },
    }),
    reviewRequested: (at: string): AdvisorReviewRequested => ({ type: 'AdvisorReviewRequested', data: { ...ro, requestedAt: at } }),
    returned: (lineId: string, reason: string, at: string): WorkReturned => ({ type: 'WorkReturned', data: { ...ro, lineId, reason, returnedAt: at } }),
    approved: (at: string): WorkApproved => ({ type: 'WorkApproved', data: { ...ro, approvedAt: at } }),
  };
}

export const clockInterval = (technicianId: string, startedAt: string, stoppedAt: string): ClockInterval => ({ technicianId, startedAt, stoppedAt });

/** An invoice's events; InvoiceIssued carries the taxes computeInvoiceTax gives for the lines. */
export function invoiceEvents(invoiceId = randomUUID()) {
  return {
    id: invoiceId,
    issued: (input: {
      number: string; repairOrderId: string; lines: QuoteLine[]; issuedAt: string; locationId?: string; vehicleId?: string; customerId?: string;
      currency?: string; jurisdiction?: TaxJurisdiction;
    }): InvoiceIssued => {
      const currency = input.currency ?? 'USD';
      const jurisdiction = input.jurisdiction ?? { kind: 'US_SALES_TAX', rateBps: 800 };
      const tax = computeInvoiceTax({
        currency, jurisdiction, lines: input.lines.map((l) => ({ lineId: l.lineId, taxable: l.taxable, amount: { amountMinor: lineTotalMinor(l), currency } })),
      });
      return {
        type: 'InvoiceIssued',
        data: {
          invoiceId, number: input.number, repairOrderId: input.repairOrderId, customerId: input.customerId ?? randomUUID(), vehicleId: input.vehicleId ?? randomUUID(),
          locationId: input.locationId ?? randomUUID(), currency, currencyExponent: tax.currencyExponent, jurisdiction, placeOfSupply: null,
          lines: input.lines.map((l, i) => ({ ...l, amount: tax.lines[i].amount, components: tax.lines[i].components, tax: tax.lines[i].tax, total: tax.lines[i].total })),
          taxSummary: tax.components, subtotal: tax.subtotal, taxableSubtotal: tax.taxableSubtotal, taxTotal: tax.taxTotal, grandTotal: tax.grandTotal,
          issuedAt: input.issuedAt,
        },
      };
    },
    paid: (paymentId: string, amountMinor: number, at: string, method: PaymentRecorded['data']['method'] = 'cash'): PaymentRecorded => ({
      type: 'PaymentRecorded', data: { invoiceId, paymentId, method, amount: { amountMinor, currency: 'USD' }, reference: null, receivedAt: at },
    }),
    settled: (amountMinor: number, at: string): InvoicePaid => ({ type: 'InvoicePaid', data: { invoiceId, amountPaid: { amountMinor, currency: 'USD' }, paidAt: at } }),
    refunded: (paymentId: string, amountMinor: number, at: string, refundId: string = randomUUID()): PaymentRefunded => ({
      type: 'PaymentRefunded', data: { invoiceId, paymentId, refundId, amount: { amountMinor, currency: 'USD' }, reason: 'goodwill', reference: null, refundedAt: at },
    }),
    /** The refund `refundId` of `amountMinor` failed at Stripe. */
    refundFailed: (paymentId: string, refundId: string, amountMinor: number, at: string): PaymentRefundFailed => ({
      type: 'PaymentRefundFailed', data: {
        invoiceId, paymentId, refundId, reference: `re_${refundId.slice(0, 8)}`, amount: { amountMinor, currency: 'USD' }, method: 'stripe', status: 'failed',
        reason: 'expired_or_canceled_card', failedAt: at,
      },
    }),
    voided: (at: string): InvoiceVoided => ({ type: 'InvoiceVoided', data: { invoiceId, reason: 'issued in error', voidedAt: at } }),
    /** A credit note of `subtotalMinor` pre-tax and `taxMinor` sales tax off line `lineId` (USD, as `issued` defaults to). */
    credited: (lineId: string, subtotalMinor: number, taxMinor: number, at: string): InvoiceCredited => ({
      type: 'InvoiceCredited',
      data: {
        invoiceId, creditNoteId: randomUUID(), number: 'CN-000001', lines: [{ lineId, quantityHundredths: 0, amountMinor: subtotalMinor }],
        taxSummary: [{ name: 'SALES_TAX', rateBps: 800, amount: { amountMinor: taxMinor, currency: 'USD' } }],
        subtotal: { amountMinor: subtotalMinor, currency: 'USD' }, taxTotal: { amountMinor: taxMinor, currency: 'USD' },
        grandTotal: { amountMinor: subtotalMinor + taxMinor, currency: 'USD' }, creditedAt: at,
      },
    }),
  };
}
