import { Sql } from '@workbay/platform';
import { QuoteLineRow, QuoteRow } from './quote-board.entities';

/**
 * The live read of one quote as plain SQL for TenantDb.batch: a read by id is the hottest
 * request there is, and the ORM's query building and hydration were a fifth of its cost. The
 * rows come back as the entities' shapes, so the one mapper (toView) serves live and as-of.
 */
export const quoteByIdSql = (tenantId: string, quoteId: string): Sql[] => [
  { text: `select * from shop.quotes where tenant_id = $1 and id = $2`, values: [tenantId, quoteId] },
  { text: `select * from shop.quote_lines where tenant_id = $1 and quote_id = $2`, values: [tenantId, quoteId] },
];

/**
 * A page of the board, newest first, each quote with its lines as one JSON column: one statement,
 * so one snapshot, and the lines need no second look-up by the page's ids. `after` is the keyset
 * cursor (created_at, id) of the last quote of the previous page.
 */
export const quotePageSql = (
  tenantId: string,
  filter: { first: number; status?: string; customerId?: string; after?: { at: string; id: string } },
): Sql => ({
  text: `select q.*, (select coalesce(json_agg(l), '[]') from shop.quote_lines l where l.tenant_id = q.tenant_id and l.quote_id = q.id) as lines
           from shop.quotes q
          where q.tenant_id = $1 and ($2::text is null or q.status = $2::text) and ($3::uuid is null or q.customer_id = $3::uuid)
            and ($4::timestamptz is null or (q.created_at, q.id) < ($4::timestamptz, $5::uuid))
          order by q.created_at desc, q.id desc
          limit $6`,
  values: [tenantId, filter.status ?? null, filter.customerId ?? null, filter.after?.at ?? null, filter.after?.id ?? null, filter.first + 1],
});

// pg answers bigint as a string (it may not fit a double); the entities hold minor units as numbers.
const num = (v: unknown) => Number(v);
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date));

export function quoteRowOf(r: Record<string, unknown>): QuoteRow {
  return {
    tenantId: r.tenant_id, id: r.id, customerId: r.customer_id, vehicleId: r.vehicle_id, locationId: r.location_id ?? null,
    status: r.status, revision: r.revision, revisedAt: date(r.revised_at), currency: r.currency,
    subtotalMinor: num(r.subtotal_minor), taxableSubtotalMinor: num(r.taxable_subtotal_minor),
    approvedSubtotalMinor: num(r.approved_subtotal_minor), declinedSubtotalMinor: num(r.declined_subtotal_minor),
    discountMinor: num(r.discount_minor ?? 0), discountApprovalRequestId: r.discount_approval_request_id ?? null,
    approvedBy: r.approved_by ?? null, decisionChannel: r.decision_channel ?? null, declineReason: r.decline_reason ?? null,
    createdAt: date(r.created_at)!, sentAt: date(r.sent_at), decidedAt: date(r.decided_at), version: r.version, updatedAt: date(r.updated_at)!,
  } as QuoteRow;
}

export function quoteLineRowOf(r: Record<string, unknown>): QuoteLineRow {
  return {
    tenantId: r.tenant_id, quoteId: r.quote_id, lineId: r.line_id, ordinal: r.ordinal, kind: r.kind, description: r.description,
    quantity: r.quantity, unitPriceMinor: num(r.unit_price_minor), totalMinor: num(r.total_minor), discountMinor: num(r.discount_minor ?? 0), taxable: r.taxable, decision: r.decision,
  } as QuoteLineRow;
}
