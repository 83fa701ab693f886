import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { CONTEXTS } from '../apps/contexts';
import { GATED } from './fixtures/gated-context/gated';
import { Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { fieldsOf } from './support/problems';

/**
 * `@RequireEntitlement({ feature })` on a route of any context: the kernel's guard asks billing
 * through the Entitlements port, before the handler, for REST and GraphQL alike.
 */
describe('a feature-gated endpoint', () => {
  let platform: Platform;
  let store: EventStore;
  let shop: ShopClient;
  let version = 0;

  const overrideApprovals = async (enabled: boolean | null) => {
    await store.append(shop.tenantId, streamIdFor(shop.tenantId, 'billing-entitlements', shop.tenantId), [
      { type: 'EntitlementOverridden', data: { feature: 'approvals', enabled, overriddenAt: new Date().toISOString(), actor: 'system:test' } },
    ], { expectedVersion: version++, metadata: { actor: 'system:test' } });
  };
  /** The override's NOTIFY reaches the API's LISTEN within milliseconds; the gate must follow. */
  const eventuallyStatus = async (status: number) => {
    for (let i = 0; ; i++) {
      const res = await shop.get('/gated/report');
      if (res.status === status || i > 100) return res;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'entitlegated', worker: false, contexts: [...CONTEXTS, GATED] });
    store = platform.app.get(EVENT_STORE);
    const res = await platform.http().post('/auth/signup').send({
      companyName: 'Gated Garage', country: 'IN', currency: 'INR', plan: 'starter', ownerName: 'Owner',
      email: `owner.${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery',
    }).expect(201);
    shop = new ShopClient(platform, res.body.accessToken, res.body.tenantId, res.body.userId);
  });
  afterAll(() => platform.close());

  it('is 403 FEATURE_NOT_IN_PLAN naming the feature the plan lacks, answers once an override grants it, and refuses again once it is back to the plan', async () => {
    const refused = await shop.get('/gated/report').expect(403);
    expect(refused.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'approvals', plan: 'starter' });
    expect(fieldsOf(refused.body)).toEqual(['feature']);
    const gql = await shop.graphql('{ gatedReport { tenantId } }').expect(200);
    expect(gql.body.data).toBeNull();
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', status: 403, feature: 'approvals' });
    await overrideApprovals(true);
    const granted = await eventuallyStatus(200);
    expect(granted.body).toEqual({ tenantId: shop.tenantId });
    expect((await shop.graphql('{ gatedReport { tenantId } }').expect(200)).body.data.gatedReport.tenantId).toBe(shop.tenantId);
    await overrideApprovals(null);
    expect((await eventuallyStatus(403)).body.code).toBe('FEATURE_NOT_IN_PLAN');
  });

  it('checks the role first: a role without the ability gets FORBIDDEN, not a plan answer', async () => {
    const technician = await shop.invite(['technician']);
    expect((await shop.get('/gated/report').expect(403)).body.code).toBe('FEATURE_NOT_IN_PLAN');
    expect((await technician.get('/gated/report').expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('documents FEATURE_NOT_IN_PLAN on the gated operation', async () => {
    const doc = (await platform.http().get('/docs-json').expect(200)).body;
    expect(doc.paths['/gated/report'].get.responses['403'].description).toContain('FEATURE_NOT_IN_PLAN');
    expect(doc.paths['/gated/report'].get.responses['403'].description).toContain('approvals');
  });
});
