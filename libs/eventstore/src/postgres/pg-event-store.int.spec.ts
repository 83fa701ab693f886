import { randomUUID } from 'node:crypto';
import { Pool, QueryResult } from 'pg';
import { StreamOutsideTenantError } from '../event-store';
import { events, meta, streamOf } from '../testing/contract-support';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { createTestDatabase, DEFAULT_TEST_ROLES, installEventStoreSchema, TestDatabase } from '../testing/postgres-test-database';
import { PostgresEventStore } from './pg-event-store';
import { createPgFixture, PgFixture } from '../testing/pg-fixture';

let contractDb: Promise<TestDatabase> | undefined;
const contractDatabase = () =>
  (contractDb ??= createTestDatabase('es_contract').then(async (db) => {
    await installEventStoreSchema(db.url);
    return db;
  }));
afterAll(async () => {
  await (await contractDb)?.drop();
});

describeEventStoreContract('PostgresEventStore', async (options) => {
  const pool = new Pool({ connectionString: (await contractDatabase()).url, max: 10 });
  const store = new PostgresEventStore(pool, options);
  return { store, cleanup: async () => (await store.close(), await pool.end()) };
});

describe('PostgresEventStore specifics', () => {
  let fx: PgFixture;
  beforeAll(async () => {
    fx = await createPgFixture('es_pg');
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function tenantWithStreams(count = 2, length = 3) {
    const tenant = randomUUID();
    const streams = Array.from({ length: count }, (_, i) => streamOf(tenant, 'acct', String(i)));
    for (const s of streams) await fx.store.append(tenant, s, events(length), { expectedVersion: 0, metadata: meta() });
    return { tenant, streams };
  }
  const exec = (sql: string, params: unknown[]) => fx.pool.query(sql, params);

  describe('verifyTenant', () => {
    it('flags an event altered in the database as altered, naming its stream and version', async () => {
      const { tenant, streams } = await tenantWithStreams();
      await exec(`update eventstore.events set data = '{"n": 999}' where stream_id = $1 and stream_version = 2`, [streams[1]]);
      const report = await fx.store.verifyTenant(tenant);
      expect(report).toMatchObject({ ok: false, streamsChecked: 2, eventsChecked: 6 });
      expect(report.breaks).toEqual([expect.objectContaining({ streamId: streams[1], streamVersion: 2, reason: 'altered' })]);
    });

    it('finds the same breaks when worker threads recompute the digests, over pages of many streams', async () => {
      const { tenant, streams } = await tenantWithStreams(30, 4);
      await exec(`update eventstore.events set data = '{"n": 999}' where stream_id = $1 and stream_version = 3`, [streams[7]]);
      await exec(`update eventstore.events set chain_hash = sha256('x') where stream_id = $1 and stream_version = 4`, [streams[21]]);
      const threaded = new PostgresEventStore(fx.pool, { verifyWorkers: 2, verifyWorkersFrom: 0 });
      const progress: number[] = [];
      const report = await threaded.verifyTenant(tenant, (n) => progress.push(n));
      expect(report).toEqual(await new PostgresEventStore(fx.pool, { verifyWorkers: 0 }).verifyTenant(tenant));
      expect(report).toMatchObject({ ok: false, streamsChecked: 30, eventsChecked: 120 });
      expect(report.breaks.map((b) => [b.streamId, b.streamVersion, b.reason])).toEqual([
        [streams[21], 4, 'altered'],
        [streams[7], 3, 'altered'],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
      expect(progress[progress.length - 1]).toBe(120);
    });

    it('flags altered metadata and a forged chain hash', async () => {
      const { tenant, streams } = await tenantWithStreams();
      await exec(`update eventstore.events set metadata = metadata || '{"actor":"mallory"}' where stream_id = $1 and stream_version = 3`, [streams[0]]);
      await exec(`update eventstore.events set chain_hash = sha256('x') where stream_id = $1 and stream_version = 1`, [streams[1]]);
      const { breaks } = await fx.store.verifyTenant(tenant);
      expect(breaks.map((b) => [b.streamId, b.streamVersion, b.reason])).toEqual([
        [streams[0], 3, 'altered'],
        [streams[1], 1, 'altered'],
      ]);
    });

    it('flags a deleted middle event, and a deleted last event, as removed', async () => {
      const { tenant, streams } = await tenantWithStreams();
      await exec(`delete from eventstore.events where stream_id = $1 and stream_version = 2`, [streams[0]]);
      await exec(`delete from eventstore.events where stream_id = $1 and stream_version = 3`, [streams[1]]);
      const { breaks } = await fx.store.verifyTenant(tenant);
      expect(breaks.map((b) => [b.streamId, b.streamVersion, b.reason])).toEqual([
        [streams[0], 2, 'removed'],
        [streams[1], 3, 'removed'],
      ]);
    });

    it('flags swapped data of two events, and swapped rows, as reordered', async () => {
      const { tenant, streams } = await tenantWithStreams();
      await exec(
        `update eventstore.events e set data = o.data from eventstore.events o
         where e.stream_id = $1 and o.stream_id = $1 and e.stream_version in (2, 3) and o.stream_version = 5 - e.stream_version`,
        [streams[0]],
      );
      // Renumbering two whole rows: positions and the chain no longer follow the versions.
      await exec(`update eventstore.events set stream_version = -stream_version where stream_id = $1 and stream_version in (1, 2)`, [streams[1]]);
      await exec(`update eventstore.events set stream_version = 3 + stream_version where stream_id = $1 and stream_version in (-1, -2)`, [streams[1]]);
      const { breaks } = await fx.store.verifyTenant(tenant);
      expect(breaks.map((b) => [b.streamId, b.streamVersion, b.reason])).toEqual([
        [streams[0], 2, 'reordered'],
        [streams[1], 1, 'reordered'],
      ]);
    });

    it('flags a head that disagrees with the events as head-mismatch', async () => {
      const { tenant, streams } = await tenantWithStreams();
      await exec(`update eventstore.streams set head_hash = sha256('forged') where stream_id = $1`, [streams[0]]);
      await exec(`update eventstore.streams set version = 2 where stream_id = $1`, [streams[1]]);
      const { breaks } = await fx.store.verifyTenant(tenant);
      expect(breaks.map((b) => [b.streamId, b.reason])).toEqual([
        [streams[0], 'head-mismatch'],
        [streams[1], 'head-mismatch'],
      ]);
    });

    it('flags a stream whose head record was deleted, though only its events are left to find it by', async () => {
      const { tenant, streams } = await tenantWithStreams();
      await exec(`delete from eventstore.streams where stream_id = $1`, [streams[1]]);
      const report = await fx.store.verifyTenant(tenant);
      expect(report).toMatchObject({ streamsChecked: 2, eventsChecked: 6 });
      expect(report.breaks.map((b) => [b.streamId, b.reason])).toEqual([[streams[1], 'head-mismatch']]);
    });

    it('verifies a tenant larger than one read (a few streams at a time), naming breaks in every part, in stream order', async () => {
      const tenant = randomUUID();
      // 3 streams of 3,000 events (more than a read each) and 40 small ones around them.
      const big = [0, 1, 2].map((i) => streamOf(tenant, 'ledger', `big-${i}`));
      for (const s of big) {
        for (let v = 0; v < 3_000; v += 500) await fx.store.append(tenant, s, events(500, 'Happened', v + 1), { expectedVersion: v, metadata: meta() });
      }
      const small = Array.from({ length: 40 }, (_, i) => streamOf(tenant, 'acct', String(i).padStart(2, '0')));
      for (const s of small) await fx.store.append(tenant, s, events(2), { expectedVersion: 0, metadata: meta() });
      await exec(`update eventstore.events set data = '{"n": -1}' where stream_id = $1 and stream_version = 2999`, [big[2]]);
      await exec(`update eventstore.events set data = '{"n": -1}' where stream_id = $1 and stream_version = 2`, [small[39]]);
      await exec(`update eventstore.events set data = '{"n": -1}' where stream_id = $1 and stream_version = 1`, [small[0]]);
      const report = await fx.store.verifyTenant(tenant);
      expect(report).toMatchObject({ ok: false, streamsChecked: 43, eventsChecked: 9_080 });
      expect(report.breaks.map((b) => [b.streamId, b.streamVersion])).toEqual([[small[0], 1], [small[39], 2], [big[2], 2999]]);
    });
  });

  describe('the app role', () => {
    const asApp = async (fn: (q: (sql: string, params?: unknown[]) => Promise<QueryResult>) => Promise<void>, tenant?: string) => {
      const c = await fx.pool.connect();
      try {
        await c.query(`begin`);
        await c.query(`set local role ${DEFAULT_TEST_ROLES.appRole}`);
        if (tenant) await c.query(`select set_config('app.tenant_id', $1, true)`, [tenant]);
        await fn((sql, params) => c.query(sql, params));
      } finally {
        await c.query('rollback').catch(() => undefined);
        c.release();
      }
    };
    const denied = (sql: string, params: unknown[] = [], tenant?: string) =>
      expect(asApp((q) => q(sql, params).then(() => undefined), tenant)).rejects.toMatchObject({ code: '42501' });

    it('cannot touch the tables directly nor call the cross-tenant functions', async () => {
      await denied(`select * from eventstore.events`);
      await denied(`select * from eventstore.streams`);
      await denied(`select * from eventstore.idempotency`);
      await denied(`delete from eventstore.events`);
      await denied(`select * from eventstore.read_all(null, null, 10)`);
      await denied(`select * from eventstore.stream_heads($1)`, [randomUUID()]);
      await denied(`select eventstore.is_checkpoint_past('1', 1, 1)`);
    });

    it('cannot read or write another tenant through the functions once app.tenant_id is set', async () => {
      const a = await tenantWithStreams(1);
      const b = await tenantWithStreams(1);
      await asApp(async (q) => {
        expect((await q(`select * from eventstore.read_stream($1, $2, null, null)`, [b.tenant, b.streams[0]])).rows).toEqual([]);
        expect((await q(`select * from eventstore.read_stream($1, $2, null, null)`, [a.tenant, b.streams[0]])).rows).toEqual([]);
        expect((await q(`select * from eventstore.read_tenant($1, 0, 100)`, [b.tenant])).rows).toEqual([]);
        expect((await q(`select * from eventstore.read_stream($1, $2, null, null)`, [a.tenant, a.streams[0]])).rows).toHaveLength(3);
      }, a.tenant);
      await denied(
        `select * from eventstore.append($1, $2, 3, null, array[gen_random_uuid()], array['X'], array[1], '[{}]'::jsonb, '{}'::jsonb, now(), array[sha256('x')])`,
        [b.tenant, b.streams[0]],
        a.tenant,
      );
    });

    it('is held by row-level security even if it were granted a table', async () => {
      const a = await tenantWithStreams(1);
      const b = await tenantWithStreams(1);
      const c = await fx.pool.connect();
      try {
        await c.query('begin');
        await c.query(`grant select on eventstore.events to ${DEFAULT_TEST_ROLES.appRole}`);
        await c.query(`set local role ${DEFAULT_TEST_ROLES.appRole}`);
        const count = async () => (await c.query(`select tenant_id from eventstore.events where tenant_id in ($1, $2)`, [a.tenant, b.tenant])).rows;
        expect(await count()).toEqual([]);
        await c.query(`select set_config('app.tenant_id', $1, true)`, [a.tenant]);
        expect((await count()).map((r) => r.tenant_id)).toEqual([a.tenant, a.tenant, a.tenant]);
      } finally {
        await c.query('rollback');
        c.release();
      }
    });

    it('drives the adapter: append, readStream and readTenant work; readAll and verify need the system role', async () => {
      const app = fx.appStore();
      const tenant = randomUUID();
      const stream = streamOf(tenant);
      await app.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'k' });
      expect((await app.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'k' })).duplicate).toBe(true);
      await app.append(tenant, stream, events(1), { expectedVersion: 'any', metadata: meta() });
      expect(await app.readStream(tenant, stream)).toHaveLength(3);
      expect(await app.readTenant(tenant)).toHaveLength(3);
      await expect(app.readStream(tenant, streamOf(randomUUID()))).rejects.toThrow(StreamOutsideTenantError);
      await expect(app.readAll(null, 10)).rejects.toMatchObject({ code: '42501' });
      await expect(app.verifyTenant(tenant)).rejects.toMatchObject({ code: '42501' });
      expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
    });
  });
});
