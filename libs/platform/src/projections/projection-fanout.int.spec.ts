import { Migration } from '@mikro-orm/migrations';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { NewEvent, PostgresEventStore, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { createTestDatabase, TestDatabase } from '@workbay/eventstore/testing';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { SYSTEM_ROLE } from '../database/database-roles';
import { migrate } from '../database/migrate';
import { PLATFORM_MIGRATIONS } from '../database/migrations';
import { ormOptions } from '../database/orm-options';
import { createPool } from '../database/system-pool';
import { CHECKPOINT_CHANNEL, parseCheckpointNotices } from './checkpoint-channel';
import { PgEventWakeup } from './pg-event-wakeup';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

const N = 10;
const BATCH = 10;

class MigrationFanout extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema fanout`);
    this.addSql(`grant usage on schema fanout to ${SYSTEM_ROLE}`);
    for (let i = 0; i < N; i++) {
      this.addSql(`create table fanout.p${i} (event_id uuid primary key, type text not null)`);
      this.addSql(`grant select, insert, update, delete on fanout.p${i} to ${SYSTEM_ROLE}`);
    }
  }
}

/** Milliseconds p0 spends on each event: keeps "far behind" true however fast batched writes get. */
let p0DelayMs = 0;

/** Projection i keeps the events of its own type and the shared one. */
const projection = (i: number): Projection => ({
  name: `fanout.p${i}`,
  eventTypes: [`Type${i}`, 'Shared'],
  tables: [`fanout.p${i}`],
  async apply(em: EntityManager, event: StoredEvent) {
    if (i === 0 && p0DelayMs) await new Promise((r) => setTimeout(r, p0DelayMs));
    await em.execute(`insert into fanout.p${i} (event_id, type) values (?, ?)`, [event.eventId, event.type]);
  },
});

describe('ProjectionRunner fan-out (one read of the global stream per batch)', () => {
  const tenant = randomUUID();
  const projections = Array.from({ length: N }, (_, i) => projection(i));
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let orm: MikroORM;
  let runner: ProjectionRunner;
  let wakeup: PgEventWakeup;
  let systemUrl: string;
  let reads = 0;
  let eventsRead = 0;
  let last = 0;
  const appended: Record<string, number> = {};

  const append = async (events: NewEvent[]) => {
    const result = await store.append(tenant, streamIdFor(tenant, 'fan', randomUUID()), events, { expectedVersion: 0, metadata: { actor: 'user:spec' } });
    last = Math.max(last, result.globalPosition);
    for (const e of events) appended[e.type] = (appended[e.type] ?? 0) + 1;
    return result.globalPosition;
  };
  const checkpointOf = async (name: string) =>
    ((await pool.query(`select checkpoint from platform.projection_checkpoints where name = $1`, [name])).rows[0]?.checkpoint ?? null) as string | null;
  const isPast = async (name: string, position: number) => store.isCheckpointPast(await checkpointOf(name), position);
  const eventually = async (what: string, check: () => Promise<boolean>, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const allPast = async (position: number) => (await Promise.all(projections.map((p) => isPast(p.name, position)))).every(Boolean);
  const rows = async (i: number) => Number((await pool.query(`select count(*)::int as n from fanout.p${i}`)).rows[0].n);
  const expected = (i: number) => (appended[`Type${i}`] ?? 0) + (appended.Shared ?? 0);
  const mixed = (n: number): NewEvent[] => Array.from({ length: n }, (_, k) => ({ type: k % 11 === 10 ? 'Shared' : `Type${k % 11}`, data: { k } }));

  beforeAll(async () => {
    db = await createTestDatabase('fanout');
    await migrate(db.url, [...PLATFORM_MIGRATIONS, MigrationFanout]);
    systemUrl = Object.assign(new URL(db.url), { username: 'workbay_system' }).toString();
    pool = createPool(systemUrl, 4);
    store = new PostgresEventStore(pool);
    // Counts what the runner asks of the global stream: calls and events handed back.
    const readAll = store.readAll.bind(store);
    store.readAll = async (after, limit) => {
      const batch = await readAll(after, limit);
      reads++;
      eventsRead += batch.events.length;
      return batch;
    };
    orm = await MikroORM.init(ormOptions({ clientUrl: systemUrl, entities: [], poolMax: 4 }));
    wakeup = new PgEventWakeup(systemUrl);
    runner = new ProjectionRunner(store, orm, projections, { batchSize: BATCH, wake: wakeup, fallbackPollMs: 60_000 });
  });
  afterAll(async () => {
    await runner?.stop();
    await wakeup?.stop();
    await orm?.close(true);
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('reads each batch once for ten projections (each event read once, not once per projection)', async () => {
    for (let k = 0; k < 6; k++) await append(mixed(11));
    reads = 0;
    eventsRead = 0;
    await eventually('every projection caught up', async () => {
      await runner.catchUpAll();
      return allPast(last);
    });
    console.log(`fan-out: ${projections.length} projections, 66 events in batches of ${BATCH}: ${reads} reads, ${eventsRead} events read`);
    expect(eventsRead).toBe(66);
    for (let i = 0; i < N; i++) expect(await rows(i)).toBe(expected(i));
    const checkpoints = new Set(await Promise.all(projections.map((p) => checkpointOf(p.name))));
    expect(checkpoints.size).toBe(1);
  });

  it('moves the checkpoints of all projections with nothing in a batch in one statement', async () => {
    await append([{ type: 'Type3', data: {} }]);
    const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    let moves = 0;
    proto.query = function counted(this: object, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      const sql = typeof first === 'string' ? first : first?.text ?? '';
      if (/update platform\.projection_checkpoints/i.test(sql)) moves++;
      return original.apply(this, args);
    };
    try {
      // Retried while an older transaction elsewhere holds the read horizon back (reads find nothing, move nothing).
      await eventually('every projection caught up', async () => {
        await runner.catchUpAll();
        return allPast(last);
      });
    } finally {
      proto.query = original;
    }
    expect(await rows(3)).toBe(expected(3));
    // One batch: p3 applies it in its transaction, the nine others move together.
    expect(moves).toBe(2);
  });

  it('announces the checkpoint moves of a pass in one notice after its commits, and sends each applying projection its writes and checkpoint in one round trip', async () => {
    // One append, so both events are readable together: one batch, one pass that moves all ten.
    await append([{ type: 'Type3', data: {} }, { type: 'Type5', data: {} }]);
    await runner.announced();
    const listener = new Client({ connectionString: systemUrl });
    await listener.connect();
    const received: string[] = [];
    listener.on('notification', (n) => received.push(n.payload ?? ''));
    await listener.query(`listen ${CHECKPOINT_CHANNEL}`);
    const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    const sent: { sql: string; values: unknown[] }[] = [];
    proto.query = function counted(this: object, ...args: unknown[]) {
      const first = args[0] as string | { text?: string; values?: unknown[] };
      const sql = typeof first === 'string' ? first : first?.text ?? '';
      const values = (Array.isArray(args[1]) ? args[1] : typeof first === 'object' ? first?.values : undefined) ?? [];
      sent.push({ sql, values });
      return original.apply(this, args);
    };
    try {
      await eventually('every projection caught up', async () => {
        await runner.catchUpAll();
        return allPast(last);
      });
      await runner.announced();
    } finally {
      proto.query = original;
    }
    expect(await rows(3)).toBe(expected(3));
    expect(await rows(5)).toBe(expected(5));
    // (The event store's own wake-up for the append, eventstore_appended, is not the runner's.)
    const notices = sent.filter((q) => q.sql.includes(`pg_notify('${CHECKPOINT_CHANNEL}'`));
    expect(notices).toHaveLength(1);
    const announced = `${notices[0].sql} ${notices[0].values.join(' ')}`;
    for (const p of projections) expect(announced).toMatch(new RegExp(`["n]${p.name.replace('.', '\\.')} `));
    // ... as one notification carrying the ten moves, not one notification per projection.
    await listener.query('select 1');
    await listener.end();
    expect(received).toHaveLength(1);
    expect(parseCheckpointNotices(received[0]).map((n) => n.projection).sort()).toEqual(projections.map((p) => p.name).sort());
    // begin, lock, the event's insert and the checkpoint's update together, commit.
    for (const i of [3, 5]) {
      const writes = sent.filter((q) => q.sql.includes(`insert into fanout.p${i} `));
      expect(writes).toHaveLength(1);
      expect(writes[0].sql).toContain(`update platform.projection_checkpoints set checkpoint = `);
      expect(writes[0].sql).toContain(`where name = 'fanout.p${i}'`);
    }
    expect(sent.filter((q) => /^\s*update platform\.projection_checkpoints/i.test(q.sql))).toHaveLength(0);
  });

  it('lets a projection far behind catch up alone without holding the others back, then rejoin their reads', async () => {
    for (let k = 0; k < 4; k++) await append(mixed(110));
    await eventually('every projection caught up', async () => {
      await runner.catchUpAll();
      return allPast(last);
    });
    // p0 starts over from the beginning (as a new projection would): 506 events, 51 batches behind.
    await pool.query(`delete from fanout.p0`);
    await pool.query(`update platform.projection_checkpoints set checkpoint = null, position = 0 where name = 'fanout.p0'`);
    p0DelayMs = 5;
    await wakeup.start();
    runner.start();
    const fresh = await append([{ type: 'Type1', data: {} }]);
    await eventually('p1 has the new event', () => isPast('fanout.p1', fresh));
    // The others got it while p0 was still far behind: they did not wait for it.
    expect(await isPast('fanout.p0', fresh)).toBe(false);
    p0DelayMs = 0;
    await eventually('p0 caught up', () => isPast('fanout.p0', fresh));
    expect(await rows(0)).toBe(expected(0));
    expect(await rows(1)).toBe(expected(1));
    // Rejoined: one checkpoint for all, and new events are read once again.
    await eventually('one checkpoint for all', async () => new Set(await Promise.all(projections.map((p) => checkpointOf(p.name)))).size === 1);
    eventsRead = 0;
    await append(mixed(22));
    await eventually('every projection has the new events', () => allPast(last));
    expect(eventsRead).toBe(22);
  });

  it('rebuilds one projection to the same rows while the others run, and it rejoins them', async () => {
    const before = await rows(3);
    const total = await runner.rebuild('fanout.p3');
    expect(total).toBeGreaterThan(500);
    await append(mixed(11));
    await eventually('every projection has the new events', () => allPast(last));
    expect(await rows(3)).toBe(expected(3));
    expect(await rows(3)).toBeGreaterThan(before);
    await eventually('one checkpoint for all', async () => new Set(await Promise.all(projections.map((p) => checkpointOf(p.name)))).size === 1);
    eventsRead = 0;
    await append(mixed(11));
    await eventually('every projection has the new events', () => allPast(last));
    expect(eventsRead).toBe(11);
  });
});
