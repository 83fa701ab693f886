import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ConcurrencyError } from '../errors';
import { AppendResult } from '../event-store';
import { events, meta, streamOf } from '../testing/contract-support';
import { createPgFixture, PgFixture, quiet, storeOnClient } from '../testing/pg-fixture';
import { GroupCommitOptions } from './append-batcher';
import { PostgresEventStore } from './pg-event-store';

/** Group commit: concurrent appends on a pool share transactions; each keeps its own outcome. */
describe('PostgresEventStore group commit', () => {
  let fx: PgFixture;
  const opened: Array<{ store: PostgresEventStore; pool: Pool }> = [];
  beforeAll(async () => {
    fx = await createPgFixture('es_group');
  });
  afterAll(async () => {
    for (const { store, pool } of opened) await store.close().then(() => pool.end());
    await fx?.close();
  });

  const storeWith = (groupCommit: GroupCommitOptions) => {
    const pool = quiet(new Pool({ connectionString: fx.db.url, max: 8 }));
    const store = new PostgresEventStore(pool, { groupCommit });
    opened.push({ store, pool });
    return store;
  };
  const txOf = async (streams: string[]) =>
    (await fx.pool.query<{ stream_id: string; tx: string }>(`select stream_id, tx_id::text tx from eventstore.events where stream_id = any($1)`, [streams])).rows;
  const distinctTx = async (streams: string[]) => new Set((await txOf(streams)).map((r) => r.tx)).size;
  /** A slot is released one event-loop turn after its transaction ended. */
  const settled = () => new Promise((r) => setImmediate(r));
  /** Sends one append alone (taking the only slot when maxInFlight = 1): what follows in this tick queues. */
  const occupy = (store: PostgresEventStore) => {
    const tenant = randomUUID();
    return store.append(tenant, streamOf(tenant), events(1), { expectedVersion: 0, metadata: meta() });
  };

  it('lets 50 concurrent appends to 50 streams (two tenants) share fewer than 50 transactions; each lands once and verifies', async () => {
    const store = storeWith({ maxInFlight: 2, maxBatch: 32 });
    const tenants = [randomUUID(), randomUUID()];
    const targets = Array.from({ length: 50 }, (_, i) => ({ tenant: tenants[i % 2], stream: streamOf(tenants[i % 2]) }));
    await settled();
    const before = { ...store.groupCommitStats! };

    // First appends (stream creation) and then appends to existing streams (the fast path).
    const created = await Promise.all(targets.map((t, i) => store.append(t.tenant, t.stream, events(1, 'Opened', i), { expectedVersion: 0, metadata: meta() })));
    const appended = await Promise.all(targets.map((t, i) => store.append(t.tenant, t.stream, events(1, 'Noted', i), { expectedVersion: 1, metadata: meta() })));

    expect(created.every((r) => r.streamVersion === 1 && !r.duplicate)).toBe(true);
    expect(appended.every((r) => r.streamVersion === 2 && !r.duplicate)).toBe(true);
    const streams = targets.map((t) => t.stream);
    const rows = await txOf(streams);
    expect(rows).toHaveLength(100);
    for (const t of targets) expect((await store.readStream(t.tenant, t.stream)).map((e) => e.streamVersion)).toEqual([1, 2]);
    // Results are the rows' own positions.
    const positions = new Set((await fx.pool.query(`select global_position::int p from eventstore.events where stream_id = any($1)`, [streams])).rows.map((r) => r.p));
    expect([...created, ...appended].every((r) => positions.has(r.globalPosition))).toBe(true);
    expect(await distinctTx(streams)).toBeLessThan(50);
    const stats = store.groupCommitStats!;
    expect(stats.batches - before.batches).toBeGreaterThan(0);
    expect(stats.fallbacks - before.fallbacks).toBe(0);
    for (const tenant of tenants) expect(await store.verifyTenant(tenant)).toMatchObject({ ok: true, streamsChecked: 25, eventsChecked: 50 });
  });

  it('gives a wrong expected version in a batch its ConcurrencyError while its batch-mates commit together', async () => {
    const store = storeWith({ maxInFlight: 1 });
    const tenant = randomUUID();
    const streams = Array.from({ length: 6 }, () => streamOf(tenant));
    for (const s of streams) await store.append(tenant, s, events(2), { expectedVersion: 0, metadata: meta() });
    await settled();
    const before = { ...store.groupCommitStats! };

    const blocker = occupy(store);
    const outcomes = await Promise.allSettled(
      streams.map((s, i) => store.append(tenant, s, events(1, 'Late', 3), { expectedVersion: i === 3 ? 1 : 2, metadata: meta() })),
    );
    await blocker;

    const failed = outcomes[3] as PromiseRejectedResult;
    expect(failed.status).toBe('rejected');
    expect(failed.reason).toBeInstanceOf(ConcurrencyError);
    expect(failed.reason).toMatchObject({ streamId: streams[3], expectedVersion: 1, actualVersion: 2 });
    const others = outcomes.filter((_, i) => i !== 3) as Array<PromiseFulfilledResult<AppendResult>>;
    expect(others.map((o) => [o.status, o.value.streamVersion])).toEqual(Array(5).fill(['fulfilled', 3]));
    const stats = store.groupCommitStats!;
    expect(stats.batches - before.batches).toBe(1);
    expect(stats.batchedAppends - before.batchedAppends).toBe(6);
    expect(stats.fallbacks - before.fallbacks).toBe(0);
    const lateTx = new Set(
      (await fx.pool.query(`select tx_id::text tx from eventstore.events where stream_id = any($1) and type = 'Late'`, [streams])).rows.map((r) => r.tx),
    );
    expect(lateTx.size).toBe(1);
    expect((await store.readStream(tenant, streams[3])).map((e) => e.type)).toEqual(['Happened', 'Happened']);
    expect((await store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('gives a repeated idempotency key inside one batch the first append\'s result', async () => {
    const store = storeWith({ maxInFlight: 1 });
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    const other = streamOf(tenant);
    await settled();
    const before = { ...store.groupCommitStats! };

    const blocker = occupy(store);
    const [first, repeat, mate] = await Promise.all([
      store.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'cmd-1' }),
      store.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'cmd-1' }),
      store.append(tenant, other, events(1), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'cmd-2' }),
    ]);
    await blocker;

    expect(first).toMatchObject({ streamVersion: 2, duplicate: false });
    expect(repeat).toEqual({ ...first, duplicate: true });
    expect(mate).toMatchObject({ streamVersion: 1, duplicate: false });
    expect(store.groupCommitStats!.batches - before.batches).toBe(1);
    expect((await store.readStream(tenant, stream)).length).toBe(2);
    expect((await store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('re-sends the appends of a batch that raised one by one: the bad one fails alone, its batch-mates succeed', async () => {
    const store = storeWith({ maxInFlight: 1 });
    const tenant = randomUUID();
    const streams = Array.from({ length: 5 }, () => streamOf(tenant));
    await settled();
    const before = { ...store.groupCommitStats! };

    const blocker = occupy(store);
    // jsonb cannot hold U+0000: PostgreSQL raises (22P05) for the whole batch statement.
    const outcomes = await Promise.allSettled(
      streams.map((s, i) => store.append(tenant, s, [{ type: 'Typed', data: { text: i === 2 ? 'nul \u0000 here' : 'fine' } }], { expectedVersion: 0, metadata: meta() })),
    );
    await blocker;

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: '22P05' });
    const stats = store.groupCommitStats!;
    expect(stats.fallbacks - before.fallbacks).toBe(1);
    expect(stats.batches - before.batches).toBe(0);
    for (const [i, s] of streams.entries()) expect((await store.readStream(tenant, s)).length).toBe(i === 2 ? 0 : 1);
    expect((await store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('falls back when the batch hits a stream appended by a newer transaction (40001), and every append still lands', async () => {
    const store = storeWith({ maxInFlight: 1 });
    const tenant = randomUUID();
    const streams = Array.from({ length: 4 }, () => streamOf(tenant)).sort();
    for (const s of streams) await store.append(tenant, s, events(1), { expectedVersion: 0, metadata: meta() });
    // The batch takes its xid on the first stream, then waits for this row lock; meanwhile a
    // newer transaction appends to the last stream and commits. When the batch gets there, the
    // version it expects (2) matches but the stream's last append is newer: 40001, whole batch.
    const holder = await fx.client();
    await holder.query('begin');
    await holder.query(`select 1 from eventstore.streams where stream_id = $1 for update`, [streams[0]]);
    await settled();
    const before = { ...store.groupCommitStats! };

    const blocker = occupy(store);
    const pending = Promise.allSettled(
      streams.map((s, i) => store.append(tenant, s, events(1, 'Batched', 2), { expectedVersion: i === 3 ? 2 : 1, metadata: meta() })),
    );
    await blocker;
    let blocked = false;
    for (let i = 0; i < 500 && !blocked; i++) {
      const { rows } = await fx.pool.query(`select count(*)::int n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      blocked = rows[0].n > 0;
      if (!blocked) await new Promise((r) => setTimeout(r, 10));
    }
    expect(blocked).toBe(true);
    await storeOnClient(await fx.client()).append(tenant, streams[3], events(1, 'Newer', 2), { expectedVersion: 1, metadata: meta() });
    await holder.query('commit');
    const outcomes = await pending;

    expect(outcomes.map((o) => o.status)).toEqual(Array(4).fill('fulfilled'));
    expect(outcomes.map((o) => (o as PromiseFulfilledResult<AppendResult>).value.streamVersion)).toEqual([2, 2, 2, 3]);
    const stats = store.groupCommitStats!;
    expect(stats.fallbacks - before.fallbacks).toBe(1);
    expect(stats.batches - before.batches).toBe(0);
    for (const [i, s] of streams.entries()) expect((await store.readStream(tenant, s)).map((e) => e.type)).toEqual(i === 3 ? ['Happened', 'Newer', 'Batched'] : ['Happened', 'Batched']);
    expect((await store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('sends a lone append at once, alone (no batch, no wait)', async () => {
    const store = storeWith({ maxInFlight: 2 });
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    await settled();
    const before = { ...store.groupCommitStats! };
    for (let v = 0; v < 5; v++) await store.append(tenant, stream, events(1), { expectedVersion: v, metadata: meta() });
    const stats = store.groupCommitStats!;
    expect(stats.singles - before.singles).toBe(5);
    expect(stats.batches - before.batches).toBe(0);
    expect(await distinctTx([stream])).toBe(5);
  });

  it('sends an append of many events alone even when every slot is busy', async () => {
    const store = storeWith({ maxInFlight: 1, maxEvents: 8 });
    const tenant = randomUUID();
    const streams = [streamOf(tenant), streamOf(tenant), streamOf(tenant)];
    await settled();
    const before = { ...store.groupCommitStats! };
    const blocker = occupy(store);
    await Promise.all([
      store.append(tenant, streams[0], events(1), { expectedVersion: 0, metadata: meta() }),
      store.append(tenant, streams[1], events(9), { expectedVersion: 0, metadata: meta() }),
      store.append(tenant, streams[2], events(1), { expectedVersion: 0, metadata: meta() }),
    ]);
    await blocker;
    const stats = store.groupCommitStats!;
    expect(stats.batches - before.batches).toBe(1);
    expect(stats.batchedAppends - before.batchedAppends).toBe(2);
    expect(await distinctTx(streams)).toBe(2);
  });

  it('works for the app role (append_batch is granted to it)', async () => {
    const store = fx.appStore();
    const tenant = randomUUID();
    const streams = Array.from({ length: 30 }, () => streamOf(tenant));
    await settled();
    const before = { ...store.groupCommitStats! };
    await Promise.all(streams.map((s) => store.append(tenant, s, events(1), { expectedVersion: 0, metadata: meta() })));
    expect(store.groupCommitStats!.batches - before.batches).toBeGreaterThan(0);
    expect(store.groupCommitStats!.fallbacks - before.fallbacks).toBe(0);
    expect(await distinctTx(streams)).toBeLessThan(30);
  });

  it('flushes queued appends before close() resolves', async () => {
    const pool = new Pool({ connectionString: fx.db.url, max: 4 });
    const store = new PostgresEventStore(pool, { groupCommit: { maxInFlight: 1 } });
    const tenant = randomUUID();
    let settled = 0;
    const appends = Array.from({ length: 20 }, () =>
      store.append(tenant, streamOf(tenant), events(1), { expectedVersion: 0, metadata: meta() }).finally(() => settled++),
    );
    await store.close();
    expect(settled).toBe(20);
    await Promise.all(appends);
    await pool.end();
  });

  it('does not batch on a single connection (appends join the transaction open on it)', async () => {
    const c = await fx.client();
    const store = storeOnClient(c);
    expect(store.groupCommitStats).toBeNull();
    const tenant = randomUUID();
    const streams = [streamOf(tenant), streamOf(tenant)];
    await c.query('begin');
    for (const s of streams) await store.append(tenant, s, events(1), { expectedVersion: 0, metadata: meta() });
    await c.query('rollback');
    expect((await txOf(streams)).length).toBe(0);
  });
});
