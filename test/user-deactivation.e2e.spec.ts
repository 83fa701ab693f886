import { Pool } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

const DEACTIVATE = `mutation($id: ID!) { deactivateUser(id: $id) { id status roles } }`;
const REACTIVATE = `mutation($id: ID!) { reactivateUser(id: $id) { id status roles } }`;
const INVITEE_PASSWORD = 'another long password';
const errorOf = (res: { body: { errors?: { extensions: { code: string; status: number } }[] } }) => res.body.errors?.[0]?.extensions;

interface TenantEvent { type: string; data: Record<string, unknown>; metadata: { actor: string } }

describe('deactivating and reactivating users', () => {
  let platform: Platform;
  let db: Pool;
  const tenantEvents = async (tenantId: string): Promise<TenantEvent[]> =>
    (await db.query(`select type, data, metadata from eventstore.events where stream_id = $1 order by stream_version`, [`${tenantId}.tenant-${tenantId}`])).rows;
  const statusOf = async (userId: string): Promise<string> => (await db.query(`select status from platform.users where id = $1`, [userId])).rows[0].status;
  const emailOf = async (userId: string): Promise<string> => (await db.query(`select email from platform.users where id = $1`, [userId])).rows[0].email;
  const login = async (userId: string) => platform.http().post('/auth/login').send({ email: await emailOf(userId), password: INVITEE_PASSWORD });

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'deactivate' });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it("stops a deactivated user's token on the very next request and refuses their login; reactivation lets both in again, audited by whom", async () => {
    const owner = await ShopClient.signup(platform, 'Deactivations');
    const advisor = await owner.invite(['service_advisor']);
    await advisor.get('/users').expect(200);

    const off = await owner.post(`/users/${advisor.userId}/deactivate`, {}).expect(200);
    expect(off.body).toMatchObject({ id: advisor.userId, status: 'deactivated', roles: ['service_advisor'] });
    await advisor.get('/users').expect(401);
    expect(errorOf(await advisor.graphql(`query { users { items { id } } }`).expect(200))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await login(advisor.userId)).status).toBe(401);
    expect((await owner.get('/users').expect(200)).body.items.find((u: { id: string }) => u.id === advisor.userId).status).toBe('deactivated');

    const on = await owner.post(`/users/${advisor.userId}/reactivate`, {}).expect(200);
    expect(on.body).toMatchObject({ status: 'active', roles: ['service_advisor'] });
    await advisor.get('/users').expect(200);
    expect((await login(advisor.userId)).status).toBe(200);

    const events = (await tenantEvents(owner.tenantId)).filter((e) => e.type === 'UserDeactivated' || e.type === 'UserReactivated');
    expect(events.map((e) => [e.type, e.metadata.actor])).toEqual([['UserDeactivated', owner.userId], ['UserReactivated', owner.userId]]);
    expect(events[0].data).toMatchObject({ userId: advisor.userId, deactivatedBy: owner.userId });
    expect(events[1].data).toMatchObject({ userId: advisor.userId, reactivatedBy: owner.userId, status: 'active' });
  });

  it('does the same over GraphQL, and names the state when there is nothing to do (409)', async () => {
    const owner = await ShopClient.signup(platform, 'GraphQL Deactivations');
    const tech = await owner.invite(['technician']);
    const off = await owner.graphql(DEACTIVATE, { id: tech.userId }).expect(200);
    expect(off.body.data.deactivateUser).toEqual({ id: tech.userId, status: 'deactivated', roles: ['technician'] });
    await tech.get('/locations').expect(401);
    expect(errorOf(await owner.graphql(DEACTIVATE, { id: tech.userId }).expect(200))).toMatchObject({ code: 'USER_DEACTIVATED', status: 409 });
    expect((await owner.graphql(REACTIVATE, { id: tech.userId }).expect(200)).body.data.reactivateUser.status).toBe('active');
    expect((await owner.post(`/users/${tech.userId}/reactivate`, {}).expect(409)).body.code).toBe('USER_NOT_DEACTIVATED');
    await tech.get('/locations').expect(200);
  });

  it("refuses deactivating an owner unless an owner does it, oneself, or the last active owner; an admin cannot bring an owner back", async () => {
    const owner = await ShopClient.signup(platform, 'Protected Owners');
    const admin = await owner.invite(['admin']);
    const partner = await owner.invite(['owner']);
    const tech = await owner.invite(['technician']);

    expect((await admin.post(`/users/${owner.userId}/deactivate`, {}).expect(403)).body.code).toBe('ROLE_GRANT_FORBIDDEN');
    expect(errorOf(await admin.graphql(DEACTIVATE, { id: partner.userId }).expect(200))).toMatchObject({ code: 'ROLE_GRANT_FORBIDDEN', status: 403 });
    expect((await admin.post(`/users/${admin.userId}/deactivate`, {}).expect(403)).body.code).toBe('OWN_ACCOUNT');
    expect(errorOf(await partner.graphql(DEACTIVATE, { id: partner.userId }).expect(200))).toMatchObject({ code: 'OWN_ACCOUNT', status: 403 });
    await tech.post(`/users/${admin.userId}/deactivate`, {}).expect(403);
    await admin.post(`/users/${tech.userId}/deactivate`, {}).expect(200);

    await owner.post(`/users/${partner.userId}/deactivate`, {}).expect(200);
    expect((await admin.post(`/users/${partner.userId}/reactivate`, {}).expect(403)).body.code).toBe('ROLE_GRANT_FORBIDDEN');
    expect(await statusOf(partner.userId)).toBe('deactivated');
    // The only active owner left cannot switch themselves off.
    expect((await owner.post(`/users/${owner.userId}/deactivate`, {}).expect(409)).body.code).toBe('LAST_OWNER');
    await owner.post(`/users/${partner.userId}/reactivate`, {}).expect(200);
    await partner.get('/users').expect(200);
  });

  it('answers a repeated deactivation with the same Idempotency-Key like the first, and records it once', async () => {
    const owner = await ShopClient.signup(platform, 'Keyed Deactivation');
    const tech = await owner.invite(['technician']);
    const key = { 'Idempotency-Key': `deactivate-${tech.userId}` };
    const first = await owner.post(`/users/${tech.userId}/deactivate`, {}, key).expect(200);
    const again = await owner.post(`/users/${tech.userId}/deactivate`, {}, key).expect(200);
    expect(again.body).toEqual(first.body);
    expect((await tenantEvents(owner.tenantId)).filter((e) => e.type === 'UserDeactivated')).toHaveLength(1);
  });

  it('keeps an invitee from accepting while deactivated, and lets them accept once reactivated', async () => {
    const owner = await ShopClient.signup(platform, 'Deactivated Invitee');
    const invited = await owner.post('/auth/invitations', { email: 'later@example.com', displayName: 'Later', roles: ['technician'] }).expect(201);
    await owner.post(`/users/${invited.body.userId}/deactivate`, {}).expect(200);
    const accept = () => platform.http().post('/auth/invitations/accept').send({ token: invited.body.invitationToken, password: INVITEE_PASSWORD });
    await accept().expect(401);
    expect((await owner.post(`/users/${invited.body.userId}/reactivate`, {}).expect(200)).body.status).toBe('invited');
    await accept().expect(200);
  });

  it('leaves one active owner when two owners deactivate each other at the same instant, in every shop', async () => {
    const shops = await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const first = await ShopClient.signup(platform, `Mutual Deactivation ${i}`);
      return { tenantId: first.tenantId, first, second: await first.invite(['owner']) };
    }));
    await Promise.all(shops.map(({ first, second }, i) => Promise.all([
      first.post(`/users/${second.userId}/deactivate`, {}),
      i % 2 === 0 ? second.post(`/users/${first.userId}/deactivate`, {}) : second.graphql(DEACTIVATE, { id: first.userId }),
    ])));
    for (const { first, second } of shops) {
      const statuses = [await statusOf(first.userId), await statusOf(second.userId)].sort();
      expect(statuses).toEqual(['active', 'deactivated']);
    }
  });
});
