import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import type { MileageRecorded, VehicleAdded } from '../domain';
import { SHOP_MIGRATIONS } from '../migrations';
import { clockInterval, invoiceEvents, laborLine, repairOrderEvents } from '../shared/projection-spec.fixtures';
import { vehicleHistoryProjection } from './vehicle-history.projection';

const added = (vehicleId: string, customerId: string, mileage: number): VehicleAdded => ({
  type: 'VehicleAdded', data: { vehicleId, customerId, vin: '1HGCM82633A004352', year: 2019, make: 'Honda', model: 'Accord', mileage, addedAt: '2026-08-01T09:00:00.000Z' },
});
const mileage = (vehicleId: string, value: number, previous: number): MileageRecorded => ({
  type: 'MileageRecorded', data: { vehicleId, mileage: value, previousMileage: previous, recordedAt: '2026-08-01T09:30:00.000Z' },
});
const t = (hhmm: string) => `2026-08-02T${hhmm}:00.000Z`;

const visitRows = `select tenant_id, repair_order_id, mileage_at_intake, repair_order->>'status' as ro_status,
  jsonb_array_length(repair_order->'lines') as lines, repair_order->'lines'->0->'technicianIds' as technicians,
  jsonb_array_length(repair_order->'lines'->0->'clocked') as clocks, invoice->>'number' as invoice_number, invoice->>'status' as invoice_status,
  (invoice->>'paidMinor')::int as paid from shop.vehicle_service_visits where vehicle_id = $1 order by tenant_id, opened_at`;

describe('shop.vehicle-history projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const vehicleId = randomUUID();
  const customerId = randomUUID();
  const tara = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(vehicleHistoryProjection, { migrations: SHOP_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('records a visit with the mileage at intake, the repair order as the decider folds it and its invoice', async () => {
    await spec.given(tenantA, 'vehicle', vehicleId, [added(vehicleId, customerId, 42_000), mileage(vehicleId, 43_500, 42_000)]);
    const r = repairOrderEvents();
    const brakes = laborLine(1.5, 12_000);
    await spec.given(tenantA, 'repair-order', r.id, [r.opened([brakes], t('08:00'), { vehicleId, customerId })]);
    // A later reading moves the vehicle, not the intake mileage of a visit already open.
    await spec.given(tenantA, 'vehicle', vehicleId, [mileage(vehicleId, 44_000, 43_500)]);
    expect(await spec.thenRows(visitRows, [vehicleId])).toEqual([{
      tenant_id: tenantA, repair_order_id: r.id, mileage_at_intake: 43_500, ro_status: 'open', lines: 1, technicians: [], clocks: 0,
      invoice_number: null, invoice_status: null, paid: null,
    }]);
    expect(await spec.thenRows(`select mileage from shop.vehicle_history_vehicles where vehicle_id = $1`, [vehicleId])).toEqual([{ mileage: 44_000 }]);

    const inv = invoiceEvents();
    await spec.given(tenantA, 'repair-order', r.id, [
      r.assigned(brakes.lineId, [tara], t('08:05')),
      r.started(brakes.lineId, tara, t('08:10')),
      r.completed(brakes.lineId, tara, t('09:40'), [clockInterval(tara, t('08:10'), t('09:40'))]),
      r.reviewRequested(t('09:45')),
      r.approved(t('09:50')),
    ]);
    // 180.00 + 8% = 194.40, paid in two parts.
    await spec.given(tenantA, 'invoice', inv.id, [
      inv.issued({ number: 'INV-7', repairOrderId: r.id, vehicleId, customerId, lines: [brakes], issuedAt: t('10:00') }),
      inv.paid(randomUUID(), 10_000, t('10:05')),
    ]);
    expect(await spec.thenRows(visitRows, [vehicleId])).toEqual([expect.objectContaining({
      ro_status: 'approved', technicians: [tara], clocks: 1, invoice_number: 'INV-7', invoice_status: 'partially_paid', paid: 10_000,
    })]);
    await spec.given(tenantA, 'invoice', inv.id, [inv.paid(randomUUID(), 9440, t('10:10')), inv.settled(19_440, t('10:10'))]);
    expect(await spec.thenRows(visitRows, [vehicleId])).toEqual([expect.objectContaining({ invoice_status: 'paid', paid: 19_440 })]);
  });

  it('shows the invoice issued after a void: the visit follows the repair order, not the first invoice', async () => {
    const v = randomUUID();
    const r = repairOrderEvents();
    const [first, second] = [invoiceEvents(), invoiceEvents()];
    const lines = [laborLine(1, 10_000)];
    await spec.given(tenantA, 'vehicle', v, [added(v, customerId, 1000)]);
    await spec.given(tenantA, 'repair-order', r.id, [r.opened(lines, t('13:00'), { vehicleId: v, customerId })]);
    await spec.given(tenantA, 'invoice', first.id, [first.issued({ number: 'INV-9', repairOrderId: r.id, vehicleId: v, lines, issuedAt: t('14:00') }), first.voided(t('14:05'))]);
    expect(await spec.thenRows(visitRows, [v])).toEqual([expect.objectContaining({ invoice_number: 'INV-9', invoice_status: 'void' })]);
    await spec.given(tenantA, 'invoice', second.id, [second.issued({ number: 'INV-10', repairOrderId: r.id, vehicleId: v, lines, issuedAt: t('14:10') })]);
    expect(await spec.thenRows(visitRows, [v])).toEqual([expect.objectContaining({ invoice_number: 'INV-10', invoice_status: 'issued', paid: 0 })]);
  });

  it('ignores repair order and invoice events of a visit it never saw open', async () => {
    const r = repairOrderEvents();
    const inv = invoiceEvents();
    await spec.given(tenantA, 'repair-order', r.id, [r.approved(t('11:00'))]);
    await spec.given(tenantA, 'invoice', inv.id, [inv.issued({ number: 'INV-8', repairOrderId: r.id, lines: [laborLine(1, 1000)], issuedAt: t('11:00') })]);
    expect(await spec.thenRows(`select 1 from shop.vehicle_service_visits where repair_order_id = $1`, [r.id])).toEqual([]);
  });

  it("keeps each tenant's vehicle and visits under its own tenant_id, even for the same vehicle id", async () => {
    const r = repairOrderEvents();
    await spec.given(tenantB, 'vehicle', vehicleId, [added(vehicleId, customerId, 7000)]);
    await spec.given(tenantB, 'repair-order', r.id, [r.opened([laborLine(1, 1000)], t('12:00'), { vehicleId, customerId })]);
    expect(await spec.thenRows(`select tenant_id, mileage from shop.vehicle_history_vehicles where vehicle_id = $1 order by mileage`, [vehicleId]))
      .toEqual([{ tenant_id: tenantB, mileage: 7000 }, { tenant_id: tenantA, mileage: 44_000 }]);
    const visits = await spec.thenRows<{ tenant_id: string; mileage_at_intake: number; ro_status: string }>(visitRows, [vehicleId]);
    expect(Object.fromEntries(visits.map((v) => [v.tenant_id, [v.mileage_at_intake, v.ro_status]]))).toEqual({ [tenantA]: [43_500, 'approved'], [tenantB]: [7000, 'open'] });
  });

  // Not idempotent on redelivery by design: each event is folded into the stored decider state
  // (a redelivered payment would count twice), trusting the runner's checkpoint in the same
  // transaction. A rebuild (tables cleared) must give the same history.
  it('gives the same history on a rebuild from position 0', async () => {
    const all = async () => ({
      vehicles: await spec.thenRows(`select * from shop.vehicle_history_vehicles order by tenant_id, vehicle_id`),
      visits: await spec.thenRows(`select * from shop.vehicle_service_visits order by tenant_id, repair_order_id`),
    });
    const before = await all();
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
