import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { Platform, startPlatform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';
import { defineService, liveStartsFromEvents, peaksFromEvents, peaksFromReadModel, registerResource } from '../testing/scheduling-fixtures';

/**
 * Done means (issue #14): hundreds of concurrent requests over HTTP at overlapping slots of one
 * resource, mixing ReserveSlot, HoldSlot + ConfirmHold, RescheduleReservation and recurring series:
 * what is accepted is exactly the capacity, and a query over the event store (events decoded in
 * SQL) and one over scheduling.occupancies both find no instant above capacity.
 */
const DAY_MS = 86_400_000;
const HOUR = 3_600_000;
const dayAt = (day: number, hour: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + day * DAY_MS + hour * HOUR).toISOString();

describe('no double booking under concurrent requests (HTTP, real Postgres)', () => {
  let platform: Platform;
  let owner: ShopClient;
  let store: EventStore;
  let party: { customerId: string; vehicleId: string };
  const locationId = randomUUID();

  beforeAll(async () => {
    platform = await startPlatform();
    // A real port: hundreds of requests in flight share it (supertest would bind one per request otherwise).
    await platform.app.listen(0, '127.0.0.1');
    owner = await ShopClient.signup(platform);
    store = platform.app.get<EventStore>(EVENT_STORE);
    const { customerId, vehicleId } = await owner.customerWithVehicle();
    party = { customerId, vehicleId };
  });
  afterAll(() => platform?.close());

  /**
   * `slots` aligned one-hour slots on day 3 (08:00, 09:00, ...), each wanted by many: exactly one
   * winner per seat. Reschedules move reservations made first on day 5; series take the same hour
   * on days 3, 4 and 5 (all or none).
   */
  async function storm(resourceId: string, serviceId: string, slots: number, counts: { reserve: number; hold: number; reschedule: number; series: number }) {
    const body = (start: string) => ({ serviceId, resources: [resourceId], start, party });
    const startOf = (i: number) => dayAt(3, 8 + (i % slots));
    const movable: string[] = [];
    for (let i = 0; i < Math.ceil(counts.reschedule / 5); i++) {
      const made = await owner.post('/scheduling/reservations', body(new Date(Date.parse(dayAt(5, 8)) + i * HOUR).toISOString()));
      if (made.status !== 201) throw new Error(`setup booking: ${made.status} ${JSON.stringify(made.body)}`);
      movable.push(made.body.id);
    }
    const requests: Array<Promise<{ kind: string; status: number; body: Record<string, unknown> }>> = [];
    const send = (kind: string, r: Promise<{ status: number; body: Record<string, unknown> }>) => requests.push(r.then((res) => ({ kind, status: res.status, body: res.body })));
    for (let i = 0; i < counts.reserve; i++) send('reserve', owner.post('/scheduling/reservations', body(startOf(i))));
    for (let i = 0; i < counts.hold; i++) {
      send('hold+confirm', owner.post('/scheduling/holds', body(startOf(i + 1))).then(async (held) => {
        if (held.status !== 201) return held;
        return owner.post(`/scheduling/reservations/${held.body.id}/confirm`, {});
      }));
    }
    for (let i = 0; i < counts.reschedule; i++) {
      send('reschedule', owner.post(`/scheduling/reservations/${movable[i % movable.length]}/reschedule`, { start: startOf(i + 2) }));
    }
    for (let i = 0; i < counts.series; i++) {
      send('series', owner.post('/scheduling/reservation-series', { ...body(dayAt(3, 8 + ((i + 3) % slots))), rrule: 'FREQ=DAILY;COUNT=3' }));
    }
    return Promise.all(requests);
  }

  async function expectNoOverlap(resourceId: string, capacity: number) {
    const fromEvents = await peaksFromEvents(platform.config.DATABASE_URL, owner.tenantId);
    expect(fromEvents[resourceId].peak).toBeLessThanOrEqual(capacity);
    await until(async () => {
      const read = await peaksFromReadModel(platform.config.DATABASE_URL, owner.tenantId);
      return read[resourceId]?.reservations === fromEvents[resourceId].reservations;
    }, 'the occupancy projection to catch up', 30_000);
    const fromReadModel = await peaksFromReadModel(platform.config.DATABASE_URL, owner.tenantId);
    expect(fromReadModel[resourceId]).toEqual(fromEvents[resourceId]);
  }

  it('gives each hour of a one-seat bay to exactly one of 560 racing requests, and both event store and read model show no overlap', async () => {
    const bay = await registerResource(store, owner.tenantId, { locationId, kind: 'bay' });
    const service = await defineService(store, owner.tenantId, { locationId, needs: [{ kind: 'bay', count: 1 }] });
    const slots = 6;
    const answers = await storm(bay, service, slots, { reserve: 300, hold: 100, reschedule: 60, series: 100 });
    expect(answers.length).toBeGreaterThanOrEqual(500);
    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].every((s) => s === 200 || s === 201 || s === 409)).toBe(true);
    const lost = answers.filter((a) => a.status === 409);
    // A loser is told which time is in the way.
    expect(lost.filter((a) => a.body.code === 'SLOT_TAKEN').every((a) => typeof (a.body.conflict as { start: string }).start === 'string')).toBe(true);
    expect(answers.filter((a) => a.status !== 409).length).toBeGreaterThan(0);
    // Accepted on the contested day == its capacity: one reservation per hour, each hour taken.
    const onDay3 = await liveStartsFromEvents(platform.config.DATABASE_URL, owner.tenantId, bay, dayAt(3, 0), dayAt(4, 0));
    expect(onDay3).toEqual(Array.from({ length: slots }, (_, i) => dayAt(3, 8 + i)));
    await expectNoOverlap(bay, 1);
  });

  it('never sells a fourth seat of a three-seat class to 520 racing requests', async () => {
    const room = await registerResource(store, owner.tenantId, { locationId, kind: 'room', capacity: 3 });
    const service = await defineService(store, owner.tenantId, { locationId, needs: [{ kind: 'room', count: 1 }] });
    const slots = 2;
    const answers = await storm(room, service, slots, { reserve: 300, hold: 80, reschedule: 40, series: 100 });
    expect(answers.length).toBeGreaterThanOrEqual(500);
    expect(answers.every((a) => a.status === 200 || a.status === 201 || a.status === 409)).toBe(true);
    const onDay3 = await liveStartsFromEvents(platform.config.DATABASE_URL, owner.tenantId, room, dayAt(3, 0), dayAt(4, 0));
    expect(onDay3).toEqual([dayAt(3, 8), dayAt(3, 8), dayAt(3, 8), dayAt(3, 9), dayAt(3, 9), dayAt(3, 9)]);
    await expectNoOverlap(room, 3);
  });
});
