import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Checkpoint, StoredEvent } from '../event-store';
import { drainAll, events, expectConsistentWithStreams, meta, readUntil, sleep, streamOf } from '../testing/contract-support';
import { createPgFixture, PgFixture, storeOnClient } from '../testing/pg-fixture';

/**
 * Late commits, made deterministic with explicit transactions on dedicated connections. A reader
 * that orders or checkpoints by global_position alone loses events here; ours must not.
 */
describe('PostgresEventStore catch-up with late commits', () => {
  let fx: PgFixture;
  beforeAll(async () => {
    fx = await createPgFixture('es_catchup');
  });
  afterAll(async () => {
    await fx?.close();
  });

  let tenant = randomUUID();
  beforeEach(() => {
    tenant = randomUUID();
  });
  const positionOf = async (stream: string) => (await fx.store.readStream(tenant, stream))[0].globalPosition;
  const xid = async (c: Client) => (await c.query(`select pg_current_xact_id()::text as x`)).rows[0].x as string;
  const appendOn = (c: Client, stream: string) => storeOnClient(c).append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() });
  const appendCommitted = (stream: string) => fx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() });
  const ids = (read: StoredEvent[]) => read.filter((e) => e.tenantId === tenant).map((e) => e.streamId);
  const mine = (e: StoredEvent) => e.tenantId === tenant;
  /** Polls: other sessions on the server may hold the horizon back for a moment. */
  const readMine = async (from: Checkpoint | null, count: number) => readUntil(fx.store, from, mine, count, 1);
  /** What a reader keyed by position alone would fetch next (it sees every committed row). */
  const byPositionAfter = async (position: number) =>
    (await fx.pool.query(`select stream_id from eventstore.events where global_position > $1 and tenant_id = $2 order by global_position`, [position, tenant])).rows.map((r) => r.stream_id);
  /** Same, but honouring the snapshot horizon: still loses rows when it checkpoints by position. */
  const horizonByPositionAfter = async (position: number) =>
    (await fx.pool.query(
      `select stream_id, global_position from eventstore.events
       where global_position > $1 and tenant_id = $2 and tx_id < pg_snapshot_xmin(pg_current_snapshot()) order by global_position`,
      [position, tenant],
    )).rows as Array<{ stream_id: string; global_position: string }>;

  it('withholds a committed event while an older transaction that wrote a smaller position is open, then returns both', async () => {
    const { checkpoint: start } = await drainAll(fx.store, null);
    const a = await fx.client();
    const sA = streamOf(tenant, 'late', 'a1');
    const sB = streamOf(tenant, 'early', 'b1');
    await a.query('begin');
    await appendOn(a, sA);
    await appendCommitted(sB);
    for (let i = 0; i < 5; i++) {
      expect(ids((await drainAll(fx.store, start, 2)).events)).toEqual([]);
      await sleep(10);
    }
    // A position reader has already gone past A's slot: B is visible, A is not.
    const before = (await fx.pool.query(`select coalesce(max(global_position), 0) as p from eventstore.events where global_position < $1`, [await positionOf(sB)])).rows[0].p;
    expect(await byPositionAfter(Number(before))).toEqual([sB]);
    await a.query('commit');
    expect(await positionOf(sA)).toBeLessThan(await positionOf(sB));
    expect(await byPositionAfter(await positionOf(sB))).toEqual([]); // ...so it never sees A.
    expect(ids((await readMine(start, 2)).mine)).toEqual([sA, sB]);
  });

  it('orders a transaction that got its xid first but its position last before the later one (smaller xid, larger position)', async () => {
    const { checkpoint: start } = await drainAll(fx.store, null);
    const a = await fx.client();
    const sA = streamOf(tenant, 'late', 'a2');
    const sB = streamOf(tenant, 'early', 'b2');
    await a.query('begin');
    const xidA = await xid(a);
    await appendCommitted(sB);
    await appendOn(a, sA);
    expect(await positionOf(sB)).toBeLessThan(Number((await a.query(`select max(global_position) p from eventstore.events`)).rows[0].p));
    expect(ids((await drainAll(fx.store, start)).events)).toEqual([]);
    await a.query('commit');
    const read = (await readMine(start, 2)).mine;
    expect(read.map((e) => e.streamId)).toEqual([sA, sB]);
    expect(BigInt(xidA)).toBeLessThan(BigInt((await fx.pool.query(`select tx_id::text t from eventstore.events where stream_id = $1`, [sB])).rows[0].t));
  });

  it('still returns a later-committing event with a smaller position after reading one with a larger position (the reverse)', async () => {
    const { checkpoint: start } = await drainAll(fx.store, null);
    const a = await fx.client();
    const b = await fx.client();
    const sA = streamOf(tenant, 'first', 'a3');
    const sB = streamOf(tenant, 'second', 'b3');
    await a.query('begin');
    await xid(a); // A: smaller xid
    await b.query('begin');
    await appendOn(b, sB); // B: larger xid, smaller position, commits last
    await appendOn(a, sA); // A: larger position, commits first
    await a.query('commit');

    let horizonRows = await horizonByPositionAfter(0);
    for (const deadline = Date.now() + 30_000; horizonRows.length === 0 && Date.now() < deadline; await sleep(10)) {
      horizonRows = await horizonByPositionAfter(0);
    }
    expect(horizonRows.map((r) => r.stream_id)).toEqual([sA]);
    const first = await readMine(start, 1);
    expect(ids(first.mine)).toEqual([sA]);
    await b.query('commit');
    // The position-checkpoint reader resumes after A's position, which is past B's: B is lost.
    expect((await horizonByPositionAfter(Number(horizonRows[0].global_position))).map((r) => r.stream_id)).toEqual([]);
    expect(ids((await readMine(first.checkpoint, 1)).mine)).toEqual([sB]);
    expect(await fx.store.isCheckpointPast(first.checkpoint, await positionOf(sB))).toBe(false);
  });

  it('never skips or repeats an event with many writers sleeping inside transactions, some rolling back', async () => {
    const { checkpoint: start } = await drainAll(fx.store, null);
    const t = randomUUID();
    const committed = new Map<string, number>();
    let target: number | undefined;
    const seen: StoredEvent[] = [];
    const reader = (async () => {
      let checkpoint: Checkpoint | null = start;
      for (const deadline = Date.now() + 45_000; target === undefined || seen.length < target; ) {
        if (Date.now() > deadline) throw new Error(`reader saw ${seen.length} of ${target} events`);
        const batch = await fx.store.readAll(checkpoint, 5);
        seen.push(...batch.events.filter((e) => e.tenantId === t));
        checkpoint = batch.checkpoint;
        if (batch.events.length === 0) await sleep(5);
      }
      return checkpoint;
    })();
    const writers = Array.from({ length: 10 }, async (_, w) => {
      const c = await fx.client();
      const store = storeOnClient(c);
      const stream = streamOf(t, 'slow', String(w));
      let version = 0;
      for (let i = 0; i < 12; i++) {
        await c.query('begin');
        if (i % 3 === 0) await xid(c);
        await c.query('select pg_sleep(random() * 0.02)');
        await store.append(t, stream, events(1 + (i % 2)), { expectedVersion: version, metadata: meta() });
        await c.query('select pg_sleep(random() * 0.02)');
        if (Math.random() < 0.15) {
          await c.query('rollback');
        } else {
          await c.query('commit');
          version += 1 + (i % 2);
        }
      }
      committed.set(stream, version);
    });
    try {
      await Promise.all(writers);
    } catch (error) {
      target = 0; // let the reader stop
      await reader;
      throw error;
    }
    const expected = new Map([...committed].filter(([, v]) => v > 0));
    target = [...expected.values()].reduce((x, y) => x + y, 0);
    const end = await reader;
    await sleep(50);
    expectConsistentWithStreams(seen, expected);
    expect(seen).toHaveLength(target);
    expect((await fx.store.readAll(end, 100)).events.filter((e) => e.tenantId === t)).toEqual([]);
    expect((await fx.store.verifyTenant(t)).ok).toBe(true);
  }, 60_000);
});
