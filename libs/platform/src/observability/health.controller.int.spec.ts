import { createPgFixture, PgFixture } from '@workbay/eventstore/testing';
import Redis from 'ioredis';
import { createServer, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import type { Response } from 'express';
import { HealthController } from './health.controller';

/** A dependency that accepts the connection and never answers: a hung server, not a refused one. */
async function hungServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** The part of express's Response the controller touches. */
function response(): Response & { code?: number } {
  const res = { code: undefined as number | undefined, status(code: number) { res.code = code; return res; } };
  return res as unknown as Response & { code?: number };
}

const pendingTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('GET /health', () => {
  let pg: PgFixture;
  let redis: Redis;

  beforeAll(async () => {
    pg = await createPgFixture('health');
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    redis.disconnect();
    await pg.close();
  });

  it('leaves no timer armed once it has answered', async () => {
    // idleTimeoutMillis 0: the pool's own idle timer would otherwise be counted too.
    const pool = new Pool({ connectionString: pg.db.url, max: 2, idleTimeoutMillis: 0 });
    try {
      const health = new HealthController(pool, redis, pg.store, 0); // every probe checks: no answer reused
      await health.health(response()); // connections opened; anything they arm for good is in the baseline
      const before = pendingTimers();
      const res = response();
      const view = await health.health(res);
      expect(view.status).toBe('ok');
      expect(res.code).toBe(200);
      expect(pendingTimers()).toBe(before);
    } finally {
      await pool.end();
    }
  });

  it('answers 503 naming both hung dependencies within one timeout, not one per dependency', async () => {
    const hung = await hungServer();
    const pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${hung.port}/none`, max: 1 });
    pool.on('error', () => undefined);
    const hungRedis = new Redis(`redis://127.0.0.1:${hung.port}`, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    hungRedis.on('error', () => undefined);
    try {
      const res = response();
      const started = Date.now();
      const view = await new HealthController(pool, hungRedis, pg.store, 0).health(res);
      const elapsed = Date.now() - started;
      expect(res.code).toBe(503);
      expect(view).toEqual({
        status: 'degraded',
        checks: { postgres: { status: 'down', error: 'timeout' }, eventStore: { status: 'up' }, redis: { status: 'down', error: 'timeout' } },
      });
      // Each check waits up to 2 s; one after another this took two of them (4 s).
      expect(elapsed).toBeLessThan(3000);
    } finally {
      hungRedis.disconnect();
      await hung.close();
      await pool.end().catch(() => undefined);
    }
  });

  it('checks each dependency once for probes that arrive together, and reuses that answer for a second', async () => {
    const pool = new Pool({ connectionString: pg.db.url, max: 2 });
    const queries = jest.spyOn(pool, 'query');
    const pings = jest.spyOn(redis, 'ping');
    try {
      const health = new HealthController(pool, redis, pg.store); // the API's default: HEALTH_REUSE_MS
      const responses = Array.from({ length: 20 }, () => response());
      const views = await Promise.all(responses.map((res) => health.health(res)));
      expect(views.every((v) => v.status === 'ok')).toBe(true);
      expect(responses.map((r) => r.code)).toEqual(Array(20).fill(200));
      expect(queries).toHaveBeenCalledTimes(1);
      expect(pings).toHaveBeenCalledTimes(1);
      const again = response();
      expect((await health.health(again)).status).toBe('ok');
      expect(again.code).toBe(200);
      expect(queries).toHaveBeenCalledTimes(1);
    } finally {
      pings.mockRestore();
      await pool.end();
    }
  });

  it('answers 503 to every probe sharing a check that found a dependency down', async () => {
    const hung = await hungServer();
    const pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${hung.port}/none`, max: 1 });
    pool.on('error', () => undefined);
    try {
      const health = new HealthController(pool, redis, pg.store);
      const responses = [response(), response(), response()];
      const views = await Promise.all(responses.map((res) => health.health(res)));
      expect(responses.map((r) => r.code)).toEqual([503, 503, 503]);
      expect(views[0].checks.postgres).toEqual({ status: 'down', error: 'timeout' });
    } finally {
      await hung.close();
      await pool.end().catch(() => undefined);
    }
  });
});
