import { StoredEvent } from '@workbay/eventstore';
import type { RecordRows } from '../shared/record-as-of';
import { dateOf } from '../shared/record-as-of';
import type { ClockInterval, RepairOrderEvent } from './repair-order.events';
import type { RunningClock } from './repair-order-lines.rules';
import { RepairOrderLineRow, RepairOrderRow } from './repair-order-board.entities';
import { lineStatus, minutes } from './repair-order-board.projection';

/** One closed clock interval: a row of shop.repair_order_clock. */
export interface ClockRow {
  lineId: string;
  technicianId: string;
  startedAt: Date;
  stoppedAt: Date;
  minutes: number;
}

export interface RepairOrderRows {
  order: RepairOrderRow;
  lines: RepairOrderLineRow[];
  clock: ClockRow[];
}

/** numeric(14,4) columns keep 4 decimals; the fold rounds where Postgres would on assignment. */
const numeric4 = (n: number) => String(Math.round(n * 10_000) / 10_000);
const stopped = (running: RunningClock[], clocks: ClockInterval[]) => {
  const ids = new Set(clocks.map((c) => c.technicianId));
  return running.filter((c) => !ids.has(c.technicianId));
};

/** repair-order-board.projection.ts, statement for statement, for one repair order (see RecordRows). */
export const repairOrderRows: RecordRows<RepairOrderRows> = (rows, stored: StoredEvent) => {
  const event = { type: stored.type, data: stored.data } as RepairOrderEvent;
  const t = stored.tenantId;
  if (event.type === 'RepairOrderOpened') {
    if (rows) return rows;
    const d = event.data;
    const soldHours = d.lines.filter((l) => l.kind === 'labor').reduce((sum, l) => sum + l.quantity, 0);
    return {
      order: {
        tenantId: t, id: d.repairOrderId, quoteId: d.quoteId, customerId: d.customerId, vehicleId: d.vehicleId, locationId: d.locationId, status: 'open',
        currency: d.currency, lineCount: d.lines.length, completedLineCount: 0, soldHours: String(Math.round(soldHours * 100) / 100), clockedMinutes: '0',
        returnsCount: 0, deferred: d.deferred, openedAt: new Date(d.openedAt), reviewRequestedAt: null, approvedAt: null,
        version: stored.streamVersion, updatedAt: new Date(stored.recordedAt),
      },
      lines: d.lines.map((l, ordinal) => ({
        tenantId: t, repairOrderId: d.repairOrderId, lineId: l.lineId, ordinal, kind: l.kind, description: l.description, quantity: String(l.quantity),
        unitPriceMinor: l.unitPriceMinor, taxable: l.taxable, status: 'pending', technicianIds: [], runningClocks: [], clockedMinutes: '0',
        completedAt: null, returnsCount: 0, lastReturnReason: null, returns: [],
      })),
      clock: [],
    };
  }
  if (!rows) return rows;
  let { order, lines, clock } = rows;
  const lineOf = (lineId: string) => lines.find((l) => l.lineId === lineId);
  const writeLine = (lineId: string, technicianIds: string[], running: RunningClock[], completedAt: Date | null, extra: Partial<RepairOrderLineRow> = {}) => {
    lines = lines.map((l) => (l.lineId === lineId
      ? { ...l, technicianIds, runningClocks: running, completedAt, status: lineStatus(completedAt, running, technicianIds), ...extra }
      : l));
  };
  const closeClocks = (lineId: string, clocks: ClockInterval[]) => {
    for (const c of clocks) {
      const startedAt = new Date(c.startedAt);
      const known = clock.some((k) => k.lineId === lineId && k.technicianId === c.technicianId && k.startedAt.getTime() === startedAt.getTime());
      if (!known) clock = [...clock, { lineId, technicianId: c.technicianId, startedAt, stoppedAt: new Date(c.stoppedAt), minutes: Number(numeric4(minutes(c))) }];
    }
    const total = clocks.reduce((sum, c) => sum + minutes(c), 0);
    if (total > 0) lines = lines.map((l) => (l.lineId === lineId ? { ...l, clockedMinutes: numeric4(Number(l.clockedMinutes) + total) } : l));
    return total;
  };
  const touchOrder = (set: Partial<RepairOrderRow> = {}) => {
    order = { ...order, ...set, completedLineCount: lines.filter((l) => l.completedAt !== null).length, version: stored.streamVersion, updatedAt: new Date(stored.recordedAt) };
  };
  const addMinutes = (total: number) => ({ clockedMinutes: numeric4(Number(order.clockedMinutes) + total) });
  switch (event.type) {
    case 'TechnicianAssigned': {
      const d = event.data;
      const row = lineOf(d.lineId);
      if (!row) return rows;
      writeLine(d.lineId, d.technicianIds, stopped(row.runningClocks, d.stoppedClocks), row.completedAt);
      touchOrder(addMinutes(closeClocks(d.lineId, d.stoppedClocks)));
      break;
    }
    case 'WorkStarted': {
      const d = event.data;
      const row = lineOf(d.lineId);
      if (!row) return rows;
      writeLine(d.lineId, row.technicianIds, [...row.runningClocks, { technicianId: d.technicianId, startedAt: d.startedAt }], row.completedAt);
      touchOrder();
      break;
    }
    case 'WorkCompleted': {
      const d = event.data;
      const row = lineOf(d.lineId);
      if (!row) return rows;
      writeLine(d.lineId, row.technicianIds, stopped(row.runningClocks, d.stoppedClocks), dateOf(d.completedAt));
      touchOrder(addMinutes(closeClocks(d.lineId, d.stoppedClocks)));
      break;
    }
    case 'AdvisorReviewRequested':
      touchOrder({ status: 'awaiting_review', reviewRequestedAt: dateOf(event.data.requestedAt) });
      break;
    case 'WorkReturned': {
      const d = event.data;
      const row = lineOf(d.lineId);
      if (!row) return rows;
      writeLine(d.lineId, row.technicianIds, row.runningClocks, null, {
        returnsCount: row.returnsCount + 1, lastReturnReason: d.reason, returns: [...row.returns, { reason: d.reason, returnedAt: d.returnedAt }],
      });
      touchOrder({ status: 'open', returnsCount: order.returnsCount + 1 });
      break;
    }
    case 'WorkApproved':
      touchOrder({ status: 'approved', approvedAt: dateOf(event.data.approvedAt) });
      break;
    default:
      return rows;
  }
  return { order, lines, clock };
};

/**
 * Clocked minutes per line and technician, in the order the live read's SQL gives them
 * (`group by line_id, technician_id order by min(stopped_at), technician_id`).
 */
export function clockTotals(clock: ClockRow[]): { lineId: string; technicianId: string; minutes: number }[] {
  const groups = new Map<string, { lineId: string; technicianId: string; minutes: number; firstStop: number }>();
  for (const c of clock) {
    const key = JSON.stringify([c.lineId, c.technicianId]);
    const g = groups.get(key) ?? { lineId: c.lineId, technicianId: c.technicianId, minutes: 0, firstStop: Infinity };
    g.minutes += c.minutes;
    g.firstStop = Math.min(g.firstStop, c.stoppedAt.getTime());
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.firstStop - b.firstStop || (a.technicianId < b.technicianId ? -1 : a.technicianId > b.technicianId ? 1 : 0))
    .map(({ lineId, technicianId, minutes: m }) => ({ lineId, technicianId, minutes: m }));
}
