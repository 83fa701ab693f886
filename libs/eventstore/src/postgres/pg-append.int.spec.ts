import { randomUUID } from 'node:crypto';
import { events, meta, sleep, streamOf } from '../testing/contract-support';
import { createPgFixture, PgFixture, storeOnClient } from '../testing/pg-fixture';
import { ConcurrencyError } from '../errors';
import { installEventStoreSchema } from '../testing/postgres-test-database';
import { chainHash, contentHash, GENESIS_HASH } from '../hash-chain';

/** What the set-based append must keep: the per-row loop's order, chain, guards and results. */
describe('eventstore.append (set-based insert)', () => {
  let fx: PgFixture;
  beforeAll(async () => {
    fx = await createPgFixture('es_append');
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('gives a batch positions in version order, returns the last one and chains every event', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    await fx.store.append(tenant, stream, events(3), { expectedVersion: 0, metadata: meta() });
    const result = await fx.store.append(tenant, stream, events(50, 'Batched', 4), { expectedVersion: 3, metadata: meta({ actor: 'batch' }) });
    const read = await fx.store.readStream(tenant, stream);
    expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: 53 }, (_, i) => i + 1));
    const positions = read.map((e) => e.globalPosition);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(result).toEqual({ streamVersion: 53, globalPosition: positions[52], duplicate: false });
    let previous = GENESIS_HASH;
    for (const e of read) {
      expect(e.contentHash).toBe(contentHash(e));
      expect(e.chainHash).toBe(chainHash(previous, e.contentHash));
      previous = e.chainHash;
    }
    expect(read[10].data).toEqual({ n: 11, label: 'event 11' });
    expect(read[10].metadata).toEqual(meta({ actor: 'batch' }));
    const head = (await fx.pool.query(`select version, head_hash, last_tx::text from eventstore.streams where stream_id = $1`, [stream])).rows[0];
    expect(head.version).toBe(53);
    expect(head.head_hash.toString('hex')).toBe(previous);
    const lastTx = (await fx.pool.query(`select tx_id::text t from eventstore.events where stream_id = $1 and stream_version = 53`, [stream])).rows[0].t;
    expect(head.last_tx).toBe(lastTx);
    expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('refuses an append by a transaction older than the one that last appended to the stream', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    await fx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() });
    const older = await fx.client();
    await older.query('begin');
    try {
      await older.query('select pg_current_xact_id()');
      await fx.store.append(tenant, stream, events(1), { expectedVersion: 1, metadata: meta() });
      await expect(
        older.query(
          `select * from eventstore.append($1, $2, 2, null, array[gen_random_uuid()], array['X'], array[1], '[{}]'::jsonb, '{}'::jsonb, now(), array[sha256('x')])`,
          [tenant, stream],
        ),
      ).rejects.toMatchObject({ code: '40001' });
    } finally {
      await older.query('rollback');
    }
    expect((await fx.store.readStream(tenant, stream)).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
  });

  /** Until some session of this database waits for a lock (the append under test). */
  const untilBlocked = async () => {
    for (let i = 0; i < 500; i++) {
      const { rows } = await fx.pool.query(
        `select count(*)::int n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (rows[0].n > 0) return;
      await sleep(10);
    }
    throw new Error('no session ever waited for a lock');
  };
  const head = async (stream: string) =>
    (await fx.pool.query(`select version, encode(head_hash, 'hex') h, last_tx::text t from eventstore.streams where stream_id = $1`, [stream])).rows[0];

  it('lets one of several concurrent appends at the same version win; the others get ConcurrencyError', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    await fx.store.append(tenant, stream, events(3), { expectedVersion: 0, metadata: meta() });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => fx.store.append(tenant, stream, events(2), { expectedVersion: 3, metadata: meta() })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect(r.reason.actualVersion).toBe(5);
    }
    expect((await fx.store.readStream(tenant, stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5]);
    expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('lets one of several concurrent single-event appends win (the one-statement fast path); the others get ConcurrencyError', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    await fx.store.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta() });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => fx.store.append(tenant, stream, events(1), { expectedVersion: 2, metadata: meta() })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(ConcurrencyError);
      expect(r.reason.actualVersion).toBe(3);
    }
    const next = await fx.store.append(tenant, stream, events(1), { expectedVersion: 3, metadata: meta() });
    const read = await fx.store.readStream(tenant, stream);
    expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
    expect(next).toEqual({ streamVersion: 4, globalPosition: read[3].globalPosition, duplicate: false });
    const lastTx = (await fx.pool.query(`select tx_id::text t from eventstore.events where stream_id = $1 and stream_version = 4`, [stream])).rows[0].t;
    expect(await head(stream)).toEqual({ version: 4, h: read[3].chainHash, t: lastTx });
    await expect(fx.store.append(tenant, stream, events(1), { expectedVersion: 9, metadata: meta() })).rejects.toMatchObject({ actualVersion: 4 });
    await expect(fx.store.append(tenant, `${tenant}.never-created`, events(1), { expectedVersion: 1, metadata: meta() })).rejects.toMatchObject({
      actualVersion: 0,
    });
    expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('reports the version a concurrent append committed while this one waited for the stream', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    await fx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() });
    const a = await fx.client();
    await a.query('begin');
    let waiting: Promise<unknown> | undefined;
    try {
      await storeOnClient(a).append(tenant, stream, events(2), { expectedVersion: 1, metadata: meta() });
      waiting = fx.store.append(tenant, stream, events(1), { expectedVersion: 1, metadata: meta() }).catch((e: unknown) => e);
      await untilBlocked();
    } finally {
      await a.query('commit');
    }
    const error = await waiting;
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((error as ConcurrencyError).actualVersion).toBe(3);
    expect((await head(stream)).version).toBe(3);
    expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('puts the stream back when its key was taken on another stream while it waited', async () => {
    const tenant = randomUUID();
    const mine = streamOf(tenant, 'mine');
    const other = streamOf(tenant, 'other');
    await fx.store.append(tenant, mine, events(2), { expectedVersion: 0, metadata: meta() });
    const before = await head(mine);
    const a = await fx.client();
    await a.query('begin');
    let waiting: Promise<unknown> | undefined;
    let first: unknown;
    try {
      first = await storeOnClient(a).append(tenant, other, events(1), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'k-raced' });
      waiting = fx.store.append(tenant, mine, events(3), { expectedVersion: 2, metadata: meta(), idempotencyKey: 'k-raced' });
      await untilBlocked();
    } finally {
      await a.query('commit');
    }
    expect(await waiting).toEqual({ ...(first as object), duplicate: true });
    expect(await head(mine)).toEqual(before);
    expect(await fx.store.readStream(tenant, mine)).toHaveLength(2);
    await fx.store.append(tenant, mine, events(1), { expectedVersion: 2, metadata: meta() });
    expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('rejects data that is not an array of one value per event, writing nothing', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    const call = (data: string) =>
      fx.pool.query(
        `select * from eventstore.append($1, $2, 0, null, array[gen_random_uuid()], array['X'], array[1], $3::jsonb, '{}'::jsonb, now(), array[sha256('x')])`,
        [tenant, stream, data],
      );
    await expect(call('[{}, {}]')).rejects.toMatchObject({ code: '22023' });
    await expect(call('{}')).rejects.toMatchObject({ code: '22023' });
    expect(await fx.store.readStream(tenant, stream)).toEqual([]);
  });

  it("keeps stream ids inside their tenant in the tables themselves, even for the owner; a schema re-run replaces the streams CHECK by the trigger", async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    await fx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() });
    const violates = (sql: string, params: unknown[]) => expect(fx.pool.query(sql, params)).rejects.toMatchObject({ code: '23514' });
    await violates(`insert into eventstore.streams (tenant_id, stream_id, version, head_hash) values ($1, $2, 0, '\\x00')`, [
      randomUUID(),
      stream,
    ]);
    await violates(`update eventstore.streams set stream_id = $2 where stream_id = $1`, [stream, `${randomUUID()}.moved`]);
    await violates(`update eventstore.streams set tenant_id = $2 where stream_id = $1`, [stream, randomUUID()]);
    await violates(
      `insert into eventstore.events (tenant_id, stream_id, stream_version, event_id, type, schema_version, data, metadata, recorded_at, content_hash, chain_hash)
       values ($1, $2, 9, gen_random_uuid(), 'X', 1, '{}', '{}', now(), '\\x00', '\\x00')`,
      [randomUUID(), stream],
    );

    // A database installed before the trigger has the CHECK constraint instead.
    await fx.pool.query(`drop trigger streams_stream_of_tenant on eventstore.streams`);
    await fx.pool.query(`alter table eventstore.streams add constraint streams_check check (stream_id like tenant_id::text || '.%')`);
    await installEventStoreSchema(fx.db.url);
    const checks = await fx.pool.query(`select conname from pg_constraint where conrelid = 'eventstore.streams'::regclass and contype = 'c'`);
    expect(checks.rows).toEqual([]);
    const triggers = await fx.pool.query(`select tgname from pg_trigger where tgrelid = 'eventstore.streams'::regclass and not tgisinternal`);
    expect(triggers.rows).toEqual([{ tgname: 'streams_stream_of_tenant' }]);
    await violates(`update eventstore.streams set stream_id = $2 where stream_id = $1`, [stream, `${randomUUID()}.moved`]);
    await fx.store.append(tenant, stream, events(1), { expectedVersion: 1, metadata: meta() });
    expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
  });

  it('keeps idempotency results for batches, and a re-run of the schema DDL changes nothing', async () => {
    const tenant = randomUUID();
    const stream = streamOf(tenant);
    const first = await fx.store.append(tenant, stream, events(20), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'batch-1' });
    await installEventStoreSchema(fx.db.url);
    const again = await fx.store.append(tenant, stream, events(20), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'batch-1' });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(first.globalPosition).toBe((await fx.store.readStream(tenant, stream))[19].globalPosition);
    await fx.store.append(tenant, stream, events(1), { expectedVersion: 20, metadata: meta() });
    expect((await fx.store.verifyTenant(tenant)).ok).toBe(true);
  });
});
