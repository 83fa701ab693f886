import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { processManagerRunnable, RequestContext } from '@workbay/platform';
import { EVENT_STORE, EventStore, NewEvent, streamIdFor } from '@workbay/eventstore';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { fieldsOf } from '../../../../test/support/problems';
import { ShopClient } from '../../../../test/support/shop-client';
import { eventually } from '../../../../test/support/waiting';
import {
  cancelled, completed, confirmed, defined, expired, held, noShow, registered, reserved, slot, weekdayHours,
} from '../calendar/testing/calendar.fixtures';
import { appointmentUsage } from '../usage/appointment-usage.process';

const BERLIN = 'Europe/Berlin';

/**
 * Resources, services and reservations are written straight to the event store as their commands
 * write them (fixed instants, so local days are known); the customer is registered over HTTP.
 * Everything is read back over REST and GraphQL through the worker's projection.
 */
describe('scheduling calendars, customer bookings, utilisation, no-shows and usage, end to end', () => {
  let platform: Platform;
  let owner: ShopClient;
  let other: ShopClient;
  let store: EventStore;
  let position = 0;
  let asha: string;
  const location = randomUUID();
  const bay = randomUUID();
  const bay2 = randomUUID();
  const service = randomUUID();
  const now = new Date();
  const nowIso = now.toISOString();
  const ids = { upcoming1: randomUUID(), upcoming2: randomUUID(), liveHold: randomUUID(), lapsedHold: randomUUID(), staleHold: randomUUID(), cancelledSoon: randomUUID(), noShow: randomUUID(), done: randomUUID(), unmarked: randomUUID(), early: randomUUID() };

  const append = async (tenantId: string, category: string, id: string, events: NewEvent[]) => {
    const result = await store.append(tenantId, streamIdFor(tenantId, category, id), events, { expectedVersion: 0, metadata: { actor: 'test' } });
    position = Math.max(position, result.globalPosition);
  };

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'sched_reads' });
    store = platform.app.get(EVENT_STORE);
    owner = await ShopClient.signup(platform, 'Berlin Bikes', 'DE', 'EUR');
    other = await ShopClient.signup(platform, 'Other Garage', 'DE', 'EUR');
    const created = await owner.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+49 30 1234567' }).expect(201);
    asha = created.body.id;
    position = created.body.position;
    const t = owner.tenantId;
    await append(t, 'resource', bay, [registered(bay, location, BERLIN, { name: 'Bay 1' }), weekdayHours(bay)]);
    await append(t, 'resource', bay2, [registered(bay2, location, BERLIN, { name: 'Bay 2' }), weekdayHours(bay2)]);
    await append(t, 'service', service, [defined(service, location, 'Oil change')]);
    const party = { customerId: asha, vehicleId: null };
    const at = (reservationId: string, start: string, resourceIds = [bay]) => slot({ reservationId, serviceId: service, locationId: location, party, resourceIds, start, minutes: 45 });
    // Upcoming, Tuesday 2 March 2027 (Berlin UTC+1): 09:00 and 10:00 local, a live hold at 11:00, lapsed holds and a cancelled one.
    await append(t, 'reservation', ids.upcoming1, [reserved(at(ids.upcoming1, '2027-03-02T08:00:00.000Z'), nowIso)]);
    await append(t, 'reservation', ids.upcoming2, [held(at(ids.upcoming2, '2027-03-02T09:00:00.000Z', [bay, bay2]), '2030-01-01T00:00:00.000Z', nowIso), confirmed(ids.upcoming2, nowIso)]);
    await append(t, 'reservation', ids.liveHold, [held({ ...at(ids.liveHold, '2027-03-02T10:00:00.000Z'), channel: 'online' }, '2030-01-01T00:00:00.000Z', nowIso)]);
    await append(t, 'reservation', ids.lapsedHold, [held(at(ids.lapsedHold, '2027-03-02T13:00:00.000Z'), '2026-01-01T00:00:00.000Z'), expired(ids.lapsedHold)]);
    // Its time is up but the expiry has not been recorded yet: no longer shown all the same.
    await append(t, 'reservation', ids.staleHold, [held(at(ids.staleHold, '2027-03-02T15:00:00.000Z'), '2026-01-01T00:00:00.000Z')]);
    await append(t, 'reservation', ids.cancelledSoon, [reserved(at(ids.cancelledSoon, '2027-03-02T14:00:00.000Z')), cancelled(ids.cancelledSoon)]);
    // Past, March 2026: a no-show, a completed one, one nobody marked, one cancelled before its start.
    await append(t, 'reservation', ids.noShow, [reserved(at(ids.noShow, '2026-03-03T08:00:00.000Z')), noShow(ids.noShow)]);
    await append(t, 'reservation', ids.done, [reserved(at(ids.done, '2026-03-03T09:00:00.000Z', [bay2])), completed(ids.done)]);
    await append(t, 'reservation', ids.unmarked, [reserved(at(ids.unmarked, '2026-03-04T09:00:00.000Z'))]);
    await append(t, 'reservation', ids.early, [reserved(at(ids.early, '2026-03-05T09:00:00.000Z')), cancelled(ids.early, false, '2026-03-01T00:00:00.000Z')]);
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
  });

  const ENTRY = 'reservationId status start startLocal localDate serviceName partyName customerId channel holdExpiresAt resources { resourceId name kind }';

  it("shows a location's week with reservations and live holds in its zone, on REST and GraphQL alike", async () => {
    const { body } = await owner.get(`/scheduling/calendar?locationId=${location}&from=2027-03-01&to=2027-03-07`, position).expect(200);
    expect(body.timezone).toBe(BERLIN);
    expect(body.days.map((d: { date: string }) => d.date)).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06', '2027-03-07']);
    const tuesday = body.days[1].entries;
    expect(tuesday.map((e: { reservationId: string }) => e.reservationId)).toEqual([ids.upcoming1, ids.upcoming2, ids.liveHold]);
    expect(tuesday[0]).toMatchObject({
      status: 'reserved', start: '2027-03-02T08:00:00.000Z', startLocal: '2027-03-02T09:00:00.000+01:00', localDate: '2027-03-02',
      serviceName: 'Oil change', partyName: 'Asha Rao', customerId: asha, resources: [{ resourceId: bay, name: 'Bay 1', kind: 'bay' }],
    });
    expect(tuesday[1].resources.map((r: { name: string }) => r.name).sort()).toEqual(['Bay 1', 'Bay 2']);
    expect(tuesday[2]).toMatchObject({ status: 'held', channel: 'online', holdExpiresAt: '2030-01-01T00:00:00.000Z' });
    const gql = await owner.graphql(`query($l: ID!) { locationCalendar(locationId: $l, from: "2027-03-01", to: "2027-03-07") { locationId timezone days { date entries { ${ENTRY} } } } }`, { l: location }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.locationCalendar.days[1].entries).toEqual(tuesday.map(({ reservationId, status, start, startLocal, localDate, serviceName, partyName, customerId, channel, holdExpiresAt, resources }: Record<string, unknown>) =>
      ({ reservationId, status, start, startLocal, localDate, serviceName, partyName, customerId, channel, holdExpiresAt, resources })));
  });

  it("shows one resource's day, only what takes that resource", async () => {
    const { body } = await owner.get(`/scheduling/calendar/resources/${bay2}?from=2027-03-02&to=2027-03-02`, position).expect(200);
    expect(body).toMatchObject({ resourceId: bay2, locationId: location, timezone: BERLIN });
    expect(body.days[0].entries.map((e: { reservationId: string }) => e.reservationId)).toEqual([ids.upcoming2]);
    const gql = await owner.graphql(`query($r: ID!) { resourceCalendar(resourceId: $r, from: "2027-03-02", to: "2027-03-02") { days { entries { reservationId } } } }`, { r: bay2 }).expect(200);
    expect(gql.body.data.resourceCalendar.days[0].entries).toEqual([{ reservationId: ids.upcoming2 }]);
  });

  it("pages a customer's upcoming bookings soonest first and past ones latest first", async () => {
    const first = await owner.get(`/scheduling/customers/${asha}/bookings?when=upcoming&first=2`, position).expect(200);
    expect(first.body.items.map((e: { reservationId: string }) => e.reservationId)).toEqual([ids.upcoming1, ids.upcoming2]);
    const second = await owner.get(`/scheduling/customers/${asha}/bookings?when=upcoming&first=2&after=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ reservationId: ids.liveHold, status: 'held' })], nextCursor: null });
    const past = await owner.get(`/scheduling/customers/${asha}/bookings?when=past`).expect(200);
    expect(past.body.items.map((e: { reservationId: string; status: string }) => [e.reservationId, e.status])).toEqual([
      [ids.early, 'cancelled'], [ids.unmarked, 'reserved'], [ids.done, 'completed'], [ids.noShow, 'no_show'],
    ]);
    const gql = await owner.graphql(`query($c: ID!) { customerBookings(customerId: $c, when: past, first: 1) { items { reservationId } nextCursor } }`, { c: asha }).expect(200);
    expect(gql.body.data.customerBookings.items).toEqual([{ reservationId: ids.early }]);
    expect(gql.body.data.customerBookings.nextCursor).toEqual(expect.any(String));
  });

  it('reports booked vs working minutes per resource and day', async () => {
    const { body } = await owner.get(`/scheduling/reports/utilisation?locationId=${location}&from=2026-03-02&to=2026-03-08`, position).expect(200);
    const bay1 = body.resources.find((r: { resourceId: string }) => r.resourceId === bay);
    // Weekdays 09:00-17:00 less an hour's break: 420 minutes; the no-show (Tue) and the unmarked one (Wed) booked 45 each.
    expect(bay1.days.slice(0, 3)).toEqual([
      { date: '2026-03-02', availableMinutes: 420, bookedMinutes: 0, utilisation: 0 },
      { date: '2026-03-03', availableMinutes: 420, bookedMinutes: 45, utilisation: 0.1071 },
      { date: '2026-03-04', availableMinutes: 420, bookedMinutes: 45, utilisation: 0.1071 },
    ]);
    expect(bay1).toMatchObject({ availableMinutes: 2100, bookedMinutes: 90 });
    expect(bay1.days[5]).toEqual({ date: '2026-03-07', availableMinutes: 0, bookedMinutes: 0, utilisation: null });
    const gql = await owner.graphql(`query($l: ID!) { resourceUtilisation(locationId: $l, from: "2026-03-02", to: "2026-03-08") { utilisation resources { resourceId bookedMinutes availableMinutes } } }`, { l: location }).expect(200);
    expect(gql.body.data.resourceUtilisation.utilisation).toBe(body.utilisation);
    expect(gql.body.data.resourceUtilisation.resources).toEqual(body.resources.map(({ resourceId, bookedMinutes, availableMinutes }: Record<string, unknown>) => ({ resourceId, bookedMinutes, availableMinutes })));
  });

  it('reports the no-show rate over reservations that reached their start, per location and per resource', async () => {
    const { body } = await owner.get(`/scheduling/reports/no-shows?from=2026-03-01&to=2026-03-31&period=month`, position).expect(200);
    expect(body).toMatchObject({ reached: 3, noShows: 1, noShowRate: 0.3333 });
    expect(body.locations).toEqual([{ period: '2026-03-01', locationId: location, resourceId: null, reached: 3, noShows: 1, noShowRate: 0.3333 }]);
    expect(body.resources).toEqual(expect.arrayContaining([
      { period: '2026-03-01', locationId: location, resourceId: bay, reached: 2, noShows: 1, noShowRate: 0.5 },
      { period: '2026-03-01', locationId: location, resourceId: bay2, reached: 1, noShows: 0, noShowRate: 0 },
    ]));
    const gql = await owner.graphql(`query($r: ID) { noShowRate(from: "2026-03-01", to: "2026-03-31", period: day, resourceId: $r) { reached noShows locations { period noShows } } }`, { r: bay }).expect(200);
    expect(gql.body.data.noShowRate).toEqual({ reached: 2, noShows: 1, locations: [{ period: '2026-03-03', noShows: 1 }, { period: '2026-03-04', noShows: 0 }] });
  });

  it('names the field of a bad range or id with 400, on REST and GraphQL', async () => {
    expect(fieldsOf((await owner.get(`/scheduling/calendar?locationId=${location}&from=2027-03-01&to=2027-04-15`).expect(400)).body)).toEqual(['to']);
    expect(fieldsOf((await owner.get(`/scheduling/calendar?locationId=nope&from=2027-03-01&to=2027-03-01`).expect(400)).body)).toEqual(['locationId']);
    expect(fieldsOf((await owner.get(`/scheduling/reports/no-shows?from=2026-02-30&to=2026-03-01`).expect(400)).body)).toEqual(['from']);
    expect(fieldsOf((await owner.get(`/scheduling/customers/${asha}/bookings?when=later`).expect(400)).body)).toEqual(['when']);
    const gql = await owner.graphql(`{ locationCalendar(locationId: "${location}", from: "2027-03-07", to: "2027-03-01") { timezone } }`).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'to' })] });
  });

  it("answers 404 for another tenant's location, resource and customer, and shows it nothing", async () => {
    await other.get(`/scheduling/calendar?locationId=${location}&from=2027-03-01&to=2027-03-07`).expect(404);
    await other.get(`/scheduling/calendar/resources/${bay}?from=2027-03-01&to=2027-03-07`).expect(404);
    await other.get(`/scheduling/customers/${asha}/bookings`).expect(404);
    await other.get(`/scheduling/reports/utilisation?locationId=${location}&from=2026-03-01&to=2026-03-07`).expect(404);
    await other.get(`/scheduling/reports/no-shows?from=2026-03-01&to=2026-03-31&resourceId=${bay}`).expect(404);
    const { body } = await other.get(`/scheduling/reports/no-shows?from=2026-03-01&to=2026-03-31`).expect(200);
    expect(body).toEqual({ reached: 0, noShows: 0, noShowRate: null, locations: [], resources: [] });
    const gql = await other.graphql(`query($l: ID!) { locationCalendar(locationId: $l, from: "2027-03-01", to: "2027-03-01") { timezone } }`, { l: location }).expect(200);
    expect(gql.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets a technician read calendars but not the reports', async () => {
    const technician = await owner.invite(['technician']);
    await technician.get(`/scheduling/calendar?locationId=${location}&from=2027-03-02&to=2027-03-02`, position).expect(200);
    await technician.get(`/scheduling/reports/utilisation?locationId=${location}&from=2026-03-02&to=2026-03-02`).expect(403);
    await technician.get(`/scheduling/reports/no-shows?from=2026-03-01&to=2026-03-31`).expect(403);
  });

  it('shows what ReserveSlot, HoldSlot and ConfirmHold book over HTTP, and meters each booked appointment as appointments_booked by channel', async () => {
    const party = { customerId: asha };
    const reservedNow = await owner.post('/scheduling/reservations', { serviceId: service, resources: [bay2], start: '2027-03-02T13:00:00Z', party }).expect(201);
    const heldNow = await owner.post('/scheduling/holds', { serviceId: service, resources: [bay2], start: '2027-03-02T14:00:00Z', party }).expect(201);
    const shown = async (minPosition: number) =>
      (await owner.get(`/scheduling/calendar/resources/${bay2}?from=2027-03-02&to=2027-03-02`, minPosition).expect(200)).body.days[0].entries
        .map((e: { reservationId: string; status: string; startLocal: string }) => [e.reservationId, e.status, e.startLocal]);
    expect(await shown(heldNow.body.position)).toEqual([
      [ids.upcoming2, 'reserved', '2027-03-02T10:00:00.000+01:00'],
      [reservedNow.body.id, 'reserved', '2027-03-02T14:00:00.000+01:00'],
      [heldNow.body.id, 'held', '2027-03-02T15:00:00.000+01:00'],
    ]);
    const confirmedNow = await owner.post(`/scheduling/reservations/${heldNow.body.id}/confirm`, {}).expect(200);
    expect((await shown(confirmedNow.body.position))[2]).toEqual([heldNow.body.id, 'reserved', '2027-03-02T15:00:00.000+01:00']);

    const period = nowIso.slice(0, 7);
    const figures = await eventually(async () => {
      const { body } = await owner.get(`/usage/summary?period=${period}`).expect(200);
      const booked = body.figures.filter((f: { meter: string }) => f.meter === 'appointments_booked');
      // Every signal, not just the first ones the worker got to.
      return booked.reduce((n: number, f: { events: number }) => n + f.events, 0) >= 4 ? booked : undefined;
    }, 'appointments_booked in the usage summary');
    // Booked now by staff: upcoming1 (reserved), upcoming2 (held, then confirmed), and the two over HTTP; the live hold books nothing yet.
    expect(figures).toEqual([expect.objectContaining({ meter: 'appointments_booked', dimensions: [{ name: 'channel', value: 'staff' }], value: 4, events: 4 })]);
    const { body } = await other.get(`/usage/summary?period=${period}`).expect(200);
    expect(body.figures.filter((f: { meter: string }) => f.meter === 'appointments_booked')).toEqual([]);
  });

  it('meters a booked appointment once when its event is delivered again', async () => {
    const made = await owner.post('/scheduling/reservations', { serviceId: service, resources: [bay2], start: '2027-03-03T13:00:00Z', party: { customerId: asha } }).expect(201);
    const booked = (await store.readTenant(owner.tenantId)).find((e) => e.type === 'SlotReserved' && (e.data as { reservationId: string }).reservationId === made.body.id)!;
    // The worker delivers it too, in its own pass: one signal all the same.
    const worker = platform.worker!.app;
    const step = processManagerRunnable(appointmentUsage, worker.get(CommandBus), worker.get(RequestContext));
    await step.apply(undefined as never, booked);
    await step.apply(undefined as never, booked);
    const signals = async () => (await store.readTenant(owner.tenantId))
      .filter((e) => e.type === 'BillableUsageSignalled' && (e.data as { source: { eventId: string } }).source.eventId === booked.eventId);
    expect(await signals()).toHaveLength(1);
  });
});
