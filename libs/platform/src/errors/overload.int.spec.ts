import { MikroORM } from '@mikro-orm/postgresql';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { ormOptions } from '../database/orm-options';
import { createPool } from '../database/system-pool';
import { retryAfterSecondsOf } from './errors';
import { toProblem } from './problem-details';

const SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Nothing listens on port 1: the connection is refused, as by a database that is down or restarting. */
const REFUSING = 'postgres://postgres@127.0.0.1:1/postgres';

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

function expectOverload(error: unknown) {
  expect(toProblem(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  expect(retryAfterSecondsOf(error)).toBeGreaterThanOrEqual(1);
}

/** The errors each layer really throws when it cannot take a request, each mapped to 503 with Retry-After. */
describe('overload errors as pg, PostgreSQL, MikroORM/knex and ioredis raise them', () => {
  const pools: Pool[] = [];
  afterAll(() => Promise.all(pools.map((p) => p.end())));

  it('an exhausted pg pool fails within its connectionTimeoutMillis instead of waiting forever', async () => {
    const pool = createPool(SERVER, 1, 150);
    pools.push(pool);
    const held = await pool.connect();
    try {
      const started = Date.now();
      const error = await errorOf(() => pool.query('select 1'));
      expect(Date.now() - started).toBeLessThan(2_000);
      expectOverload(error);
    } finally {
      held.release();
    }
  });

  it('a refused connection (database down) is a 503', async () => {
    const pool = createPool(REFUSING, 1, 500);
    pools.push(pool);
    expectOverload(await errorOf(() => pool.query('select 1')));
  });

  it('PostgreSQL refusing a connection over a limit (53300) is a 503', async () => {
    const role = `overload_${randomUUID().slice(0, 8)}`;
    const owner = new Client({ connectionString: SERVER });
    await owner.connect();
    try {
      await owner.query(`create role ${role} login connection limit 0`);
      const refused = new Client({ connectionString: `postgres://${role}@127.0.0.1:5432/postgres` });
      const error = await errorOf(() => refused.connect());
      expect((error as { code?: string }).code).toBe('53300');
      expectOverload(error);
    } finally {
      await owner.query(`drop role if exists ${role}`);
      await owner.end();
    }
  });

  it('a statement cut short by statement_timeout (57014) is a 503', async () => {
    const pool = createPool(SERVER, 1, 500);
    pools.push(pool);
    const error = await errorOf(() => pool.query("set statement_timeout = '50ms'; select pg_sleep(2)"));
    expect((error as { code?: string }).code).toBe('57014');
    expectOverload(error);
  });

  it('a session ended by idle_in_transaction_session_timeout (25P03) is a 503', async () => {
    const client = new Client({ connectionString: SERVER });
    const ended = new Promise<unknown>((resolve) => client.on('error', resolve));
    await client.connect();
    await client.query("set idle_in_transaction_session_timeout = '50ms'");
    await client.query('begin');
    const error = await ended;
    expect((error as { code?: string }).code).toBe('25P03');
    expectOverload(error);
    await client.end().catch(() => undefined);
  });

  it("the ORM's exhausted knex pool fails within the acquire timeout ormOptions sets", async () => {
    const orm = await MikroORM.init(ormOptions({ clientUrl: SERVER, entities: [], poolMax: 1, connectTimeoutMs: 150 }));
    try {
      const knex = orm.em.getConnection().getKnex();
      const trx = await knex.transaction();
      try {
        const started = Date.now();
        const error = await errorOf(() => orm.em.getConnection().execute('select 1'));
        expect(Date.now() - started).toBeLessThan(5_000);
        expectOverload(error);
      } finally {
        await trx.rollback();
      }
    } finally {
      await orm.close(true);
    }
  });

  it('Redis down: ioredis giving up on a command (MaxRetriesPerRequestError) is a 503', async () => {
    // As the app's client is configured (maxRetriesPerRequest: 1), against a port that refuses.
    const redis = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, retryStrategy: () => 20 });
    redis.on('error', () => undefined);
    try {
      const error = await errorOf(() => redis.get('x'));
      expect((error as Error).name).toBe('MaxRetriesPerRequestError');
      expectOverload(error);
    } finally {
      redis.disconnect();
    }
  });

  it('a real bug stays a 500', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'tenantId')");
    expect(toProblem(error)).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(retryAfterSecondsOf(error)).toBeUndefined();
  });
});
