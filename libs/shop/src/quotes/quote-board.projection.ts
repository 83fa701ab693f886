import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { QuoteEvent, QuoteLine } from './quote.events';
import { discountOf } from './quote-discount.rules';
import { lineTotalMinor, quoteTotals } from './quote-totals.rules';

async function insertLines(em: EntityManager, tenantId: string, quoteId: string, lines: QuoteLine[]) {
  for (const [ordinal, line] of lines.entries()) {
    await em.execute(
      `insert into shop.quote_lines (tenant_id, quote_id, line_id, ordinal, kind, description, quantity, unit_price_minor, total_minor, discount_minor, taxable)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [tenantId, quoteId, line.lineId, ordinal, line.kind, line.description, line.quantity, line.unitPriceMinor, lineTotalMinor(line), line.discountMinor ?? 0, line.taxable],
    );
  }
}

/** Quotes with lines, decisions and pre-tax totals: the advisor's quote board and detail view. */
export const quoteBoardProjection: Projection = {
  name: 'shop.quote-board',
  eventTypes: ['QuoteCreated', 'QuoteRevised', 'QuoteSent', 'QuoteApproved', 'QuoteDeclined'],
  tables: ['shop.quote_lines', 'shop.quotes'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as QuoteEvent;
    const t = stored.tenantId;
    const v = stored.streamVersion;
    switch (event.type) {
      case 'QuoteCreated': {
        const d = event.data;
        const totals = quoteTotals(d, []);
        await em.execute(
          `insert into shop.quotes (tenant_id, id, customer_id, vehicle_id, location_id, status, currency, subtotal_minor, taxable_subtotal_minor,
             discount_minor, created_at, version, updated_at)
           values (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, id) do nothing`,
          [t, d.quoteId, d.customerId, d.vehicleId, d.locationId ?? null, d.currency, totals.subtotalMinor, totals.taxableSubtotalMinor,
            discountOf(d.lines), d.createdAt, v, stored.recordedAt],
        );
        await insertLines(em, t, d.quoteId, d.lines);
        return;
      }
      case 'QuoteRevised': {
        const d = event.data;
        const { currency } = await em.execute<{ currency: string }[]>(
          `select currency from shop.quotes where tenant_id = ? and id = ?`, [t, d.quoteId],
        ).then((rows) => rows[0]);
        const totals = quoteTotals({ currency: currency.trim(), lines: d.lines }, []);
        await em.execute(
          `update shop.quotes set status = 'draft', sent_at = null, subtotal_minor = ?, taxable_subtotal_minor = ?, revision = ?, revised_at = ?,
             discount_minor = ?, discount_approval_request_id = coalesce(?, discount_approval_request_id), version = ?, updated_at = ?
           where tenant_id = ? and id = ?`,
          [totals.subtotalMinor, totals.taxableSubtotalMinor, d.revision, d.revisedAt, discountOf(d.lines), d.approvedDiscount?.requestId ?? null,
            v, stored.recordedAt, t, d.quoteId],
        );
        await em.execute(`delete from shop.quote_lines where tenant_id = ? and quote_id = ?`, [t, d.quoteId]);
        await insertLines(em, t, d.quoteId, d.lines);
        return;
      }
      case 'QuoteSent':
        await em.execute(`update shop.quotes set status = 'sent', sent_at = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`, [
          event.data.sentAt, v, stored.recordedAt, t, event.data.quoteId,
        ]);
        return;
      case 'QuoteApproved': {
        const d = event.data;
        await em.execute(
          `update shop.quotes set status = 'approved', approved_subtotal_minor = ?, declined_subtotal_minor = ?, approved_by = ?,
             decision_channel = ?, decided_at = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [d.totals.approvedSubtotalMinor, d.totals.declinedSubtotalMinor, d.approvedBy.name, d.channel, d.approvedAt, v, stored.recordedAt, t, d.quoteId],
        );
        await em.execute(
          `update shop.quote_lines set decision = case when line_id in (select jsonb_array_elements_text(?::jsonb)) then 'approved' else 'declined' end
            where tenant_id = ? and quote_id = ?`,
          [JSON.stringify(d.approvedLineIds), t, d.quoteId],
        );
        return;
      }
      case 'QuoteDeclined': {
        const d = event.data;
        await em.execute(
          `update shop.quotes set status = 'declined', declined_subtotal_minor = subtotal_minor, decision_channel = ?, decline_reason = ?,
             decided_at = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`,
          [d.channel, d.reason, d.declinedAt, v, stored.recordedAt, t, d.quoteId],
        );
        await em.execute(`update shop.quote_lines set decision = 'declined' where tenant_id = ? and quote_id = ?`, [t, d.quoteId]);
        return;
      }
    }
  },
};
