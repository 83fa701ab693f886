import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { clockedMinutesByTechnician, repairOrderDecider, RepairOrderState } from './repair-order.decider';
import { DeferredRecommendation, repairOrderStreamCategory } from './repair-order.events';
import { LineTechnicianView, RepairOrderLineView, RepairOrderPage, RepairOrderSummaryView, RepairOrderView } from './repair-order.dto';
import { RepairOrderLineRow, RepairOrderRow } from './repair-order-board.entities';
import { REPAIR_ORDER_BOARD } from './repair-order-board.projection';

export { REPAIR_ORDER_BOARD };

export class RepairOrderBoard extends Query<RepairOrderPage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string, readonly locationId?: string) {
    super();
  }
}

/** One repair order with its lines; with `asOf` it is rebuilt from its events as it stood at that instant. */
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

function fromState(s: Exclude<RepairOrderState, { status: 'none' }>, version: number): RepairOrderView {
  const perTechnician = clockedMinutesByTechnician(s);
  const lines: RepairOrderLineView[] = s.lines.map((l) => {
    const clocked = new Map(perTechnician.filter((c) => c.lineId === l.lineId).map((c) => [c.technicianId, c.minutes]));
    const total = [...clocked.values()].reduce((a, b) => a + b, 0);
    return {
      lineId: l.lineId, kind: l.kind, description: l.description, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, taxable: l.taxable,
      status: l.status, technicianIds: l.technicianIds, technicians: technicians(l.technicianIds, l.runningClocks, clocked),
      clockedMinutes: round2(total), completedAt: l.completedAt, returnsCount: l.returns.length, returns: l.returns,
    };
  });
  return {
    id: s.repairOrderId, quoteId: s.quoteId, customerId: s.customerId, vehicleId: s.vehicleId, locationId: s.locationId, status: s.status,
    currency: s.currency, lineCount: s.lines.length, completedLineCount: s.lines.filter((l) => l.status === 'completed').length,
    soldHours: round2(s.lines.filter((l) => l.kind === 'labor').reduce((sum, l) => sum + l.quantity, 0)),
    clockedMinutes: round2(perTechnician.reduce((sum, c) => sum + c.minutes, 0)),
    returnsCount: s.lines.reduce((sum, l) => sum + l.returns.length, 0),
    openedAt: s.openedAt, reviewRequestedAt: s.status === 'open' ? null : s.reviewRequestedAt, approvedAt: s.status === 'approved' ? s.approvedAt : null,
    version, lines, deferred: deferredView(s.deferred),
  };
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
  constructor(private readonly db: TenantDb, private readonly aggregates: AggregateStore, private readonly context: RequestContext) {}

  async execute({ repairOrderId, asOf }: RepairOrderDetail): Promise<RepairOrderView> {
    if (asOf) {
      const { state, version } = await this.aggregates.load(repairOrderDecider, repairOrderStreamCategory, repairOrderId, { until: asOf, what: 'repair order' });
      if (state.status === 'none') throw new NotFoundError('repair order', repairOrderId);
      return fromState(state, version);
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
      const lines: RepairOrderLineView[] = lineRows.map((l) => {
        const clocked = new Map(clock.filter((c) => c.line_id === l.lineId).map((c) => [c.technician_id, Number(c.minutes)]));
        return {
          lineId: l.lineId, kind: l.kind, description: l.description, quantity: Number(l.quantity), unitPriceMinor: l.unitPriceMinor, taxable: l.taxable,
          status: l.status, technicianIds: l.technicianIds, technicians: technicians(l.technicianIds, l.runningClocks, clocked),
          clockedMinutes: round2(Number(l.clockedMinutes)), completedAt: iso(l.completedAt), returnsCount: l.returnsCount, returns: l.returns,
        };
      });
      return { ...summary(ro), lines, deferred: deferredView(ro.deferred) };
    });
  }
}
