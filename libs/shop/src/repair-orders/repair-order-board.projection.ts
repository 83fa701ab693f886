import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { ClockInterval, RepairOrderEvent } from './repair-order.events';
import type { RepairOrderLineStatus } from './repair-order.errors';
import type { RunningClock } from './repair-order-lines.rules';

export const REPAIR_ORDER_BOARD = 'shop.repair-order-board';

interface LineRow {
  technician_ids: string[];
  running_clocks: RunningClock[];
  completed_at: Date | null;
}

/** The decider's rule (repair-order-lines.rules.ts `withStatus`), applied to the row. */
export const lineStatus = (completedAt: unknown, running: RunningClock[], technicianIds: string[]): RepairOrderLineStatus =>
  completedAt ? 'completed' : running.length > 0 ? 'in_progress' : technicianIds.length > 0 ? 'assigned' : 'pending';

export const minutes = (c: ClockInterval) => (Date.parse(c.stoppedAt) - Date.parse(c.startedAt)) / 60_000;
const uuidArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * Repair orders on the shop floor: status per order and line, who is on each line, who is
 * clocked in, closed clock intervals (shop.repair_order_clock) and the advisor's returns.
 * Clocked minutes are sums of the intervals on the events, so a rebuild gives the same numbers.
 */
export const repairOrderBoardProjection: Projection = {
  name: REPAIR_ORDER_BOARD,
  eventTypes: ['RepairOrderOpened', 'TechnicianAssigned', 'WorkStarted', 'WorkCompleted', 'AdvisorReviewRequested', 'WorkReturned', 'WorkApproved'],
  tables: ['shop.repair_order_clock', 'shop.repair_order_lines', 'shop.repair_orders'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as RepairOrderEvent;
    const t = stored.tenantId;
    const v = stored.streamVersion;
    const roId = event.data.repairOrderId;

    const line = async (lineId: string): Promise<LineRow | undefined> =>
      (await em.execute<LineRow[]>(
        `select technician_ids, running_clocks, completed_at from shop.repair_order_lines where tenant_id = ? and repair_order_id = ? and line_id = ?`,
        [t, roId, lineId],
      ))[0];
    const writeLine = async (lineId: string, technicianIds: string[], running: RunningClock[], completedAt: string | Date | null, extra = '', params: unknown[] = []) => {
      await em.execute(
        `update shop.repair_order_lines set technician_ids = ?::uuid[], running_clocks = ?::jsonb, completed_at = ?, status = ?${extra}
          where tenant_id = ? and repair_order_id = ? and line_id = ?`,
        [uuidArray(technicianIds), JSON.stringify(running), completedAt, lineStatus(completedAt, running, technicianIds), ...params, t, roId, lineId],
      );
    };
    const closeClocks = async (lineId: string, clocks: ClockInterval[]) => {
      for (const c of clocks) {
        await em.execute(
          `insert into shop.repair_order_clock (tenant_id, repair_order_id, line_id, technician_id, started_at, stopped_at, minutes)
           values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
          [t, roId, lineId, c.technicianId, c.startedAt, c.stoppedAt, minutes(c)],
        );
      }
      const total = clocks.reduce((sum, c) => sum + minutes(c), 0);
      if (total > 0) {
        await em.execute(`update shop.repair_order_lines set clocked_minutes = clocked_minutes + ? where tenant_id = ? and repair_order_id = ? and line_id = ?`, [
          total, t, roId, lineId,
        ]);
      }
      return total;
    };
    const touchOrder = async (set: string, params: unknown[] = []) => {
      await em.execute(
        `update shop.repair_orders set ${set ? `${set}, ` : ''}completed_line_count =
            (select count(*) from shop.repair_order_lines l where l.tenant_id = ? and l.repair_order_id = ? and l.completed_at is not null),
           version = ?, updated_at = ? where tenant_id = ? and id = ?`,
        [...params, t, roId, v, stored.recordedAt, t, roId],
      );
    };
    const stopped = (running: RunningClock[], clocks: ClockInterval[]) => {
      const ids = new Set(clocks.map((c) => c.technicianId));
      return running.filter((c) => !ids.has(c.technicianId));
    };

    switch (event.type) {
      case 'RepairOrderOpened': {
        const d = event.data;
        const soldHours = d.lines.filter((l) => l.kind === 'labor').reduce((sum, l) => sum + l.quantity, 0);
        await em.execute(
          `insert into shop.repair_orders (tenant_id, id, quote_id, customer_id, vehicle_id, location_id, status, currency, line_count, sold_hours,
             deferred, opened_at, version, updated_at)
           values (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (tenant_id, id) do nothing`,
          [t, roId, d.quoteId, d.customerId, d.vehicleId, d.locationId, d.currency, d.lines.length, soldHours, JSON.stringify(d.deferred), d.openedAt, v, stored.recordedAt],
        );
        for (const [ordinal, l] of d.lines.entries()) {
          await em.execute(
            `insert into shop.repair_order_lines (tenant_id, repair_order_id, line_id, ordinal, kind, description, quantity, unit_price_minor, taxable, status)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending') on conflict do nothing`,
            [t, roId, l.lineId, ordinal, l.kind, l.description, l.quantity, l.unitPriceMinor, l.taxable],
          );
        }
        return;
      }
      case 'TechnicianAssigned': {
        const d = event.data;
        const row = await line(d.lineId);
        if (!row) return;
        await writeLine(d.lineId, d.technicianIds, stopped(row.running_clocks, d.stoppedClocks), row.completed_at);
        const total = await closeClocks(d.lineId, d.stoppedClocks);
        await touchOrder('clocked_minutes = clocked_minutes + ?', [total]);
        return;
      }
      case 'WorkStarted': {
        const d = event.data;
        const row = await line(d.lineId);
        if (!row) return;
        await writeLine(d.lineId, row.technician_ids, [...row.running_clocks, { technicianId: d.technicianId, startedAt: d.startedAt }], row.completed_at);
        await touchOrder('');
        return;
      }
      case 'WorkCompleted': {
        const d = event.data;
        const row = await line(d.lineId);
        if (!row) return;
        await writeLine(d.lineId, row.technician_ids, stopped(row.running_clocks, d.stoppedClocks), d.completedAt);
        const total = await closeClocks(d.lineId, d.stoppedClocks);
        await touchOrder('clocked_minutes = clocked_minutes + ?', [total]);
        return;
      }
      case 'AdvisorReviewRequested':
        await touchOrder(`status = 'awaiting_review', review_requested_at = ?`, [event.data.requestedAt]);
        return;
      case 'WorkReturned': {
        const d = event.data;
        const row = await line(d.lineId);
        if (!row) return;
        await writeLine(d.lineId, row.technician_ids, row.running_clocks, null,
          `, returns_count = returns_count + 1, last_return_reason = ?, returns = returns || ?::jsonb`,
          [d.reason, JSON.stringify([{ reason: d.reason, returnedAt: d.returnedAt }])]);
        await touchOrder(`status = 'open', returns_count = returns_count + 1`);
        return;
      }
      case 'WorkApproved':
        await touchOrder(`status = 'approved', approved_at = ?`, [event.data.approvedAt]);
        return;
    }
  },
};
