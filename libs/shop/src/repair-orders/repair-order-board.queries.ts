import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { rowsAsOf } from '../shared/record-as-of';
import { DeferredRecommendation, repairOrderStreamCategory } from './repair-order.events';
import { LineTechnicianView, RepairOrderLineView, RepairOrderPage, RepairOrderSummaryView, RepairOrderView } from './repair-order.dto';
import { RepairOrderLineRow, RepairOrderRow } from './repair-order-board.entities';
import { REPAIR_ORDER_BOARD } from './repair-order-board.projection';
import { clockTotals, repairOrderRows } from './repair-order-board.rows';

export { REPAIR_ORDER_BOARD };

export class RepairOrderBoard extends Query<RepairOrderPage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string, readonly locationId?: string) {
    super();
  }
}

/** One repair order with its lines; with `asOf`, the rows its projection had written by then (repair-order-board.rows.ts), through the same mapper. */
export class RepairOrderDetail extends Query<RepairOrderView> {
  constructor(readonly repairOrderId: string, readonly asOf?: string) {
    super();
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Clocked time is exact (fractional minutes); shown to two decimals, rounded only here. */
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Assigned technicians first (in assignment order), then anyone else who clocked time on the line. */
function technicians(assigned: string[], running: { technicianId: string }[], clocked: Map<string, number>): LineTechnicianView[] {
  const ids = [...assigned, ...[...clocked.keys()].filter((id) => !assigned.includes(id))];
  return ids.map((technicianId) => ({
    technicianId,
    clockedMinutes: round2(clocked.get(technicianId) ?? 0),
    clockedIn: running.some((c) => c.technicianId === technicianId),
  }));
}

const deferredView = (deferred: DeferredRecommendation[]) =>
  deferred.map(({ lineId, kind, description, quantity, unitPriceMinor, taxable, followUpOn }) => ({ lineId, kind, description, quantity, unitPriceMinor, taxable, followUpOn }));

const summary = (r: RepairOrderRow): RepairOrderSummaryView => ({
  id: r.id, quoteId: r.quoteId, customerId: r.customerId, vehicleId: r.vehicleId, locationId: r.locationId, status: r.status,
  currency: r.currency.trim(), lineCount: r.lineCount, completedLineCount: r.completedLineCount, soldHours: Number(r.soldHours),
  clockedMinutes: round2(Number(r.clockedMinutes)), returnsCount: r.returnsCount, openedAt: r.openedAt.toISOString(),
  reviewRequestedAt: iso(r.reviewRequestedAt), approvedAt: iso(r.approvedAt), version: r.version,
});

/** The detail view from the board's rows: the live read's and the `asOf` fold's alike. */
function toView(order: RepairOrderRow, lineRows: RepairOrderLineRow[], clock: { lineId: string; technicianId: string; minutes: number }[]): RepairOrderView {
  const lines: RepairOrderLineView[] = [...lineRows].sort((a, b) => a.ordinal - b.ordinal).map((l) => {
    const clocked = new Map(clock.filter((c) => c.lineId === l.lineId).map((c) => [c.technicianId, c.minutes]));
    return {
      lineId: l.lineId, kind: l.kind, description: l.description, quantity: Number(l.quantity), unitPriceMinor: l.unitPriceMinor, taxable: l.taxable,
      status: l.status, technicianIds: l.technicianIds, technicians: technicians(l.technicianIds, l.runningClocks, clocked),
      clockedMinutes: round2(Number(l.clockedMinutes)), completedAt: iso(l.completedAt), returnsCount: l.returnsCount, returns: l.returns,
    };
  });
  return { ...summary(order), lines, deferred: deferredView(order.deferred) };
}

@QueryHandler(RepairOrderBoard)
export class RepairOrderBoardHandler implements IQueryHandler<RepairOrderBoard> {
  constructor(private readonly db: TenantDb) {}

  execute({ first, after, status, locationId }: RepairOrderBoard): Promise<RepairOrderPage> {
    const cursor = decodeCursor(after);
    return this.db.run(async (em) => {
      const where = {
        ...(status ? { status } : {}),
        ...(locationId ? { locationId } : {}),
        ...(cursor ? { $or: [{ openedAt: { $lt: new Date(cursor.at) } }, { openedAt: new Date(cursor.at), id: { $lt: cursor.id } }] } : {}),
      };
      const rows = await em.find(RepairOrderRow, where, { orderBy: { openedAt: 'desc', id: 'desc' }, limit: first + 1 });
      const page = rows.slice(0, first);
      const last = page[page.length - 1];
      return { items: page.map(summary), nextCursor: rows.length > first && last ? encodeCursor(last.openedAt, last.id) : null };
    });
  }
}

@QueryHandler(RepairOrderDetail)
export class RepairOrderDetailHandler implements IQueryHandler<RepairOrderDetail> {
  constructor(private readonly db: TenantDb, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly context: RequestContext) {}

  async execute({ repairOrderId, asOf }: RepairOrderDetail): Promise<RepairOrderView> {
    if (asOf) {
      const rows = await rowsAsOf(this.store, this.context.tenantId, repairOrderStreamCategory, repairOrderId, asOf, repairOrderRows, 'repair order');
      return toView(rows.order, rows.lines, clockTotals(rows.clock));
    }
    const tenantId = this.context.tenantId;
    return this.db.run(async (em) => {
      const ro = await em.findOne(RepairOrderRow, { id: repairOrderId });
      if (!ro) throw new NotFoundError('repair order', repairOrderId);
      const lineRows = await em.find(RepairOrderLineRow, { repairOrderId }, { orderBy: { ordinal: 'asc' } });
      const clock = await em.execute<{ line_id: string; technician_id: string; minutes: string }[]>(
        `select line_id, technician_id, sum(minutes) as minutes from shop.repair_order_clock
          where tenant_id = ? and repair_order_id = ? group by line_id, technician_id order by min(stopped_at), technician_id`,
        [tenantId, repairOrderId],
      );
      return toView(ro, lineRows, clock.map((c) => ({ lineId: c.line_id, technicianId: c.technician_id, minutes: Number(c.minutes) })));
    });
  }
}
