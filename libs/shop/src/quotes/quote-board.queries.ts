import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { rowsAsOf } from '../shared/record-as-of';
import { quoteStreamCategory } from './quote.events';
import { QuoteLineRow, QuoteRow } from './quote-board.entities';
import { quoteRows } from './quote-board.rows';
import { quoteByIdSql, quoteLineRowOf, quotePageSql, quoteRowOf } from './quote-board.sql';
import { QuotePage, QuoteView } from './quote.dto';

export const QUOTE_BOARD = 'shop.quote-board';

export class QuoteBoard extends Query<QuotePage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string, readonly customerId?: string) {
    super();
  }
}

/** One quote; with `asOf`, the rows its projection had written by then (quote-board.rows.ts), through the same mapper. */
export class QuoteDetail extends Query<QuoteView> {
  constructor(readonly quoteId: string, readonly asOf?: string) {
    super();
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toView(q: QuoteRow, lines: QuoteLineRow[]): QuoteView {
  return {
    id: q.id, customerId: q.customerId, vehicleId: q.vehicleId, locationId: q.locationId, status: q.status, currency: q.currency,
    revision: q.revision, revisedAt: iso(q.revisedAt),
    subtotalMinor: q.subtotalMinor, taxableSubtotalMinor: q.taxableSubtotalMinor,
    approvedSubtotalMinor: q.approvedSubtotalMinor, declinedSubtotalMinor: q.declinedSubtotalMinor,
    discountMinor: q.discountMinor, discountApprovalRequestId: q.discountApprovalRequestId,
    approvedBy: q.approvedBy, decisionChannel: q.decisionChannel, declineReason: q.declineReason,
    createdAt: q.createdAt.toISOString(), sentAt: iso(q.sentAt), decidedAt: iso(q.decidedAt), version: q.version,
    lines: lines
      .filter((l) => l.quoteId === q.id)
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((l) => ({
        lineId: l.lineId, kind: l.kind, description: l.description, quantity: Number(l.quantity),
        unitPriceMinor: l.unitPriceMinor, totalMinor: l.totalMinor, discountMinor: l.discountMinor, taxable: l.taxable, decision: l.decision,
      })),
  };
}

@QueryHandler(QuoteBoard)
export class QuoteBoardHandler implements IQueryHandler<QuoteBoard> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  async execute({ first, after, status, customerId }: QuoteBoard): Promise<QuotePage> {
    const cursor = decodeCursor(after);
    const tenantId = this.context.tenantId;
    const [rows] = await this.db.batch([quotePageSql(tenantId, { first, status, customerId, after: cursor ?? undefined })], tenantId);
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toView(quoteRowOf(r), (r.lines as Record<string, unknown>[]).map(quoteLineRowOf))),
      nextCursor: rows.length > first && last ? encodeCursor(new Date(last.created_at as string), last.id as string) : null,
    };
  }
}

@QueryHandler(QuoteDetail)
export class QuoteDetailHandler implements IQueryHandler<QuoteDetail> {
  constructor(private readonly db: TenantDb, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly context: RequestContext) {}

  async execute({ quoteId, asOf }: QuoteDetail): Promise<QuoteView> {
    if (asOf) {
      const { quote, lines } = await rowsAsOf(this.store, this.context.tenantId, quoteStreamCategory, quoteId, asOf, quoteRows, 'quote');
      return toView(quote, lines);
    }
    const tenantId = this.context.tenantId;
    const [[quote], lines] = await this.db.batch(quoteByIdSql(tenantId, quoteId), tenantId);
    if (!quote) throw new NotFoundError('quote', quoteId);
    return toView(quoteRowOf(quote), lines.map(quoteLineRowOf));
  }
}
