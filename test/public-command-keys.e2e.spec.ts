import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { fieldsOf } from './support/problems';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

describe('Idempotency-Key on signup and on accepting an invitation (no tenant yet to keep it under)', () => {
  let platform: Platform;
  let db: Pool;
  const signupOf = (email: string, overrides: Record<string, unknown> = {}) => ({
    companyName: 'Retry Motors', country: 'IN', currency: 'INR', plan: 'growth', ownerName: 'Owner', email, password: 'correct horse battery', ...overrides,
  });
  const signup = (body: object, key?: string) => {
    const req = platform.http().post('/auth/signup');
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const shopsOf = async (email: string) =>
    (await db.query(`select count(*)::int as n from platform.users where email = $1`, [email])).rows[0].n as number;

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'pubkeys' });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it('opens one shop for a signup retried with the same key, and signs the owner in again', async () => {
    const email = `retry.${randomUUID().slice(0, 8)}@example.com`;
    const key = randomUUID();
    const first = await signup(signupOf(email), key).expect(201);
    const again = await signup(signupOf(email), key).expect(201);
    expect(again.body).toMatchObject({ tenantId: first.body.tenantId, userId: first.body.userId, roles: ['owner'] });
    await platform.http().get('/customers').set('Authorization', `Bearer ${again.body.accessToken}`).expect(200);
    expect(await shopsOf(email)).toBe(1);
  });

  it('opens one shop when ten retries with one key race each other', async () => {
    const email = `race.${randomUUID().slice(0, 8)}@example.com`;
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => signup(signupOf(email), key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.tenantId)).size).toBe(1);
    expect(await shopsOf(email)).toBe(1);
  });

  it('refuses the key with another request or another password (422) and leaves the shop alone', async () => {
    const email = `reuse.${randomUUID().slice(0, 8)}@example.com`;
    const key = randomUUID();
    await signup(signupOf(email), key).expect(201);
    const renamed = await signup(signupOf(email, { companyName: 'Other Motors' }), key).expect(422);
    expect(fieldsOf(renamed.body)).toEqual(['Idempotency-Key']);
    const guessed = await signup(signupOf(email, { password: 'not the password at all' }), key).expect(422);
    expect(guessed.body.accessToken).toBeUndefined();
    expect(await shopsOf(email)).toBe(1);
  });

  it('keeps keys apart per e-mail, and signs up twice without a key as before', async () => {
    const key = randomUUID();
    const a = await signup(signupOf(`a.${randomUUID().slice(0, 8)}@example.com`), key).expect(201);
    const b = await signup(signupOf(`b.${randomUUID().slice(0, 8)}@example.com`), key).expect(201);
    expect(b.body.tenantId).not.toBe(a.body.tenantId);
    const email = `nokey.${randomUUID().slice(0, 8)}@example.com`;
    await signup(signupOf(email)).expect(201);
    await signup(signupOf(email)).expect(201);
    expect(await shopsOf(email)).toBe(2);
  });

  it('answers a retried invitation acceptance with the same user instead of 401', async () => {
    const owner = await ShopClient.signup(platform);
    const invited = await owner.post('/auth/invitations', { email: `tech.${randomUUID().slice(0, 8)}@example.com`, displayName: 'Tara', roles: ['technician'] }).expect(201);
    const accept = (key?: string, password = 'another long password') => {
      const req = platform.http().post('/auth/invitations/accept');
      return (key ? req.set('Idempotency-Key', key) : req).send({ token: invited.body.invitationToken, password });
    };
    const key = randomUUID();
    const first = await accept(key).expect(200);
    const again = await accept(key).expect(200);
    expect(again.body).toMatchObject({ userId: first.body.userId, tenantId: owner.tenantId, roles: ['technician'] });
    await accept(key, 'a different password').expect(422);
    await accept(randomUUID()).expect(401);
    await accept().expect(401);
  });

  it('names the header when the key is not printable ASCII, on public commands too', async () => {
    const res = await signup(signupOf(`bad.${randomUUID().slice(0, 8)}@example.com`), 'x'.repeat(201)).expect(400);
    expect(fieldsOf(res.body)).toEqual(['Idempotency-Key']);
  });
});
