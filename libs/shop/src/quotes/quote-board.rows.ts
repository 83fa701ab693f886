import { StoredEvent } from '@workbay/eventstore';
import type { RecordRows } from '../shared/record-as-of';
import { dateOf } from '../shared/record-as-of';
import type { QuoteEvent, QuoteLine } from './quote.events';
import { QuoteLineRow, QuoteRow } from './quote-board.entities';
import { discountOf } from './quote-discount.rules';
import { lineTotalMinor, quoteTotals } from './quote-totals.rules';

export interface QuoteRows {
  quote: QuoteRow;
  lines: QuoteLineRow[];
}

const lineRows = (tenantId: string, quoteId: string, lines: QuoteLine[]): QuoteLineRow[] =>
  lines.map((l, ordinal) => ({
    tenantId, quoteId, lineId: l.lineId, ordinal, kind: l.kind, description: l.description, quantity: String(l.quantity),
    unitPriceMinor: l.unitPriceMinor, totalMinor: lineTotalMinor(l), discountMinor: l.discountMinor ?? 0, taxable: l.taxable, decision: 'pending',
  }));

/** quote-board.projection.ts, statement for statement, for one quote (see RecordRows). */
export const quoteRows: RecordRows<QuoteRows> = (rows, stored: StoredEvent) => {
  const event = { type: stored.type, data: stored.data } as QuoteEvent;
  const t = stored.tenantId;
  const moved = { version: stored.streamVersion, updatedAt: new Date(stored.recordedAt) };
  if (event.type === 'QuoteCreated') {
    if (rows) return rows; // on conflict do nothing
    const d = event.data;
    const totals = quoteTotals(d, []);
    return {
      quote: {
        tenantId: t, id: d.quoteId, customerId: d.customerId, vehicleId: d.vehicleId, locationId: d.locationId ?? null, status: 'draft',
        currency: d.currency, revision: 1, revisedAt: null, subtotalMinor: totals.subtotalMinor, taxableSubtotalMinor: totals.taxableSubtotalMinor,
        approvedSubtotalMinor: 0, declinedSubtotalMinor: 0, discountMinor: discountOf(d.lines), discountApprovalRequestId: null, approvedBy: null, decisionChannel: null, declineReason: null,
        createdAt: new Date(d.createdAt), sentAt: null, decidedAt: null, ...moved,
      },
      lines: lineRows(t, d.quoteId, d.lines),
    };
  }
  if (!rows) return rows; // an update of no row
  const { quote, lines } = rows;
  switch (event.type) {
    case 'QuoteRevised': {
      const d = event.data;
      const totals = quoteTotals({ currency: quote.currency, lines: d.lines }, []);
      return {
        quote: { ...quote, status: 'draft', sentAt: null, subtotalMinor: totals.subtotalMinor, taxableSubtotalMinor: totals.taxableSubtotalMinor,
          revision: d.revision, revisedAt: dateOf(d.revisedAt), discountMinor: discountOf(d.lines),
          discountApprovalRequestId: d.approvedDiscount?.requestId ?? quote.discountApprovalRequestId, ...moved },
        lines: lineRows(t, quote.id, d.lines),
      };
    }
    case 'QuoteSent':
      return { quote: { ...quote, status: 'sent', sentAt: dateOf(event.data.sentAt), ...moved }, lines };
    case 'QuoteApproved': {
      const d = event.data;
      const approved = new Set(d.approvedLineIds);
      return {
        quote: { ...quote, status: 'approved', approvedSubtotalMinor: d.totals.approvedSubtotalMinor, declinedSubtotalMinor: d.totals.declinedSubtotalMinor,
          approvedBy: d.approvedBy.name, decisionChannel: d.channel, decidedAt: dateOf(d.approvedAt), ...moved },
        lines: lines.map((l) => ({ ...l, decision: approved.has(l.lineId) ? 'approved' : 'declined' })),
      };
    }
    case 'QuoteDeclined': {
      const d = event.data;
      return {
        quote: { ...quote, status: 'declined', declinedSubtotalMinor: quote.subtotalMinor, decisionChannel: d.channel, declineReason: d.reason,
          decidedAt: dateOf(d.declinedAt), ...moved },
        lines: lines.map((l) => ({ ...l, decision: 'declined' })),
      };
    }
    default:
      return rows;
  }
};
