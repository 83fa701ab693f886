import { MikroORM } from '@mikro-orm/postgresql';
import { APP_POOL } from '@workbay/platform';
import type { Knex } from 'knex';
import { Pool, PoolClient } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

const CUSTOMER = { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 55501' };
const REGISTER = 'mutation R($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id } }';
const LIST = '{ customers(first: 5) { items { id } } }';

/**
 * A database that cannot give the API a connection (every pooled connection taken, as when eight
 * suites share one server) answers 503 with Retry-After and a problem body, on reads and commands,
 * REST and GraphQL, and the API serves again once connections are free.
 */
describe('an exhausted database answers 503 with Retry-After, never 500', () => {
  let platform: Platform;
  let shop: ShopClient;
  let held: PoolClient[] = [];
  let heldOrm: Knex.Transaction[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'overload', worker: false, config: { DATABASE_CONNECT_TIMEOUT_MS: '300' } });
    shop = await ShopClient.signup(platform, 'Overload Garage');
  });
  afterAll(async () => {
    await release();
    await platform.close();
  });

  /** Takes every connection of the API's pg pool and of its ORM pool (10 each by default). */
  async function exhaust() {
    const pool = platform.app.get<Pool>(APP_POOL);
    held = await Promise.all(Array.from({ length: 10 }, () => pool.connect()));
    const knex = platform.app.get<MikroORM>(MikroORM).em.getConnection().getKnex();
    heldOrm = await Promise.all(Array.from({ length: 10 }, () => knex.transaction()));
  }
  async function release() {
    held.splice(0).forEach((c) => c.release());
    await Promise.all(heldOrm.splice(0).map((t) => t.rollback()));
  }

  function expectRestOverload(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) {
    expect(res.status).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', type: 'https://workbay.dev/problems/service-unavailable' });
  }

  it('a REST read and command get 503 with Retry-After while the pools are exhausted', async () => {
    await exhaust();
    try {
      expectRestOverload(await shop.get('/customers'));
      expectRestOverload(await shop.post('/customers', CUSTOMER));
    } finally {
      await release();
    }
  });

  it('a GraphQL query and mutation get the same status, code and retryAfter in extensions', async () => {
    await exhaust();
    try {
      for (const res of [await shop.graphql(LIST), await shop.graphql(REGISTER, { input: CUSTOMER })]) {
        expect(res.status).toBe(200);
        expect(res.body.errors?.[0]?.extensions).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number) });
      }
    } finally {
      await release();
    }
  });

  it('serves again once connections are free', async () => {
    await shop.post('/customers', CUSTOMER).expect(201);
    await shop.get('/customers').expect(200);
    expect((await shop.graphql(LIST).expect(200)).body.errors).toBeUndefined();
  });
});
