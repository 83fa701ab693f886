import { Pool } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

const UPDATE_USER = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id roles } }`;
const INVITE_USER = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { userId roles } }`;
const errorOf = (res: { body: { errors?: { extensions: { code: string; status: number } }[] } }) => res.body.errors?.[0]?.extensions;

describe('who may grant which role, through REST and GraphQL', () => {
  let platform: Platform;
  let db: Pool;
  const rolesOf = async (userId: string): Promise<string[]> => (await db.query(`select roles from platform.users where id = $1`, [userId])).rows[0].roles;
  const activeOwners = async (tenantId: string): Promise<number> =>
    (await db.query(`select count(*)::int as n from platform.users where tenant_id = $1 and 'owner' = any(roles) and status = 'active'`, [tenantId])).rows[0].n;

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'rolegrant' });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it('refuses an admin making itself owner (403 ROLE_GRANT_FORBIDDEN), so it cannot go on to connect the payout account', async () => {
    const owner = await ShopClient.signup(platform, 'Self Promoter');
    const admin = await owner.invite(['admin']);
    const rest = await admin.patch(`/users/${admin.userId}`, { roles: ['admin', 'owner'] }).expect(403);
    expect(rest.body).toMatchObject({ code: 'ROLE_GRANT_FORBIDDEN', status: 403 });
    expect(errorOf(await admin.graphql(UPDATE_USER, { id: admin.userId, input: { roles: ['owner'] } }).expect(200))).toMatchObject({ code: 'ROLE_GRANT_FORBIDDEN', status: 403 });
    expect(await rolesOf(admin.userId)).toEqual(['admin']);
    await admin.post('/payments/stripe-account', {}).expect(403);
  });

  it("refuses an admin demoting the owner, or changing an owner's roles at all (403)", async () => {
    const owner = await ShopClient.signup(platform, 'Founder Kept');
    const admin = await owner.invite(['admin']);
    expect((await admin.patch(`/users/${owner.userId}`, { roles: ['technician'] }).expect(403)).body.code).toBe('ROLE_GRANT_FORBIDDEN');
    expect(errorOf(await admin.graphql(UPDATE_USER, { id: owner.userId, input: { roles: ['owner', 'finance'] } }).expect(200))).toMatchObject({ code: 'ROLE_GRANT_FORBIDDEN', status: 403 });
    expect(await rolesOf(owner.userId)).toEqual(['owner']);
  });

  it('refuses an admin inviting an owner (403) and lets it invite an admin', async () => {
    const owner = await ShopClient.signup(platform, 'Owner Inviter');
    const admin = await owner.invite(['admin']);
    const rest = await admin.post('/auth/invitations', { email: 'new.owner@example.com', displayName: 'New Owner', roles: ['owner'] }).expect(403);
    expect(rest.body.code).toBe('ROLE_GRANT_FORBIDDEN');
    const gql = await admin.graphql(INVITE_USER, { input: { email: 'new.owner@example.com', displayName: 'New Owner', roles: ['manager', 'owner'] } }).expect(200);
    expect(errorOf(gql)).toMatchObject({ code: 'ROLE_GRANT_FORBIDDEN', status: 403 });
    expect((await db.query(`select count(*)::int as n from platform.users where tenant_id = $1`, [owner.tenantId])).rows[0].n).toBe(2);
    await admin.post('/auth/invitations', { email: 'new.admin@example.com', displayName: 'New Admin', roles: ['admin'] }).expect(201);
  });

  it('refuses an owner changing their own roles (403 OWN_ROLES)', async () => {
    const owner = await ShopClient.signup(platform, 'Own Roles');
    const rest = await owner.patch(`/users/${owner.userId}`, { roles: ['owner', 'finance'] }).expect(403);
    expect(rest.body.code).toBe('OWN_ROLES');
    const second = await owner.invite(['owner']);
    expect(errorOf(await owner.graphql(UPDATE_USER, { id: owner.userId, input: { roles: ['manager'] } }).expect(200))).toMatchObject({ code: 'OWN_ROLES', status: 403 });
    expect(await rolesOf(owner.userId)).toEqual(['owner']);
    // A change that leaves the roles as they are (a home location alone) is still one's own business.
    await second.patch(`/users/${second.userId}`, { roles: ['owner'], locationId: null }).expect(200);
  });

  it('lets an owner promote an admin to owner (200), through REST and GraphQL', async () => {
    const owner = await ShopClient.signup(platform, 'Promotions');
    const admin = await owner.invite(['admin']);
    const other = await owner.invite(['admin']);
    expect((await owner.patch(`/users/${admin.userId}`, { roles: ['owner'] }).expect(200)).body.roles).toEqual(['owner']);
    const gql = await owner.graphql(UPDATE_USER, { id: other.userId, input: { roles: ['admin', 'owner'] } }).expect(200);
    expect(gql.body.data.updateUser.roles).toEqual(['admin', 'owner']);
    // The promoted admin now holds an owner's powers: it may change another owner's roles.
    await admin.patch(`/users/${other.userId}`, { roles: ['admin'] }).expect(200);
  });

  it('keeps the last owner an owner (409 LAST_OWNER), through REST and GraphQL', async () => {
    const owner = await ShopClient.signup(platform, 'Last Owner');
    expect((await owner.patch(`/users/${owner.userId}`, { roles: ['manager'] }).expect(409)).body.code).toBe('LAST_OWNER');
    expect(errorOf(await owner.graphql(UPDATE_USER, { id: owner.userId, input: { roles: ['admin'] } }).expect(200))).toMatchObject({ code: 'LAST_OWNER', status: 409 });
    expect(await rolesOf(owner.userId)).toEqual(['owner']);
  });

  it('leaves at least one owner when two owners demote each other at the same instant, in every shop', async () => {
    const shops = await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const first = await ShopClient.signup(platform, `Mutual Demotion ${i}`);
      return { tenantId: first.tenantId, first, second: await first.invite(['owner']) };
    }));
    const outcomes = await Promise.all(shops.map(({ first, second }, i) => Promise.all([
      first.patch(`/users/${second.userId}`, { roles: ['manager'] }),
      // Half the pairs race over GraphQL: both edges take the same path.
      i % 2 === 0
        ? second.patch(`/users/${first.userId}`, { roles: ['manager'] })
        : second.graphql(UPDATE_USER, { id: first.userId, input: { roles: ['manager'] } }),
    ])));
    for (const [i, { tenantId }] of shops.entries()) {
      expect(await activeOwners(tenantId)).toBe(1);
      const succeeded = outcomes[i].filter((res) => res.status === 200 && !res.body.errors).length;
      expect(succeeded).toBe(1);
    }
  });
});
