import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import type {
  AdvisorReviewRequested, ClockInterval, QuoteLine, RepairOrderEvent, RepairOrderOpened, TechnicianAssigned, WorkApproved, WorkCompleted, WorkReturned,
  WorkStarted,
} from '../domain';
import { SHOP_MIGRATIONS } from '../migrations';
import { repairOrderBoardProjection } from './repair-order-board.projection';

/** One repair order's events, on one morning (UTC). */
function repairOrder(repairOrderId = randomUUID()) {
  const at = (hhmm: string) => `2026-06-01T${hhmm}:00.000Z`;
  const ro = { repairOrderId };
  return {
    id: repairOrderId,
    at,
    opened: (lines: QuoteLine[], locationId: string | null = randomUUID()): RepairOrderOpened => ({
      type: 'RepairOrderOpened',
      data: { ...ro, quoteId: randomUUID(), customerId: randomUUID(), vehicleId: randomUUID(), locationId, currency: 'USD', lines, deferred: [], openedAt: at('09:00') },
    }),
    assigned: (lineId: string, technicianIds: string[], time: string, stoppedClocks: ClockInterval[] = []): TechnicianAssigned => ({
      type: 'TechnicianAssigned', data: { ...ro, lineId, technicianIds, assignedAt: at(time), stoppedClocks },
    }),
    started: (lineId: string, technicianId: string, time: string): WorkStarted => ({ type: 'WorkStarted', data: { ...ro, lineId, technicianId, startedAt: at(time) } }),
    completed: (lineId: string, technicianId: string, time: string, stoppedClocks: ClockInterval[]): WorkCompleted => ({
      type: 'WorkCompleted', data: { ...ro, lineId, technicianId, completedAt: at(time), stoppedClocks },
    }),
    clock: (technicianId: string, from: string, to: string): ClockInterval => ({ technicianId, startedAt: at(from), stoppedAt: at(to) }),
    reviewRequested: (time: string): AdvisorReviewRequested => ({ type: 'AdvisorReviewRequested', data: { ...ro, requestedAt: at(time) } }),
    returned: (lineId: string, reason: string, time: string): WorkReturned => ({ type: 'WorkReturned', data: { ...ro, lineId, reason, returnedAt: at(time) } }),
    approved: (time: string): WorkApproved => ({ type: 'WorkApproved', data: { ...ro, approvedAt: at(time) } }),
  };
}

const brakes: QuoteLine = { lineId: randomUUID(), kind: 'labor', description: 'Front brakes', quantity: 1.5, unitPriceMinor: 12_000, taxable: true };
const pads: QuoteLine = { lineId: randomUUID(), kind: 'part', description: 'Pad set', quantity: 1, unitPriceMinor: 3500, taxable: true };
const tara = randomUUID();
const vik = randomUUID();

const orderRow = `select tenant_id, status, line_count, completed_line_count, sold_hours::text, clocked_minutes::float8 as clocked, returns_count, version,
  review_requested_at is not null as reviewed, approved_at is not null as approved from shop.repair_orders where id = $1 order by tenant_id`;
const lineRows = `select line_id, status, technician_ids, jsonb_array_length(running_clocks) as running, clocked_minutes::float8 as clocked, returns_count,
  last_return_reason from shop.repair_order_lines where repair_order_id = $1 and tenant_id = $2 order by ordinal`;

describe('shop.repair-order-board projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const give = (tenantId: string, id: string, events: RepairOrderEvent[]) => spec.given(tenantId, 'repair-order', id, events);

  beforeAll(async () => {
    spec = await startProjectionSpec(repairOrderBoardProjection, { migrations: SHOP_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('follows a repair order from open through clocks, review, a return, re-work and approval', async () => {
    const r = repairOrder();
    await give(tenantA, r.id, [
      r.opened([brakes, pads]),
      r.assigned(brakes.lineId, [tara], '09:05'),
      r.assigned(pads.lineId, [vik], '09:05'),
      r.started(brakes.lineId, tara, '10:00'),
      r.started(pads.lineId, vik, '10:15'),
    ]);
    expect(await spec.thenRows(lineRows, [r.id, tenantA])).toEqual([
      { line_id: brakes.lineId, status: 'in_progress', technician_ids: [tara], running: 1, clocked: 0, returns_count: 0, last_return_reason: null },
      { line_id: pads.lineId, status: 'in_progress', technician_ids: [vik], running: 1, clocked: 0, returns_count: 0, last_return_reason: null },
    ]);

    // Reassigning the pads to Tara stops Vik's clock (30 min); Tara completes the brakes after 90 min.
    await give(tenantA, r.id, [
      r.assigned(pads.lineId, [tara], '10:45', [r.clock(vik, '10:15', '10:45')]),
      r.completed(brakes.lineId, tara, '11:30', [r.clock(tara, '10:00', '11:30')]),
      r.reviewRequested('11:35'),
    ]);
    expect(await spec.thenRows(orderRow, [r.id])).toEqual([{
      tenant_id: tenantA, status: 'awaiting_review', line_count: 2, completed_line_count: 1, sold_hours: '1.50', clocked: 120, returns_count: 0, version: 8,
      reviewed: true, approved: false,
    }]);
    expect(await spec.thenRows(lineRows, [r.id, tenantA])).toEqual([
      { line_id: brakes.lineId, status: 'completed', technician_ids: [tara], running: 0, clocked: 90, returns_count: 0, last_return_reason: null },
      { line_id: pads.lineId, status: 'assigned', technician_ids: [tara], running: 0, clocked: 30, returns_count: 0, last_return_reason: null },
    ]);

    // The advisor returns the brakes; Tara re-works them (15 min) and does the pads (30 min); approved.
    await give(tenantA, r.id, [
      r.returned(brakes.lineId, 'torque the caliper bolts', '11:40'),
    ]);
    expect(await spec.thenRows(orderRow, [r.id])).toEqual([expect.objectContaining({ status: 'open', completed_line_count: 0, returns_count: 1 })]);
    expect((await spec.thenRows(lineRows, [r.id, tenantA]))[0]).toMatchObject({ status: 'assigned', returns_count: 1, last_return_reason: 'torque the caliper bolts' });

    await give(tenantA, r.id, [
      r.started(brakes.lineId, tara, '13:00'),
      r.completed(brakes.lineId, tara, '13:15', [r.clock(tara, '13:00', '13:15')]),
      r.started(pads.lineId, tara, '13:20'),
      r.completed(pads.lineId, tara, '13:50', [r.clock(tara, '13:20', '13:50')]),
      r.reviewRequested('14:00'),
      r.approved('14:10'),
    ]);
    expect(await spec.thenRows(orderRow, [r.id])).toEqual([{
      tenant_id: tenantA, status: 'approved', line_count: 2, completed_line_count: 2, sold_hours: '1.50', clocked: 165, returns_count: 1, version: 15,
      reviewed: true, approved: true,
    }]);
    expect(await spec.thenRows(`select technician_id, minutes::float8 as minutes from shop.repair_order_clock where repair_order_id = $1 order by started_at`, [r.id]))
      .toEqual([{ technician_id: tara, minutes: 90 }, { technician_id: vik, minutes: 30 }, { technician_id: tara, minutes: 15 }, { technician_id: tara, minutes: 30 }]);
  });

  it('ignores events for a line it does not know (no row, no error)', async () => {
    const r = repairOrder();
    await give(tenantA, r.id, [r.opened([pads]), r.started(randomUUID(), tara, '10:00')]);
    expect(await spec.thenRows(orderRow, [r.id])).toEqual([expect.objectContaining({ status: 'open', version: 1 })]);
  });

  it("keeps each tenant's repair order under its own tenant_id: work on one tenant's leaves the other's untouched", async () => {
    const id = randomUUID();
    const a = repairOrder(id);
    await give(tenantA, id, [a.opened([brakes])]);
    await give(tenantB, id, [a.opened([brakes]), a.assigned(brakes.lineId, [vik], '09:05'), a.started(brakes.lineId, vik, '09:10'),
      a.completed(brakes.lineId, vik, '09:40', [a.clock(vik, '09:10', '09:40')])]);
    expect(await spec.thenRows(`select tenant_id, completed_line_count, clocked_minutes::float8 as clocked from shop.repair_orders where id = $1 order by tenant_id`, [id]))
      .toEqual([
        { tenant_id: tenantA, completed_line_count: 0, clocked: 0 },
        { tenant_id: tenantB, completed_line_count: 1, clocked: 30 },
      ].sort((x, y) => x.tenant_id.localeCompare(y.tenant_id)));
    expect((await spec.thenRows(lineRows, [id, tenantA]))[0]).toMatchObject({ status: 'pending', technician_ids: [] });
  });

  // Not idempotent on redelivery by design: clocked minutes and return counts are added per event,
  // trusting the runner's checkpoint in the same transaction. A rebuild (tables cleared) must agree.
  it('gives the same rows on a rebuild from position 0', async () => {
    const all = async () => ({
      orders: await spec.thenRows(`select * from shop.repair_orders order by tenant_id, id`),
      lines: await spec.thenRows(`select * from shop.repair_order_lines order by tenant_id, repair_order_id, ordinal`),
      clock: await spec.thenRows(`select * from shop.repair_order_clock order by tenant_id, repair_order_id, line_id, technician_id, started_at`),
    });
    const before = await all();
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
