import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';
import { until } from '../../../../test/support/waiting';
import { currentVersion } from '../catalog/catalog';
import { EntitlementBook } from './entitlement-book';
import { runCli } from '../../../../test/support/cli';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const location = (name: string) => ({ name, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' } });
const customer = (i: number) => ({ firstName: 'Asha', lastName: `Rao ${i}`, phone: '+91 98450 12345' });
const REGISTER = `mutation($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id } }`;
const ENTITLEMENTS = `{ entitlements { plan version features { feature enabled overridden } quotas { meter soft hard used period resetsAt overridden } } }`;

async function signup(platform: Platform, plan: 'starter' | 'growth', name = 'Ravi Motors'): Promise<ShopClient> {
  const email = `owner.${randomUUID().slice(0, 8)}@example.com`;
  const res = await platform.http().post('/auth/signup')
    .send({ companyName: name, country: 'IN', currency: 'INR', plan, ownerName: 'Owner', email, password: 'correct horse battery' });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ShopClient(platform, res.body.accessToken, res.body.tenantId, res.body.userId);
}

/** Creates `count` customers, `parallel` at a time, and returns the statuses and warning headers in order. */
async function createCustomers(shop: ShopClient, count: number, parallel = 10): Promise<{ status: number; warning?: string }[]> {
  const out: { status: number; warning?: string }[] = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, (_, j) => shop.post('/customers', customer(i + j))));
    out.push(...batch.map((r) => ({ status: r.status, warning: r.headers['workbay-quota-warning'] as string | undefined })));
  }
  return out;
}

const quotaOf = async (shop: ShopClient, meter = 'customers_created') =>
  (await shop.get('/billing/entitlements').expect(200)).body.quotas.find((q: { meter: string }) => q.meter === meter);

const cli = (platform: Platform, args: string[]) => runCli(platform, args);

describe('entitlements at the edge, end to end', () => {
  let platform: Platform;
  let store: EventStore;
  let book: EntitlementBook;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'entitle' });
    store = platform.app.get(EVENT_STORE);
    book = platform.app.get(EntitlementBook);
    await until(async () => book.listening, 'the entitlements cache to LISTEN', 10_000);
  });
  afterAll(() => platform.close());

  describe('a Starter shop', () => {
    let starter: ShopClient;
    beforeAll(async () => {
      starter = await signup(platform, 'starter');
    });

    it('is on starter v1 right after signup, without multi_location, with its customer quota, over REST and GraphQL', async () => {
      const rest = (await starter.get('/billing/entitlements').expect(200)).body;
      expect(rest).toMatchObject({ plan: 'starter', version: 1 });
      expect(rest.features).toContainEqual({ feature: 'multi_location', enabled: false, overridden: false });
      expect(rest.features).toContainEqual({ feature: 'scheduling', enabled: false, overridden: false });
      const period = new Date().toISOString().slice(0, 7);
      expect(rest.quotas).toContainEqual({ meter: 'customers_created', soft: 150, hard: 200, used: 0, period, resetsAt: expect.stringMatching(/^\d{4}-\d\d-01T00:00:00.000Z$/), overridden: false });
      const gql = await starter.graphql(ENTITLEMENTS).expect(200);
      // GraphQL answers an absent limit as null where REST leaves it out.
      const withoutNulls = (q: Record<string, unknown>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== null));
      expect({ ...gql.body.data.entitlements, quotas: gql.body.data.entitlements.quotas.map(withoutNulls) }).toEqual(rest);
      // The subscription was recorded once, from the signup plan, however many requests asked.
      const subscription = await store.readStream(starter.tenantId, streamIdFor(starter.tenantId, 'billing-subscription', starter.tenantId));
      expect(subscription.map((e) => [e.type, e.data])).toEqual([['TenantSubscribed', expect.objectContaining({ plan: 'starter', version: 1 })]]);
    });

    it('opens its first location and is refused a second with 403 FEATURE_NOT_IN_PLAN naming multi_location, over REST and GraphQL', async () => {
      const first = await starter.post('/locations', location('Indiranagar')).expect(201);
      await starter.get(`/locations/${first.body.id}`, first.body.position).expect(200);
      const second = await starter.post('/locations', location('Koramangala')).expect(403);
      expect(second.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', type: 'https://workbay.dev/problems/feature-not-in-plan', feature: 'multi_location', plan: 'starter' });
      expect(fieldsOf(second.body)).toEqual(['feature']);
      const gql = await starter.graphql(`mutation($input: OpenLocationInput!) { openLocation(input: $input) { id } }`, {
        input: location('Jayanagar'),
      }).expect(200);
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', status: 403, feature: 'multi_location' });
    });

    it('counts customers: no warning to 150, a warning header past the soft quota (one event), 201 up to 200, then 429 naming meter, limit, usage and reset', async () => {
      const bad = await starter.post('/customers', { firstName: '', lastName: 'Rao' }).expect(400);
      expect(fieldsOf(bad.body)).toContain('firstName');
      const badGql = await starter.graphql(REGISTER, { input: { firstName: '', lastName: 'Rao', phone: '+91 98450 12345' } }).expect(200);
      expect(badGql.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
      expect((await quotaOf(starter)).used).toBe(0); // a refused request gave its unit back

      const upToSoft = await createCustomers(starter, 150);
      expect(upToSoft.every((r) => r.status === 201 && r.warning === undefined)).toBe(true);
      const past = await starter.post('/customers', customer(151)).expect(201);
      expect(past.headers['workbay-quota-warning']).toBe('customers_created; used=151; soft=150; hard=200');
      const viaGql = await starter.graphql(REGISTER, { input: customer(152) }).expect(200);
      expect(viaGql.body.data.registerCustomer.id).toEqual(expect.any(String));
      expect(viaGql.headers['workbay-quota-warning']).toBe('customers_created; used=152; soft=150; hard=200');
      const rest = await createCustomers(starter, 47);
      expect(rest.every((r) => r.status === 201 && r.warning?.startsWith('customers_created; used='))).toBe(true);
      // 199 now: a request the handler refuses (422) at the last unit gives it back, so the 200th still fits.
      await starter.post('/customers', { firstName: 'Asha', lastName: 'Rao', email: 'not-an-email' }).expect(422);
      const last = await starter.post('/customers', customer(200)).expect(201);
      expect(last.headers['workbay-quota-warning']).toBe('customers_created; used=200; soft=150; hard=200');

      const refused = await starter.post('/customers', customer(201)).expect(429);
      const now = new Date();
      const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      expect(refused.body).toMatchObject({ code: 'QUOTA_EXCEEDED', meter: 'customers_created', limit: 200, usage: 200, resetsAt: resetsAt.toISOString() });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(Math.abs(retryAfter - (resetsAt.getTime() - now.getTime()) / 1000)).toBeLessThan(30);
      const gql = await starter.graphql(REGISTER, { input: customer(202) }).expect(200);
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', status: 429, meter: 'customers_created', limit: 200, usage: 200, retryAfter: expect.any(Number) });
      expect((await quotaOf(starter)).used).toBe(200);

      const passings = await store.readStream(starter.tenantId, streamIdFor(starter.tenantId, 'billing-quota', `customers_created-${now.toISOString().slice(0, 7)}`));
      expect(passings.map((e) => [e.type, e.data])).toEqual([['SoftQuotaPassed', expect.objectContaining({ meter: 'customers_created', used: 151, soft: 150, hard: 200 })]]);
    });

    it('leaves another tenant on the same plan unaffected', async () => {
      const neighbour = await signup(platform, 'starter', 'Neighbour Garage');
      await neighbour.post('/customers', customer(1)).expect(201);
      expect((await quotaOf(neighbour)).used).toBe(1);
      await starter.post('/customers', customer(203)).expect(429);
    });

    it('is lifted at once by an operator override from the CLI, another process', async () => {
      expect(book.cached(starter.tenantId)).toBe(true);
      const run = await cli(platform, ['billing:override', '--tenant', starter.tenantId, '--quota', 'customers_created=500', '--feature', 'multi_location=on']);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toContain('"meter":"customers_created"');
      // The CLI's append NOTIFYs on commit, long before its process exits: the very next request sees the override.
      await starter.post('/customers', customer(204)).expect(201);
      await starter.post('/locations', location('Koramangala')).expect(201);
      const after = (await starter.get('/billing/entitlements').expect(200)).body;
      expect(after.quotas).toContainEqual(expect.objectContaining({ meter: 'customers_created', hard: 500, used: 201, overridden: true }));
      expect(after.features).toContainEqual({ feature: 'multi_location', enabled: true, overridden: true });
      const overrides = await store.readStream(starter.tenantId, streamIdFor(starter.tenantId, 'billing-entitlements', starter.tenantId));
      expect(overrides.map((e) => [e.type, e.metadata.actor])).toEqual([['QuotaOverridden', 'system:cli'], ['EntitlementOverridden', 'system:cli']]);
    });

    it('refuses a CLI override of an unknown feature or tenant, changing nothing', async () => {
      const unknown = await cli(platform, ['billing:override', '--tenant', starter.tenantId, '--feature', 'teleportation=on']);
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain('unknown feature');
      const nobody = await cli(platform, ['billing:override', '--tenant', randomUUID(), '--quota', 'customers_created=5']);
      expect(nobody.code).toBe(1);
      expect(nobody.err).toContain('no tenant');
    });
  });

  it('gives exactly 10 of 50 concurrent creations with 10 units left, and an override appended directly through the store is seen by the next request', async () => {
    const shop = await signup(platform, 'starter', 'Race Garage');
    await shop.post('/customers', customer(0)).expect(201);
    // The first request's own TenantSubscribed dropped what it cached; the next one caches for good.
    await until(async () => (await shop.get('/billing/entitlements').expect(200), book.cached(shop.tenantId)), 'the entitlements to be cached', 5_000);
    await store.append(shop.tenantId, streamIdFor(shop.tenantId, 'billing-entitlements', shop.tenantId), [
      { type: 'QuotaOverridden', data: { meter: 'customers_created', quota: { soft: 5, hard: 11 }, overriddenAt: new Date().toISOString(), actor: 'system:test' } },
    ], { expectedVersion: 0, metadata: { actor: 'system:test' } });
    await until(async () => !book.cached(shop.tenantId), 'the NOTIFY to drop the cached entitlements', 5_000);

    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => shop.post('/customers', customer(i + 1))));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    expect((await quotaOf(shop)).used).toBe(11);
    const directory = await shop.get('/customers?first=100', Math.max(...results.filter((r) => r.status === 201).map((r) => r.body.position))).expect(200);
    expect(directory.body.items).toHaveLength(11);
  });

  it('counts a command replayed with its Idempotency-Key once', async () => {
    const shop = await signup(platform, 'starter', 'Replay Garage');
    const key = randomUUID();
    const first = await shop.post('/customers', customer(1), { 'Idempotency-Key': key }).expect(201);
    const again = await shop.post('/customers', customer(1), { 'Idempotency-Key': key }).expect(201);
    expect(again.body).toEqual(first.body);
    expect((await quotaOf(shop)).used).toBe(1);
  });

  describe('who may read entitlements and change the plan', () => {
    let owner: ShopClient;
    beforeAll(async () => {
      owner = await signup(platform, 'starter', 'Roles Garage');
    });

    it('lets finance read entitlements and refuses a technician with 403, over REST and GraphQL', async () => {
      const finance = await owner.invite(['finance']);
      const technician = await owner.invite(['technician']);
      await finance.get('/billing/entitlements').expect(200);
      expect((await finance.graphql(ENTITLEMENTS).expect(200)).body.data.entitlements.plan).toBe('starter');
      const refused = await technician.get('/billing/entitlements').expect(403);
      expect(refused.body.code).toBe('FORBIDDEN');
      expect((await technician.graphql(ENTITLEMENTS).expect(200)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    });

    it('refuses ChangePlan to an admin (not an owner) with 403, over REST and GraphQL, and a bad plan with 400 naming it', async () => {
      const admin = await owner.invite(['admin']);
      expect((await admin.post('/billing/subscription/change-plan', { plan: 'growth' }).expect(403)).body.code).toBe('FORBIDDEN');
      const gql = await admin.graphql(`mutation { changePlan(input: { plan: growth }) { id } }`).expect(200);
      expect(gql.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const bad = await owner.post('/billing/subscription/change-plan', { plan: 'platinum' }).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['plan']);
      expect((await owner.get('/billing/entitlements').expect(200)).body.plan).toBe('starter');
    });

    it('moves the owner to Growth at once (multi_location on), and refuses the same plan again with 409', async () => {
      const first = await owner.post('/locations', location('Main')).expect(201);
      await owner.get(`/locations/${first.body.id}`, first.body.position).expect(200);
      await owner.post('/locations', location('Second')).expect(403);
      await owner.post('/billing/subscription/change-plan', { plan: 'growth' }).expect(200);
      await owner.post('/locations', location('Second')).expect(201);
      const now = (await owner.get('/billing/entitlements').expect(200)).body;
      const growth = currentVersion('growth', new Date())!;
      expect(now).toMatchObject({ plan: 'growth', version: growth.version });
      const hard = growth.quotas.find((q) => q.meter === 'customers_created')?.hard;
      expect(now.quotas).toContainEqual(expect.objectContaining({ meter: 'customers_created', hard, used: 0 }));
      const again = await owner.graphql(`mutation { changePlan(input: { plan: growth }) { id } }`).expect(200);
      expect(again.body.errors[0].extensions).toMatchObject({ code: 'ALREADY_ON_PLAN', status: 409 });
      const stream = await store.readStream(owner.tenantId, streamIdFor(owner.tenantId, 'billing-subscription', owner.tenantId));
      expect(stream.map((e) => e.type)).toEqual(['TenantSubscribed', 'PlanChanged']);
      expect(stream[1].data).toMatchObject({ fromPlan: 'starter', fromVersion: 1, plan: 'growth', version: growth.version });
    });
  });

  it('documents 429 (and the warning header) on every metered operation and FEATURE_NOT_IN_PLAN where a feature is declared', async () => {
    const doc = (await platform.http().get('/docs-json').expect(200)).body;
    const create = doc.paths['/customers'].post;
    expect(create.responses['429'].description).toContain('customers_created');
    expect(create.responses['429'].headers['Retry-After']).toBeDefined();
    expect(create.responses['201'].headers['Workbay-Quota-Warning']).toBeDefined();
    expect(doc.paths['/billing/entitlements'].get.responses['403']).toBeDefined();
    expect(doc.paths['/billing/subscription/change-plan'].post.responses['403']).toBeDefined();
  });
});
