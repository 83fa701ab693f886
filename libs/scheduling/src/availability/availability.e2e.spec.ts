import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { Platform, startPlatform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';

const BENGALURU = { line1: '100 Feet Road', line2: 'Indiranagar', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
// Ten days ahead in Asia/Kolkata (+05:30, no DST: the DST days are the unit tables').
const DAY = new Date(Date.now() + 10 * 86_400_000 + 5.5 * 3_600_000).toISOString().slice(0, 10);
const local = (hhmm: string) => `${DAY}T${hhmm}:00+05:30`;
const utc = (hhmm: string) => new Date(local(hhmm)).toISOString();
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '09:00', end: '11:00' }));

const GQL = `query($serviceId: ID!, $locationId: ID!, $from: String!, $to: String!, $resourceId: ID, $minPosition: SafeInt) {
  availability(serviceId: $serviceId, locationId: $locationId, from: $from, to: $to, resourceId: $resourceId, minPosition: $minPosition) {
    timezone from to slots { start localStart end resourceIds } } }`;

interface Setup {
  client: ShopClient;
  locationId: string;
  resourceId: string;
  serviceId: string;
  position: number;
}

describe('availability over REST and GraphQL, cached in Redis per tenant (real Postgres, Redis, worker)', () => {
  let platform: Platform;
  let redis: Redis;
  let a: Setup;
  let b: Setup;

  async function setUp(name: string): Promise<Setup> {
    const client = await ShopClient.signup(platform, name);
    const locationId = (await client.post('/locations', { name, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' } }).expect(201)).body.id;
    const resourceId = (await client.post('/scheduling/resources', { locationId, kind: 'staff', name: 'Chair 1', slotMinutes: 30 }).expect(201)).body.id;
    await client.put(`/scheduling/resources/${resourceId}/working-hours`, { weeklyHours: EVERY_DAY, breaks: [] }).expect(200);
    const service = await client.post('/scheduling/services', {
      locationId, name: 'Haircut', durationMinutes: 30, price: { amountMinor: 50000, currency: 'INR' }, needs: [{ kind: 'staff' }],
    }).expect(201);
    return { client, locationId, resourceId, serviceId: service.body.id, position: service.body.position };
  }

  const query = (s: Setup, over: Record<string, string> = {}) =>
    new URLSearchParams({ serviceId: s.serviceId, locationId: s.locationId, from: DAY, to: DAY, ...over }).toString();
  const read = (s: Setup, minPosition?: number, over: Record<string, string> = {}) => s.client.get(`/scheduling/availability?${query(s, over)}`, minPosition);
  const keysOf = async (tenantId: string) => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${platform.config.BULLMQ_PREFIX}:t:${tenantId}:sched:avail:*`, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found.sort();
  };

  beforeAll(async () => {
    platform = await startPlatform();
    redis = new Redis(platform.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    [a, b] = await Promise.all([setUp('Ravi Salon'), setUp('Other Salon')]);
  });
  afterAll(async () => {
    redis?.disconnect();
    await platform?.close();
  });

  it('lists the free slots in the local zone, the same on REST and GraphQL, and caches them under the tenant with a TTL', async () => {
    const rest = await read(a, a.position).expect(200);
    expect(rest.body).toEqual({
      timezone: 'Asia/Kolkata', from: DAY, to: DAY,
      slots: ['09:00', '09:30', '10:00', '10:30'].map((t) => ({
        start: utc(t), localStart: local(t), end: new Date(Date.parse(utc(t)) + 30 * 60_000).toISOString(), resourceIds: [a.resourceId],
      })),
    });
    const gql = await a.client.graphql(GQL, { serviceId: a.serviceId, locationId: a.locationId, from: DAY, to: DAY }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.availability).toEqual(rest.body);

    const keys = await keysOf(a.client.tenantId);
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("drops a booked slot at the next read (the booking's event moves the generation), and never touches another tenant's entries", async () => {
    const { customerId, vehicleId } = await a.client.customerWithVehicle();
    // B's answer cached, then marked: a read that returns the mark was served from B's entry.
    await read(b, b.position).expect(200);
    const [bKey] = await keysOf(b.client.tenantId);
    const marked = JSON.parse((await redis.get(bKey))!);
    marked.slots = marked.slots.slice(0, 1);
    await redis.set(bKey, JSON.stringify(marked), 'KEEPTTL');
    expect((await read(b).expect(200)).body.slots).toHaveLength(1);
    const before = await keysOf(a.client.tenantId);

    const booked = await a.client.post('/scheduling/reservations', { serviceId: a.serviceId, resources: ['any'], start: local('10:00'), party: { customerId, vehicleId } }).expect(201);
    const after = await read(a, booked.body.position).expect(200);
    expect(after.body.slots.map((s: { localStart: string }) => s.localStart)).toEqual([local('09:00'), local('09:30'), local('10:30')]);
    const gql = await a.client.graphql(GQL, { serviceId: a.serviceId, locationId: a.locationId, from: DAY, to: DAY, minPosition: booked.body.position }).expect(200);
    expect(gql.body.data.availability.slots).toHaveLength(3);

    // A's new entry sits beside the old one (a new generation); B's entry is the one it was, still served.
    const now = await keysOf(a.client.tenantId);
    expect(now.length).toBeGreaterThan(before.length);
    expect(now.every((k) => k.startsWith(`${platform.config.BULLMQ_PREFIX}:t:${a.client.tenantId}:sched:avail:`))).toBe(true);
    expect(await keysOf(b.client.tenantId)).toEqual([bKey]);
    expect(JSON.parse((await redis.get(bKey))!)).toEqual(marked);
    expect((await read(b).expect(200)).body.slots).toHaveLength(1);
  });

  it("offers a chosen resource's slots only, and answers another tenant's ids with 404", async () => {
    const chosen = await read(a, undefined, { resourceId: a.resourceId }).expect(200);
    expect(chosen.body.slots.every((s: { resourceIds: string[] }) => s.resourceIds[0] === a.resourceId)).toBe(true);
    const foreignService = await a.client.get(`/scheduling/availability?${query(a, { serviceId: b.serviceId })}`).expect(404);
    expect(foreignService.body.code).toBe('SERVICE_NOT_FOUND');
    await read(a, undefined, { resourceId: b.resourceId }).expect(404);
    const gql = await a.client.graphql(GQL, { serviceId: b.serviceId, locationId: a.locationId, from: DAY, to: DAY }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 404 });
  });

  it('names the field of a bad question: 400 malformed, 422 a range backwards or longer than 31 days or the wrong location', async () => {
    expect(fieldsOf((await read(a, undefined, { from: '2026-02-30' }).expect(400)).body)).toContain('from');
    expect(fieldsOf((await read(a, undefined, { serviceId: 'nope' }).expect(400)).body)).toContain('serviceId');
    const backwards = await read(a, undefined, { from: '2026-06-10', to: '2026-06-09' }).expect(422);
    expect(fieldsOf(backwards.body)).toEqual(['to']);
    expect(fieldsOf((await read(a, undefined, { from: '2026-06-01', to: '2026-07-02' }).expect(422)).body)).toEqual(['to']);
    expect(fieldsOf((await read(a, undefined, { locationId: randomUUID() }).expect(422)).body)).toEqual(['locationId']);
    const gql = await a.client.graphql(GQL, { serviceId: a.serviceId, locationId: a.locationId, from: '2026-06-01', to: '2026-07-02' }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 422, errors: [{ field: 'to' }] });
  });

  it("is refused (403) on a plan without the 'scheduling' feature", async () => {
    const email = `starter.${randomUUID().slice(0, 8)}@example.com`;
    const signup = await platform.http().post('/auth/signup').send({
      companyName: 'Starter Salon', country: 'IN', currency: 'INR', plan: 'starter', ownerName: 'Owner', email, password: 'correct horse battery',
    }).expect(201);
    const starter = new ShopClient(platform, signup.body.accessToken, signup.body.tenantId);
    const refused = await starter.get(`/scheduling/availability?${query(a)}`).expect(403);
    expect(refused.body.code).toBe('FEATURE_NOT_IN_PLAN');
  });
});
