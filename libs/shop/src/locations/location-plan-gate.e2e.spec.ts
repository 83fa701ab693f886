import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';
import { locationNameKey, locationNameStreamCategory } from './location-name.decider';
import { nameStreamKey } from './location-names';
import { LOCATION_SEAT_ID, locationSeatStreamCategory } from './location-seat.decider';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const location = (name: string) => ({ name, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' } });
const OPEN = `mutation($input: OpenLocationInput!) { openLocation(input: $input) { id position } }`;

/**
 * The plan gate on a second location (issue #11): a plan without multi_location holds one open
 * location, decided on the command side, so openings racing within the directory's lag cannot
 * both get through.
 */
describe('opening locations against the plan', () => {
  let platform: Platform;
  let store: EventStore;

  async function signup(plan: 'starter' | 'growth'): Promise<ShopClient> {
    const res = await platform.http().post('/auth/signup').send({
      companyName: `${plan} motors`, country: 'IN', currency: 'INR', plan, ownerName: 'Owner',
      email: `owner.${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery',
    }).expect(201);
    return new ShopClient(platform, res.body.accessToken, res.body.tenantId, res.body.userId);
  }

  const seatEvents = async (shop: ShopClient) =>
    (await store.readStream(shop.tenantId, streamIdFor(shop.tenantId, locationSeatStreamCategory, LOCATION_SEAT_ID))).map((e) => e.type);

  const queryOpen = async (shop: ShopClient, position?: number) =>
    ({ rows: (await shop.get('/locations?status=open&first=100', position).expect(200)).body.items as { id: string; name: string }[] });

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'locgate' });
    store = platform.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(() => platform?.close());

  it('lets exactly one of 12 concurrent first openings (REST and GraphQL) through on Starter; the rest are 403 FEATURE_NOT_IN_PLAN naming multi_location', async () => {
    const starter = await signup('starter');
    const answers = await Promise.all(Array.from({ length: 12 }, async (_, i) => {
      if (i % 2 === 0) {
        const res = await starter.post('/locations', location(`Branch ${i}`));
        return { status: res.status, body: res.body, position: res.body.position as number | undefined };
      }
      const res = await starter.graphql(OPEN, { input: location(`Branch ${i}`) }).expect(200);
      const error = res.body.errors?.[0]?.extensions;
      // The winner's position, REST or GraphQL, so the directory read below waits for it.
      return { status: error ? error.status : 201, body: error ?? res.body.data.openLocation, position: res.body.data?.openLocation?.position as number | undefined };
    }));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 403)).toHaveLength(11);
    for (const refused of answers.filter((a) => a.status === 403)) {
      expect(refused.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'multi_location' });
    }
    const restRefusal = answers.find((a, i) => i % 2 === 0 && a.status === 403)!;
    expect(restRefusal.body).toMatchObject({ type: 'https://workbay.dev/problems/feature-not-in-plan', plan: 'starter' });
    expect(fieldsOf(restRefusal.body)).toEqual(['feature']);
    // The store agrees, not just the answers: one location stream opened, one seat taken.
    const opened = answers.find((a) => a.status === 201)!;
    const open = await queryOpen(starter, opened.position);
    expect(open.rows).toHaveLength(1);
    expect(await seatEvents(starter)).toEqual(['LocationSeatTaken']);
    const document = (await platform.http().get('/docs-json').expect(200)).body;
    expect(document.paths['/locations'].post.description).toContain('403 `FEATURE_NOT_IN_PLAN` (with `feature: multi_location`)');
  });

  it('gives the seat back on close: a Starter shop opens another at once (no wait for the directory), and is refused a third', async () => {
    const starter = await signup('starter');
    const first = await starter.post('/locations', location('Indiranagar')).expect(201);
    await starter.post('/locations', location('Koramangala')).expect(403);
    await starter.post(`/locations/${first.body.id}/close`, { reason: 'lease ended' }).expect(200);
    const second = await starter.post('/locations', location('Koramangala')).expect(201);
    const third = await starter.post('/locations', location('Jayanagar')).expect(403);
    expect(third.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'multi_location' });
    const open = await queryOpen(starter, second.body.position);
    expect(open.rows.map((l) => l.name)).toEqual(['Koramangala']);
    // Closing twice gives nothing back twice: the seat follows the holder's stream, not a counter.
    await starter.post(`/locations/${first.body.id}/close`, { reason: 'again' }).expect(409);
    await starter.post('/locations', location('Jayanagar')).expect(403);
  });

  it('lets a Growth shop open many at once, without contending on a seat', async () => {
    const growth = await signup('growth');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => growth.post('/locations', location(`Outlet ${i}`))));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    const open = await queryOpen(growth, Math.max(...answers.map((a) => a.body.position)));
    expect(open.rows).toHaveLength(8);
    expect(await seatEvents(growth)).toEqual([]);
  });

  it('gives the seat back when the opening fails after taking it (a name being claimed: 409), so the next opening is not refused', async () => {
    const starter = await signup('starter');
    const busy = 'Basavanagudi';
    await store.append(starter.tenantId, streamIdFor(starter.tenantId, locationNameStreamCategory, nameStreamKey(locationNameKey(busy))), [
      { type: 'LocationNameReserved', data: { name: busy, locationId: randomUUID(), locationVersion: 0, claimedAt: new Date().toISOString() } },
    ], { expectedVersion: 0, metadata: { actor: 'test' } });
    await starter.post('/locations', location(busy)).expect(409);
    expect(await seatEvents(starter)).toEqual(['LocationSeatTaken', 'LocationSeatReleased']);
    await starter.post('/locations', location('Sadashivanagar')).expect(201);
  });

  it('waits for a seat still being taken (403), and fences and takes over one whose opening stalled past the grace', async () => {
    const starter = await signup('starter');
    const seatStream = streamIdFor(starter.tenantId, locationSeatStreamCategory, LOCATION_SEAT_ID);
    const pending = randomUUID();
    await store.append(starter.tenantId, seatStream, [
      { type: 'LocationSeatTaken', data: { locationId: pending, locationVersion: 0, takenAt: new Date().toISOString() } },
    ], { expectedVersion: 0, metadata: { actor: 'test' } });
    const refused = await starter.post('/locations', location('Malleswaram')).expect(403);
    expect(refused.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'multi_location' });

    const stalled = randomUUID();
    await store.append(starter.tenantId, seatStream, [
      { type: 'LocationSeatTaken', data: { locationId: stalled, locationVersion: 0, takenAt: new Date(Date.now() - 60 * 60 * 1000).toISOString() } },
    ], { expectedVersion: 1, metadata: { actor: 'test' } });
    await starter.post('/locations', location('Malleswaram')).expect(201);
    // The stalled opening can no longer land: its stream moved past the version it would append at.
    const fenced = await store.readStream(starter.tenantId, streamIdFor(starter.tenantId, 'location', stalled));
    expect(fenced.map((e) => e.type)).toEqual(['LocationNameClaimLapsed']);
    await starter.get(`/locations/${stalled}`).expect(404);
  });

  it('counts locations opened before the shop moved down to Starter (from the directory, as they hold no seat)', async () => {
    const shop = await signup('growth');
    const [a, b] = await Promise.all([shop.post('/locations', location('Old Town')).expect(201), shop.post('/locations', location('Fort')).expect(201)]);
    await shop.get(`/locations/${b.body.id}`, Math.max(a.body.position, b.body.position)).expect(200);
    await shop.post('/billing/subscription/change-plan', { plan: 'starter' }).expect(200);
    const refused = await shop.post('/locations', location('New Town')).expect(403);
    expect(refused.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'multi_location', plan: 'starter' });
    await shop.post(`/locations/${a.body.id}/close`, { reason: 'merged' }).expect(200);
    const closed = await shop.post(`/locations/${b.body.id}/close`, { reason: 'merged' }).expect(200);
    await shop.get(`/locations/${b.body.id}`, closed.body.position).expect(200);
    await shop.post('/locations', location('New Town')).expect(201);
    expect(await seatEvents(shop)).toEqual(['LocationSeatTaken']);
  });
});
