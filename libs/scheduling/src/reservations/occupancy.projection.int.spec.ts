import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { SCHEDULING_MIGRATIONS } from '../migrations';
import { occupancyProjection } from './occupancy.projection';
import type { BookedSlot, ReservationEvent, TakenResource } from './reservation.events';

const taken = (resourceId: string, from: string, until: string, capacity = 1): TakenResource => ({ resourceId, kind: 'bay', blockedFrom: from, blockedUntil: until, capacity });
const slot = (reservationId: string, resources: TakenResource[], start = resources[0].blockedFrom, end = resources[0].blockedUntil): BookedSlot => ({
  reservationId, serviceId: randomUUID(), locationId: randomUUID(), start, end, resources, seats: 1, party: { customerId: randomUUID() },
  notes: null, seriesId: null, channel: 'staff', price: { amountMinor: 100, currency: 'INR' },
});
const rows = `select tenant_id, resource_id, status, lower(blocked) as from, upper(blocked) as until, capacity, hold_expires_at is not null as expiring
  from scheduling.occupancies where reservation_id = $1 order by tenant_id, resource_id`;

describe('scheduling.occupancies projection', () => {
  let spec: ProjectionSpec;
  const tenant = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(occupancyProjection, { migrations: SCHEDULING_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('keeps a row per resource while a reservation occupies time, moves them on reschedule and drops them on cancel', async () => {
    const id = randomUUID();
    const [bay, tech] = [randomUUID(), randomUUID()].sort();
    const resources = [taken(bay, '2030-01-07T09:00:00Z', '2030-01-07T10:15:00Z'), taken(tech, '2030-01-07T09:00:00Z', '2030-01-07T10:00:00Z')];
    await spec.given(tenant, 'reservation', id, [{ type: 'SlotReserved', data: { ...slot(id, resources), reservedAt: '2030-01-01T00:00:00Z' } } satisfies ReservationEvent]);
    expect((await spec.thenRows(rows, [id])).map((r) => [r.resource_id, r.status, (r.until as Date).toISOString()])).toEqual([
      [bay, 'reserved', '2030-01-07T10:15:00.000Z'], [tech, 'reserved', '2030-01-07T10:00:00.000Z'],
    ]);
    const moved = [taken(bay, '2030-01-08T09:00:00Z', '2030-01-08T10:15:00Z')];
    await spec.given(tenant, 'reservation', id, [{
      type: 'ReservationRescheduled',
      data: { reservationId: id, previous: { start: resources[0].blockedFrom, end: resources[1].blockedUntil, resources }, start: '2030-01-08T09:00:00Z', end: '2030-01-08T10:00:00Z', resources: moved, rescheduledAt: '2030-01-02T00:00:00Z' },
    } satisfies ReservationEvent]);
    expect((await spec.thenRows(rows, [id])).map((r) => [r.resource_id, r.status, (r.from as Date).toISOString()])).toEqual([[bay, 'reserved', '2030-01-08T09:00:00.000Z']]);
    await spec.given(tenant, 'reservation', id, [{ type: 'ReservationCancelled', data: { reservationId: id, late: false, fee: null, reason: null, cancelledAt: '2030-01-03T00:00:00Z' } } satisfies ReservationEvent]);
    expect(await spec.thenRows(rows, [id])).toEqual([]);
  });

  it('shows a hold as held until confirmed, and drops an expired one', async () => {
    const [kept, lapsed] = [randomUUID(), randomUUID()];
    const bay = randomUUID();
    const held = (id: string, from: string, until: string): ReservationEvent => ({
      type: 'SlotHeld', data: { ...slot(id, [taken(bay, from, until)]), heldAt: '2030-01-01T00:00:00Z', expiresAt: '2030-01-01T00:10:00Z' },
    });
    await spec.given(tenant, 'reservation', kept, [held(kept, '2030-02-01T09:00:00Z', '2030-02-01T10:00:00Z')]);
    expect(await spec.thenRows(`select status, hold_expires_at from scheduling.occupancies where reservation_id = $1`, [kept]))
      .toEqual([{ status: 'held', hold_expires_at: new Date('2030-01-01T00:10:00Z') }]);
    await spec.given(tenant, 'reservation', kept, [{ type: 'HoldConfirmed', data: { reservationId: kept, confirmedAt: '2030-01-01T00:05:00Z' } }]);
    expect(await spec.thenRows(`select status, hold_expires_at from scheduling.occupancies where reservation_id = $1`, [kept])).toEqual([{ status: 'reserved', hold_expires_at: null }]);
    await spec.given(tenant, 'reservation', lapsed, [held(lapsed, '2030-02-01T11:00:00Z', '2030-02-01T12:00:00Z'), { type: 'HoldExpired', data: { reservationId: lapsed, expiredAt: '2030-01-01T00:10:00Z' } }]);
    expect(await spec.thenRows(rows, [lapsed])).toEqual([]);
  });

  it('stops on two overlapping rows of a one-seat resource (the GiST wall) but takes them on a three-seat one, per tenant', async () => {
    const bay = randomUUID();
    const room = randomUUID();
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const reserved = (id: string, r: TakenResource): ReservationEvent => ({ type: 'SlotReserved', data: { ...slot(id, [r]), reservedAt: '2030-01-01T00:00:00Z' } });
    await spec.given(tenant, 'reservation', a, [reserved(a, taken(bay, '2030-03-01T09:00:00Z', '2030-03-01T10:00:00Z'))]);
    await spec.thenRows(`select 1`);
    // What the projection would write for a double booking of the bay: the table refuses it (the projection would stop on it, loudly).
    await expect(spec.thenRows(
      `insert into scheduling.occupancies (tenant_id, reservation_id, resource_id, service_id, location_id, starts_at, ends_at, blocked, seats, capacity, status)
       values ($1, $2, $3, $2, $2, '2030-03-01T09:30:00Z', '2030-03-01T10:30:00Z', tstzrange('2030-03-01T09:30:00Z', '2030-03-01T10:30:00Z'), 1, 1, 'reserved')`,
      [tenant, b, bay],
    )).rejects.toThrow(/occupancies_no_overlap_capacity_one/);
    // Another tenant's bay with the same id is another bay.
    const otherTenant = randomUUID();
    await spec.given(otherTenant, 'reservation', b, [reserved(b, taken(bay, '2030-03-01T09:30:00Z', '2030-03-01T10:30:00Z'))]);
    await spec.given(tenant, 'reservation', c, [reserved(c, taken(room, '2030-03-01T09:00:00Z', '2030-03-01T10:00:00Z', 3))]);
    await spec.given(tenant, 'reservation', d, [reserved(d, taken(room, '2030-03-01T09:00:00Z', '2030-03-01T10:00:00Z', 3))]);
    expect(await spec.thenRows(`select count(*)::int as n from scheduling.occupancies where resource_id = $1`, [room])).toEqual([{ n: 2 }]);
    expect(await spec.thenRows(`select tenant_id from scheduling.occupancies where resource_id = $1 order by lower(blocked)`, [bay]))
      .toEqual(expect.arrayContaining([{ tenant_id: tenant }, { tenant_id: otherTenant }]));
  });
});
