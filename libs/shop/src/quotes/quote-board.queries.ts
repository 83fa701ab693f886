import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError, TenantDb } from '@workbay/platform';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { quoteDecider, QuoteState } from './quote.decider';
import { quoteStreamCategory } from './quote.events';
import { QuoteLineRow, QuoteRow } from './quote-board.entities';
import { QuotePage, QuoteView } from './quote.dto';
import { lineTotalMinor, quoteTotals } from './quote-totals.rules';

export const QUOTE_BOARD = 'shop.quote-board';

export class QuoteBoard extends Query<QuotePage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string, readonly customerId?: string) {
    super();
  }
}

/** One quote; with `asOf` it is rebuilt from its events as it stood at that instant. */
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
    approvedBy: q.approvedBy, decisionChannel: q.decisionChannel, declineReason: q.declineReason,
    createdAt: q.createdAt.toISOString(), sentAt: iso(q.sentAt), decidedAt: iso(q.decidedAt), version: q.version,
    lines: lines
      .filter((l) => l.quoteId === q.id)
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((l) => ({
        lineId: l.lineId, kind: l.kind, description: l.description, quantity: Number(l.quantity),
        unitPriceMinor: l.unitPriceMinor, totalMinor: l.totalMinor, taxable: l.taxable, decision: l.decision,
      })),
  };
}

function fromState(state: Exclude<QuoteState, { status: 'none' }>, version: number): QuoteView {
  const approved = state.status === 'approved' ? new Set(state.approvedLineIds) : null;
  const totals = quoteTotals(state, state.status === 'approved' ? state.approvedLineIds : []);
  const decisionOf = (lineId: string) =>
    state.status === 'declined' ? 'declined' : approved ? (approved.has(lineId) ? 'approved' : 'declined') : 'pending';
  return {
    id: state.quoteId, customerId: state.customerId, vehicleId: state.vehicleId, locationId: state.locationId, status: state.status,
    currency: state.currency, revision: state.revision, revisedAt: state.revisedAt,
    subtotalMinor: totals.subtotalMinor, taxableSubtotalMinor: totals.taxableSubtotalMinor,
    approvedSubtotalMinor: state.status === 'approved' ? totals.approvedSubtotalMinor : 0,
    declinedSubtotalMinor: state.status === 'approved' ? totals.declinedSubtotalMinor : state.status === 'declined' ? totals.subtotalMinor : 0,
    approvedBy: null, decisionChannel: null, declineReason: state.status === 'declined' ? state.reason : null,
    createdAt: state.createdAt, sentAt: 'sentAt' in state ? state.sentAt : null,
    decidedAt: state.status === 'approved' ? state.approvedAt : state.status === 'declined' ? state.declinedAt : null,
    version,
    lines: state.lines.map((l) => ({ ...l, totalMinor: lineTotalMinor(l), decision: decisionOf(l.lineId) })),
  };
}

@QueryHandler(QuoteBoard)
export class QuoteBoardHandler implements IQueryHandler<QuoteBoard> {
  constructor(private readonly db: TenantDb) {}

  execute({ first, after, status, customerId }: QuoteBoard): Promise<QuotePage> {
    const cursor = decodeCursor(after);
    return this.db.run(async (em) => {
      const where = {
        ...(status ? { status } : {}),
        ...(customerId ? { customerId } : {}),
        ...(cursor ? { $or: [{ createdAt: { $lt: new Date(cursor.at) } }, { createdAt: new Date(cursor.at), id: { $lt: cursor.id } }] } : {}),
      };
      const rows = await em.find(QuoteRow, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 });
      const page = rows.slice(0, first);
      const lines = page.length ? await em.find(QuoteLineRow, { quoteId: { $in: page.map((q) => q.id) } }) : [];
      const last = page[page.length - 1];
      return { items: page.map((q) => toView(q, lines)), nextCursor: rows.length > first && last ? encodeCursor(last.createdAt, last.id) : null };
    });
  }
}

@QueryHandler(QuoteDetail)
export class QuoteDetailHandler implements IQueryHandler<QuoteDetail> {
  constructor(private readonly db: TenantDb, private readonly aggregates: AggregateStore) {}

  async execute({ quoteId, asOf }: QuoteDetail): Promise<QuoteView> {
    if (asOf) {
      const { state, version } = await this.aggregates.load(quoteDecider, quoteStreamCategory, quoteId, { until: asOf, what: 'quote' });
      if (state.status === 'none') throw new NotFoundError('quote', quoteId);
      return fromState(state, version);
    }
    return this.db.run(async (em) => {
      const quote = await em.findOne(QuoteRow, { id: quoteId });
      if (!quote) throw new NotFoundError('quote', quoteId);
      return toView(quote, await em.find(QuoteLineRow, { quoteId }));
    });
  }
}
