import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { SCHEDULING_MIGRATIONS } from '../migrations';
import {
  cancelled, checkedIn, completed, confirmed, customer, defined, expired, held, noShow, registered, rescheduled, reserved, slot, weekdayHours,
} from './testing/calendar.fixtures';
import { calendarProjection } from './calendar.projection';

const BERLIN = 'Europe/Berlin';

describe('scheduling.calendar projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const location = randomUUID();
  const bay = randomUUID();
  const tech = randomUUID();
  const service = randomUUID();
  const asha = randomUUID();
  const party = { customerId: asha, vehicleId: null };

  beforeAll(async () => {
    spec = await startProjectionSpec(calendarProjection, { migrations: SCHEDULING_MIGRATIONS, batchSize: 3 });
    for (const tenant of [tenantA, tenantB]) {
      await spec.given(tenant, 'resource', bay, [registered(bay, location, BERLIN), weekdayHours(bay)]);
      await spec.given(tenant, 'resource', tech, [registered(tech, location, BERLIN, { name: 'Jonas', kind: 'technician' })]);
      await spec.given(tenant, 'service', service, [defined(service, location)]);
    }
    await spec.given(tenantA, 'customer', asha, [customer(asha)]);
  });
  afterAll(() => spec?.close());

  const entry = (id: string) =>
    spec.thenRows(`select status, to_char(local_date, 'YYYY-MM-DD') as local_date, timezone, customer_id, guest_name, hold_expires_at is not null as holding,
      late_cancel, version from scheduling.calendar_entries where tenant_id = $1 and reservation_id = $2`, [tenantA, id]);
  const booked = (tenant: string, resource: string) =>
    spec.thenRows(`select to_char(day, 'YYYY-MM-DD') as day, booked_minutes from scheduling.utilisation_days where tenant_id = $1 and resource_id = $2 and booked_minutes <> 0 order by day`, [tenant, resource]);

  it('keeps its own copy of resources (folded schedule, zone), services and customer names', async () => {
    expect(await spec.thenRows(`select name, kind, timezone, capacity, active, schedule->'breaks'->0 as first_break, version from scheduling.calendar_resources where tenant_id = $1 and resource_id = $2`, [tenantA, bay]))
      .toEqual([{ name: 'Bay 1', kind: 'bay', timezone: BERLIN, capacity: 1, active: true, first_break: { day: 1, start: '12:00', end: '13:00' }, version: 2 }]);
    expect(await spec.thenRows(`select name, duration_minutes from scheduling.calendar_services where tenant_id = $1`, [tenantA])).toEqual([{ name: 'Oil change', duration_minutes: 45 }]);
    expect(await spec.thenRows(`select display_name from scheduling.calendar_customers where customer_id = $1`, [asha])).toEqual([{ display_name: 'Asha Rao' }]);
  });

  it('books the appointment minutes per resource and local day as reservations are made, confirmed, moved, cancelled and missed', async () => {
    const base = { serviceId: service, locationId: location, party, minutes: 45 };
    // Tuesday 3 March 2026, Berlin is UTC+1.
    const r1 = slot({ ...base, resourceIds: [bay], start: '2026-03-03T08:00:00.000Z' });
    const r2 = slot({ ...base, resourceIds: [bay], start: '2026-03-03T09:00:00.000Z' });
    const r3 = slot({ ...base, resourceIds: [bay], start: '2026-03-03T10:00:00.000Z' });
    const r4 = slot({ ...base, resourceIds: [bay], start: '2026-03-03T13:00:00.000Z' });
    const r5 = slot({ ...base, resourceIds: [bay], start: '2026-03-03T14:00:00.000Z' });
    const r6 = slot({ ...base, resourceIds: [bay, tech], start: '2026-03-06T08:00:00.000Z', minutes: 30, party: { guest: { name: 'Walk-in Kim', email: 'kim@example.com' } } });
    await spec.given(tenantA, 'reservation', r1.reservationId, [reserved(r1), checkedIn(r1.reservationId), completed(r1.reservationId)]);
    await spec.given(tenantA, 'reservation', r2.reservationId, [held(r2, '2026-02-01T08:10:00.000Z'), confirmed(r2.reservationId)]);
    await spec.given(tenantA, 'reservation', r3.reservationId, [held(r3, '2026-02-01T08:10:00.000Z'), expired(r3.reservationId)]);
    // Moved to Wednesday 23:30 local for an hour: 30 minutes on Wednesday, 30 on Thursday.
    await spec.given(tenantA, 'reservation', r4.reservationId, [reserved(r4), rescheduled(r4, '2026-03-04T22:30:00.000Z', 60)]);
    await spec.given(tenantA, 'reservation', r5.reservationId, [reserved(r5), cancelled(r5.reservationId, true)]);
    await spec.given(tenantA, 'reservation', r6.reservationId, [reserved(r6), noShow(r6.reservationId)]);

    expect(await booked(tenantA, bay)).toEqual([
      { day: '2026-03-03', booked_minutes: 90 }, { day: '2026-03-04', booked_minutes: 30 }, { day: '2026-03-05', booked_minutes: 30 }, { day: '2026-03-06', booked_minutes: 30 },
    ]);
    expect(await booked(tenantA, tech)).toEqual([{ day: '2026-03-06', booked_minutes: 30 }]);
    expect(await entry(r1.reservationId)).toEqual([{ status: 'completed', local_date: '2026-03-03', timezone: BERLIN, customer_id: asha, guest_name: null, holding: false, late_cancel: null, version: 3 }]);
    expect(await entry(r2.reservationId)).toEqual([expect.objectContaining({ status: 'reserved', holding: false })]);
    expect(await entry(r3.reservationId)).toEqual([expect.objectContaining({ status: 'expired' })]);
    expect(await entry(r4.reservationId)).toEqual([expect.objectContaining({ status: 'reserved', local_date: '2026-03-04', version: 2 })]);
    expect(await entry(r5.reservationId)).toEqual([expect.objectContaining({ status: 'cancelled', late_cancel: true })]);
    expect(await entry(r6.reservationId)).toEqual([expect.objectContaining({ status: 'no_show', customer_id: null, guest_name: 'Walk-in Kim' })]);
    expect(await spec.thenRows(`select resource_id, to_char(blocked_until at time zone 'UTC', 'HH24:MI') as until from scheduling.calendar_entry_resources where reservation_id = $1`, [r4.reservationId]))
      .toEqual([{ resource_id: bay, until: '23:40' }]);
  });

  it('shows a hold until it expires or is confirmed, and books seats times minutes on a class', async () => {
    const room = randomUUID();
    await spec.given(tenantA, 'resource', room, [registered(room, location, BERLIN, { name: 'Studio', kind: 'room', capacity: 3 })]);
    const two = slot({ serviceId: service, locationId: location, party, resourceIds: [room], start: '2026-03-10T17:00:00.000Z', minutes: 60, seats: 2 });
    const pending = slot({ serviceId: service, locationId: location, party, resourceIds: [room], start: '2026-03-10T17:00:00.000Z', minutes: 60 });
    await spec.given(tenantA, 'reservation', two.reservationId, [reserved(two)]);
    await spec.given(tenantA, 'reservation', pending.reservationId, [held(pending, '2030-01-01T00:00:00.000Z')]);
    expect(await booked(tenantA, room)).toEqual([{ day: '2026-03-10', booked_minutes: 120 }]);
    expect(await entry(pending.reservationId)).toEqual([expect.objectContaining({ status: 'held', holding: true })]);
  });

  it("keeps each tenant's reservations under its own tenant_id, even with the same ids", async () => {
    const id = randomUUID();
    const s = slot({ reservationId: id, serviceId: service, locationId: location, party, resourceIds: [bay], start: '2026-04-07T07:00:00.000Z', minutes: 45 });
    await spec.given(tenantA, 'reservation', id, [reserved(s)]);
    await spec.given(tenantB, 'reservation', id, [reserved(s), cancelled(id)]);
    expect(await spec.thenRows(`select tenant_id, status from scheduling.calendar_entries where reservation_id = $1 order by status`, [id]))
      .toEqual([{ tenant_id: tenantB, status: 'cancelled' }, { tenant_id: tenantA, status: 'reserved' }]);
    expect(await booked(tenantB, bay)).toEqual([]);
  });

  it('gives the same rows on redelivery and on a rebuild', async () => {
    const all = async () => ({
      entries: await spec.thenRows(`select * from scheduling.calendar_entries order by tenant_id, reservation_id`),
      resources: await spec.thenRows(`select * from scheduling.calendar_entry_resources order by tenant_id, reservation_id, resource_id`),
      days: await spec.thenRows(`select * from scheduling.utilisation_days order by tenant_id, resource_id, day`),
      directory: await spec.thenRows(`select * from scheduling.calendar_resources order by tenant_id, resource_id`),
    });
    const before = await all();
    await spec.redeliver();
    expect(await all()).toEqual(before);
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
