import { StoredEvent } from '@workbay/eventstore';
import type { RecordRows } from '../shared/record-as-of';
import { dateOf } from '../shared/record-as-of';
import type { InvoiceEvent } from './invoice.events';
import { InvoiceLineRow, InvoicePaymentRow, InvoiceRow } from './invoice-board.entities';

export interface InvoiceRows {
  invoice: InvoiceRow;
  lines: InvoiceLineRow[];
  payments: InvoicePaymentRow[];
}

/**
 * invoice-board.projection.ts, statement for statement, for one invoice (see RecordRows). As in
 * its UPDATEs, every right-hand side reads the row as it was before the event.
 */
export const invoiceRows: RecordRows<InvoiceRows> = (rows, stored: StoredEvent) => {
  const event = { type: stored.type, data: stored.data } as InvoiceEvent;
  const t = stored.tenantId;
  const moved = { version: stored.streamVersion, updatedAt: new Date(stored.recordedAt) };
  if (event.type === 'InvoiceIssued') {
    if (rows) return rows;
    const d = event.data;
    return {
      invoice: {
        tenantId: t, id: d.invoiceId, number: d.number, status: 'issued', repairOrderId: d.repairOrderId, customerId: d.customerId, vehicleId: d.vehicleId,
        locationId: d.locationId, currency: d.currency, currencyExponent: d.currencyExponent, jurisdiction: d.jurisdiction, placeOfSupply: d.placeOfSupply,
        placeOfSupplySource: d.placeOfSupplySource ?? null, sellerTaxId: d.sellerTaxId ?? null, buyerTaxId: d.buyerTaxId ?? null,
        buyerBillingAddress: d.buyerBillingAddress ?? null, recipientSource: d.recipientSource ?? null, recipientHouseholdId: d.recipientHouseholdId ?? null, reverseCharge: d.reverseCharge ?? false, taxNote: d.taxNote ?? null,
        taxSummary: d.taxSummary, subtotalMinor: d.subtotal.amountMinor, taxableSubtotalMinor: d.taxableSubtotal.amountMinor,
        taxTotalMinor: d.taxTotal.amountMinor, grandTotalMinor: d.grandTotal.amountMinor, paidMinor: 0, creditedMinor: 0, balanceDueMinor: d.grandTotal.amountMinor,
        issuedAt: new Date(d.issuedAt), paidAt: null, voidedAt: null, voidReason: null, ...moved,
      },
      lines: d.lines.map((l, ordinal) => ({
        tenantId: t, invoiceId: d.invoiceId, lineId: l.lineId, ordinal, kind: l.kind, description: l.description, hsnSac: l.hsnSac ?? null, taxCategory: l.taxCategory ?? 'standard', quantity: String(l.quantity),
        unitPriceMinor: l.unitPriceMinor, taxable: l.taxable, amountMinor: l.amount.amountMinor, taxComponents: l.components,
        taxMinor: l.tax.amountMinor, totalMinor: l.total.amountMinor,
      })),
      payments: [],
    };
  }
  if (!rows) return rows;
  const { invoice, lines, payments } = rows;
  const keepVoid = (status: string) => (invoice.status === 'void' ? invoice.status : status);
  switch (event.type) {
    case 'PaymentRecorded': {
      const d = event.data;
      const amount = d.amount.amountMinor;
      const known = payments.some((p) => p.paymentId === d.paymentId);
      return {
        invoice: {
          ...invoice, paidMinor: invoice.paidMinor + amount, balanceDueMinor: invoice.balanceDueMinor - amount,
          status: keepVoid(invoice.balanceDueMinor - amount <= 0 ? 'paid' : 'partially_paid'), ...moved,
        },
        lines,
        payments: known ? payments : [...payments, {
          tenantId: t, invoiceId: invoice.id, paymentId: d.paymentId, method: d.method, amountMinor: amount, refundedMinor: 0,
          reference: d.reference ?? null, receivedAt: new Date(d.receivedAt), refunds: [], disputedMinor: 0, disputes: [],
        }],
      };
    }
    case 'PaymentRefunded': {
      const d = event.data;
      const amount = d.amount.amountMinor;
      const refund = { refundId: d.refundId, amountMinor: amount, reference: d.reference, reason: d.reason, refundedAt: d.refundedAt, creditNoteId: d.creditNoteId ?? null };
      return {
        invoice: {
          ...invoice, paidMinor: invoice.paidMinor - amount, balanceDueMinor: invoice.balanceDueMinor + amount,
          status: keepVoid(invoice.balanceDueMinor + amount <= 0 ? 'paid' : invoice.paidMinor - amount <= 0 ? 'issued' : 'partially_paid'),
          paidAt: invoice.status !== 'void' && invoice.balanceDueMinor + amount <= 0 ? invoice.paidAt : null, ...moved,
        },
        lines,
        payments: payments.map((p) => (p.paymentId === d.paymentId ? { ...p, refundedMinor: p.refundedMinor + amount, refunds: [...p.refunds, refund] } : p)),
      };
    }
    case 'PaymentRefundFailed': {
      const d = event.data;
      const amount = d.amount.amountMinor;
      const failed = { status: d.status, reason: d.reason, failedAt: d.failedAt };
      return {
        invoice: {
          ...invoice, paidMinor: invoice.paidMinor + amount, balanceDueMinor: invoice.balanceDueMinor - amount,
          status: keepVoid(invoice.balanceDueMinor - amount <= 0 ? 'paid' : invoice.paidMinor + amount <= 0 ? 'issued' : 'partially_paid'),
          paidAt: invoice.status !== 'void' && invoice.balanceDueMinor - amount <= 0 ? invoice.paidAt : null, ...moved,
        },
        lines,
        payments: payments.map((p) => (p.paymentId !== d.paymentId ? p : {
          ...p, refundedMinor: p.refundedMinor - amount, refunds: p.refunds.map((r) => (r.refundId === d.refundId ? { ...r, failed } : r)),
        })),
      };
    }
    case 'PaymentDisputed':
    case 'PaymentDisputeUpdated': {
      const d = event.data;
      const change = event.type === 'PaymentDisputed' ? event.data.withdrawn.amountMinor : event.data.change.amountMinor;
      return {
        invoice: {
          ...invoice, paidMinor: invoice.paidMinor - change, balanceDueMinor: invoice.balanceDueMinor + change,
          status: keepVoid(invoice.balanceDueMinor + change <= 0 ? 'paid' : invoice.paidMinor - change <= 0 ? 'issued' : 'partially_paid'),
          paidAt: invoice.status !== 'void' && invoice.balanceDueMinor + change <= 0 ? invoice.paidAt : null, ...moved,
        },
        lines,
        payments: payments.map((p) => {
          if (p.paymentId !== d.paymentId) return p;
          const disputes = p.disputes ?? [];
          if (event.type === 'PaymentDisputed') {
            const e = event.data;
            return { ...p, disputedMinor: (p.disputedMinor ?? 0) + change, disputes: [...disputes, {
              disputeId: e.disputeId, amountMinor: e.amount.amountMinor, reason: e.reason, status: e.status, withdrawnMinor: e.withdrawn.amountMinor, openedAt: e.openedAt, closedAt: e.closedAt,
            }] };
          }
          return { ...p, disputedMinor: (p.disputedMinor ?? 0) + change, disputes: disputes.map((x) => x.disputeId !== d.disputeId ? x : {
            ...x, status: d.status, withdrawnMinor: d.withdrawn.amountMinor, closedAt: d.closedAt,
          }) };
        }),
      };
    }
    case 'InvoiceCredited': {
      const amount = event.data.grandTotal.amountMinor;
      return { invoice: { ...invoice, creditedMinor: invoice.creditedMinor + amount, balanceDueMinor: invoice.balanceDueMinor - amount, ...moved }, lines, payments };
    }
    case 'InvoicePaid':
      return { invoice: { ...invoice, status: 'paid', paidAt: dateOf(event.data.paidAt), ...moved }, lines, payments };
    case 'InvoiceVoided':
      return {
        invoice: { ...invoice, status: 'void', voidedAt: dateOf(event.data.voidedAt), voidReason: event.data.reason, balanceDueMinor: 0, ...moved },
        lines, payments,
      };
    default:
      return rows;
  }
};
