import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import request from 'supertest';
import { createApi } from '../apps/api/src/create-api';
import { startPlatform, Platform } from './support/platform-harness';

/**
 * Login throttling through the real edge. The API trusts X-Forwarded-For from loopback (its
 * proxy), so each test speaks from an address of its own and the per-IP budget stays apart.
 */
describe('login throttling', () => {
  let platform: Platform;
  let db: Pool;
  const password = 'correct horse battery';
  let ipCounter = 0;
  const freshIp = () => `198.51.100.${++ipCounter}`;
  const signup = async (name: string) => {
    const email = `${name}.${randomUUID().slice(0, 8)}@example.com`;
    const res = await platform.http().post('/auth/signup')
      .send({ companyName: `${name} Motors`, country: 'IN', currency: 'INR', plan: 'growth', ownerName: 'Owner', email, password }).expect(201);
    return { email, tenantId: res.body.tenantId as string, token: res.body.accessToken as string };
  };
  const login = (email: string, pw: string, ip: string, app: INestApplication = platform.app) =>
    request(app.getHttpServer()).post('/auth/login').set('X-Forwarded-For', ip).send({ email, password: pw });
  const gqlLogin = (email: string, pw: string, ip: string, app: INestApplication = platform.app) =>
    request(app.getHttpServer()).post('/graphql').set('X-Forwarded-For', ip)
      .send({ query: 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', variables: { input: { email, password: pw } } });

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'throttle' });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it('locks an account after 10 failures, even for the right password: 429 with Retry-After on REST and GraphQL', async () => {
    const { email } = await signup('locked');
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await login(email, `wrong password ${i}`, ip)).status);
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(30).fill(429)]);

    const right = await login(email, password, ip).expect(429);
    expect(right.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(right.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(right.body.accessToken).toBeUndefined();
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(platform.config.LOGIN_LOCKOUT_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(platform.config.LOGIN_LOCKOUT_SECONDS);

    // From another address too: the lock is the account's, not the attacker's IP.
    const gql = await gqlLogin(email, password, freshIp()).expect(200);
    expect(gql.body.data?.login ?? null).toBeNull();
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfter: expect.any(Number) });
  });

  it('leaves another account logging in from the same address alone', async () => {
    const victim = await signup('victim');
    const bystander = await signup('bystander');
    const ip = freshIp();
    for (let i = 0; i < 12; i++) await login(victim.email, 'not it at all', ip);
    await login(victim.email, password, ip).expect(429);
    const res = await login(bystander.email, password, ip).expect(200);
    expect(res.body.tenantId).toBe(bystander.tenantId);
  });

  it("audits the lockout on the tenant's stream with the e-mail, the address and until when", async () => {
    const { email, tenantId } = await signup('audited');
    const ip = freshIp();
    for (let i = 0; i < 10; i++) await login(email, 'guess guess guess', ip);
    const { rows } = await db.query(`select data, metadata from eventstore.events where stream_id = $1 and type = 'LoginLockedOut'`, [`${tenantId}.tenant-${tenantId}`]);
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({ email, ip });
    expect(new Date(rows[0].data.until).getTime()).toBeGreaterThan(Date.now() + (platform.config.LOGIN_LOCKOUT_SECONDS - 60) * 1000);
    expect(rows[0].metadata.actor).toBe('system:login-throttle');
  });

  it('resets the failure count on a successful login', async () => {
    const { email } = await signup('forgetful');
    const ip = freshIp();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 9; i++) await login(email, 'almost remembered', ip).expect(401);
      await login(email, password, ip).expect(200);
    }
  });

  describe('with a small per-IP budget', () => {
    let small: INestApplication;
    beforeAll(async () => {
      small = await createApi({ ...platform.config, LOGIN_MAX_ATTEMPTS_PER_IP: 3 } as typeof platform.config);
      await small.init();
    });
    afterAll(() => small.close());

    it('refuses the attempt over budget from one address with 429 and Retry-After, whichever accounts it tries', async () => {
      const { email } = await signup('sprayed');
      const ip = freshIp();
      await login(`nobody.${randomUUID()}@example.com`, 'x', ip, small).expect(401);
      await login(`nobody.${randomUUID()}@example.com`, 'x', ip, small).expect(401);
      await login(email, password, ip, small).expect(200);
      const over = await login(email, password, ip, small).expect(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      const gql = await gqlLogin(email, password, ip, small);
      expect(gql.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      await login(email, password, freshIp(), small).expect(200);
    });
  });

  describe('with Redis down', () => {
    let cutOff: INestApplication;
    beforeAll(async () => {
      cutOff = await createApi({ ...platform.config, REDIS_URL: 'redis://127.0.0.1:1' } as typeof platform.config);
      await cutOff.init();
    });
    afterAll(() => cutOff.close());

    it('still logs in (no 5xx) and still locks an account, counting in memory', async () => {
      const { email } = await signup('unredised');
      const ip = freshIp();
      await login(email, password, ip, cutOff).expect(200);
      for (let i = 0; i < 10; i++) await login(email, 'wrong and wrong', ip, cutOff).expect(401);
      await login(email, password, ip, cutOff).expect(429);
    });
  });
});
