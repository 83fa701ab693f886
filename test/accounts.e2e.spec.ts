import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { fieldsOf } from './support/problems';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

/** One e-mail, one account, one password, any number of shops. */
describe('accounts: one sign-in per e-mail across shops', () => {
  let platform: Platform;
  let db: Pool;
  const password = 'correct horse battery';
  let ipCounter = 0;
  // Each test speaks from its own address (the API trusts X-Forwarded-For from loopback), so the login throttle stays out of the way.
  const ip = () => `192.0.2.${++ipCounter}`;
  const newEmail = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;
  const signup = (email: string, companyName: string, pw = password, headers: Record<string, string> = {}) =>
    platform.http().post('/auth/signup').set('X-Forwarded-For', ip()).set(headers)
      .send({ companyName, country: 'IN', currency: 'INR', plan: 'growth', ownerName: 'Owner', email, password: pw });
  const login = (body: Record<string, unknown>) => platform.http().post('/auth/login').set('X-Forwarded-For', ip()).send(body);
  const accountsOf = async (email: string) =>
    (await db.query(`select a.id, count(u.id)::int as users from platform.accounts a left join platform.users u on u.account_id = a.id where a.email = $1 group by a.id`, [email])).rows;
  const invitation = async (owner: ShopClient, email: string) =>
    (await owner.post('/auth/invitations', { email, displayName: 'Colleague', roles: ['service_advisor'] }).expect(201)).body.invitationToken as string;

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'accounts' });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it('signs in to the only shop of an e-mail without a tenantId', async () => {
    const email = newEmail('single');
    const first = await signup(email, 'Single Motors').expect(201);
    const res = await login({ email, password }).expect(200);
    expect(res.body).toMatchObject({ tenantId: first.body.tenantId, userId: first.body.userId, roles: ['owner'] });
    expect(await accountsOf(email)).toEqual([{ id: expect.any(String), users: 1 }]);
  });

  it('refuses a second shop for an address with an account unless its password is given (409 ACCOUNT_EXISTS), and then joins the same account', async () => {
    const email = newEmail('twoshops');
    await signup(email, 'First Motors').expect(201);
    const wrong = await signup(email, 'Second Motors', 'a different password').expect(409);
    expect(wrong.body).toMatchObject({ code: 'ACCOUNT_EXISTS', status: 409 });
    expect(wrong.body.accessToken).toBeUndefined();
    expect((await db.query(`select count(*)::int as n from platform.tenants where name = 'Second Motors'`)).rows[0].n).toBe(0);

    const second = await signup(email, 'Second Motors').expect(201);
    expect(second.body.roles).toEqual(['owner']);
    expect(await accountsOf(email)).toEqual([{ id: expect.any(String), users: 2 }]);
    // The refused password opened nothing either.
    await login({ email, password: 'a different password', tenantId: second.body.tenantId }).expect(401);
  });

  it('asks which shop with a 400 naming tenantId and listing them when the account has several, and signs in to the one chosen', async () => {
    const email = newEmail('chooser');
    const a = await signup(email, 'Alpha Motors').expect(201);
    const b = await signup(email, 'Beta Motors').expect(201);
    const ambiguous = await login({ email, password }).expect(400);
    expect(fieldsOf(ambiguous.body)).toEqual(['tenantId']);
    const message = ambiguous.body.errors[0].message as string;
    expect(message).toContain(`${a.body.tenantId} (Alpha Motors)`);
    expect(message).toContain(`${b.body.tenantId} (Beta Motors)`);
    expect(ambiguous.body.accessToken).toBeUndefined();

    const chosen = await login({ email, password, tenantId: b.body.tenantId }).expect(200);
    expect(chosen.body).toMatchObject({ tenantId: b.body.tenantId, userId: b.body.userId });
  });

  it('answers a shop the account is not a member of exactly like a wrong password (401), and lists nothing for a wrong password', async () => {
    const email = newEmail('member');
    await signup(email, 'Member Motors').expect(201);
    await signup(email, 'Member Two Motors').expect(201);
    const other = await ShopClient.signup(platform, 'Stranger Motors');
    const notMember = await login({ email, password, tenantId: other.tenantId }).expect(401);
    const wrongPassword = await login({ email, password: 'not the password' }).expect(401);
    const unknown = await login({ email: newEmail('nobody'), password }).expect(401);
    for (const res of [wrongPassword, unknown]) {
      expect(res.body.code).toBe(notMember.body.code);
      expect(res.body.detail).toBe(notMember.body.detail);
    }
    expect(JSON.stringify(wrongPassword.body)).not.toContain('Member Motors');
  });

  it("accepts an invitation for an address with an account only with that account's password, and sets no second one", async () => {
    const email = newEmail('invitee');
    const own = await signup(email, 'Invitee Own Motors').expect(201);
    const owner = await ShopClient.signup(platform, 'Inviting Motors');
    const token = await invitation(owner, email);

    const refused = await platform.http().post('/auth/invitations/accept').set('X-Forwarded-For', ip()).send({ token, password: 'a new password for here' }).expect(409);
    expect(refused.body.code).toBe('ACCOUNT_EXISTS');
    const accepted = await platform.http().post('/auth/invitations/accept').set('X-Forwarded-For', ip()).send({ token, password }).expect(200);
    expect(accepted.body).toMatchObject({ tenantId: owner.tenantId, roles: ['service_advisor'] });

    expect(await accountsOf(email)).toEqual([{ id: expect.any(String), users: 2 }]);
    await login({ email, password, tenantId: owner.tenantId }).expect(200);
    await login({ email, password, tenantId: own.body.tenantId }).expect(200);
    await login({ email, password: 'a new password for here', tenantId: owner.tenantId }).expect(401);
  });

  it('opens an account with the password given when an invitee has none yet', async () => {
    const owner = await ShopClient.signup(platform, 'Hiring Motors');
    const email = newEmail('newcomer');
    const token = await invitation(owner, email);
    await platform.http().post('/auth/invitations/accept').set('X-Forwarded-For', ip()).send({ token, password: 'newcomer password' }).expect(200);
    expect(await accountsOf(email)).toEqual([{ id: expect.any(String), users: 1 }]);
    const res = await login({ email, password: 'newcomer password' }).expect(200);
    expect(res.body.tenantId).toBe(owner.tenantId);
  });

  it('keeps a keyed signup of a second shop idempotent: the repeat gets the same shop, with the account password', async () => {
    const email = newEmail('keyed');
    await signup(email, 'Keyed One Motors').expect(201);
    const key = randomUUID();
    const first = await signup(email, 'Keyed Two Motors', password, { 'Idempotency-Key': key }).expect(201);
    const again = await signup(email, 'Keyed Two Motors', password, { 'Idempotency-Key': key }).expect(201);
    expect(again.body).toMatchObject({ tenantId: first.body.tenantId, userId: first.body.userId });
    expect(await accountsOf(email)).toEqual([{ id: expect.any(String), users: 2 }]);
  });

  it("throttles proving an account's password through signup like login: after 10 wrong ones even the right one is 429", async () => {
    const email = newEmail('oracle');
    await signup(email, 'Oracle Motors').expect(201);
    for (let i = 0; i < 10; i++) await signup(email, 'Guess Motors', `guess number ${i}`).expect(409);
    const locked = await signup(email, 'Guess Motors').expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await login({ email, password }).expect(429);
  });

  it('keeps the accounts table away from the API role (no tenant, so no RLS to scope it)', async () => {
    const client = await db.connect();
    try {
      await client.query('begin');
      await client.query('set local role workbay_app');
      await expect(client.query('select count(*) from platform.accounts')).rejects.toThrow(/permission denied/);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
