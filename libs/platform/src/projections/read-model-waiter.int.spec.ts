import { Migration } from '@mikro-orm/migrations';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PostgresEventStore, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { createTestDatabase, TestDatabase } from '@workbay/eventstore/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { SYSTEM_ROLE } from '../database/database-roles';
import { migrate } from '../database/migrate';
import { PLATFORM_MIGRATIONS } from '../database/migrations';
import { ormOptions } from '../database/orm-options';
import { createPool } from '../database/system-pool';
import { PgEventWakeup } from './pg-event-wakeup';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModelWaiter } from './read-model-waiter';

class MigrationNotes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema ryw`);
    this.addSql(`create table ryw.notes (event_id uuid primary key)`);
    this.addSql(`grant usage on schema ryw to ${SYSTEM_ROLE}`);
    this.addSql(`grant select, insert, update, delete on ryw.notes to ${SYSTEM_ROLE}`);
  }
}

const NAME = 'ryw.notes';
const notes: Projection = {
  name: NAME,
  eventTypes: ['Noted'],
  tables: ['ryw.notes'],
  async apply(em: EntityManager, event: StoredEvent) {
    await em.execute(`insert into ryw.notes (event_id) values (?)`, [event.eventId]);
  },
};

/** Both fallback polls are a minute long: whatever resolves within seconds was woken by a notification. */
const NEVER_MS = 60_000;

describe('ReadModelWaiter (read-your-writes woken by the checkpoint NOTIFY)', () => {
  const tenant = randomUUID();
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let orm: MikroORM;
  let runner: ProjectionRunner;
  let wakeup: PgEventWakeup;
  let waiter: ReadModelWaiter;
  let waiterPool: Pool;
  let waiterStore: PostgresEventStore;
  /** Statements the waiter sent (its own pool and store): a poller sends several per wait. */
  let waiterQueries = 0;
  let committedAt = 0;

  const append = async () =>
    (await store.append(tenant, streamIdFor(tenant, 'note', randomUUID()), [{ type: 'Noted', data: {} }], { expectedVersion: 0, metadata: { actor: 'user:spec' } }))
      .globalPosition;
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1];
  const listenerPid = async (channel: string) =>
    Number((await pool.query(`select pid from pg_stat_activity where datname = current_database() and query = $1`, [`listen ${channel}`])).rows[0]?.pid ?? 0);

  beforeAll(async () => {
    db = await createTestDatabase('ryw');
    await migrate(db.url, [...PLATFORM_MIGRATIONS, MigrationNotes]);
    const systemUrl = Object.assign(new URL(db.url), { username: 'workbay_system' }).toString();
    pool = createPool(systemUrl, 4);
    store = new PostgresEventStore(pool);
    orm = await MikroORM.init(ormOptions({ clientUrl: systemUrl, entities: [], poolMax: 2 }));
    wakeup = new PgEventWakeup(systemUrl);
    await wakeup.start();
    runner = new ProjectionRunner(store, orm, [notes], { wake: wakeup, fallbackPollMs: NEVER_MS, onBatch: () => (committedAt = Date.now()) });
    runner.start();
    waiterPool = createPool(systemUrl, 2);
    const query = waiterPool.query.bind(waiterPool) as (...args: unknown[]) => unknown;
    waiterPool.query = ((...args: unknown[]) => {
      waiterQueries++;
      return query(...args);
    }) as typeof waiterPool.query;
    waiterStore = new PostgresEventStore(waiterPool);
    waiter = new ReadModelWaiter(waiterStore, waiterPool, { listenUrl: systemUrl, fallbackPollMs: NEVER_MS });
    // Warm up: the first wait opens the listening connection.
    expect(await waiter.waitFor(NAME, await append(), 10_000)).toBe(true);
  });
  afterAll(async () => {
    await waiter?.onModuleDestroy();
    await runner?.stop();
    await wakeup?.stop();
    await waiterStore?.close();
    await waiterPool?.end();
    await orm?.close(true);
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('returns as soon as the projection commits the awaited position: woken by the notice, not by polling', async () => {
    const afterCommit: number[] = [];
    const afterAppend: number[] = [];
    waiterQueries = 0;
    const waits = 40;
    for (let i = 0; i < waits; i++) {
      const appendedAt = Date.now();
      const position = await append();
      expect(await waiter.waitFor(NAME, position, 10_000)).toBe(true);
      const resolvedAt = Date.now();
      afterCommit.push(resolvedAt - committedAt);
      afterAppend.push(resolvedAt - appendedAt);
    }
    const sorted = [...afterCommit].sort((a, b) => a - b);
    console.log(
      `read-your-writes over ${waits} waits: after the commit p50 ${sorted[waits / 2]} ms, p90 ${sorted[Math.ceil(waits * 0.9) - 1]} ms, p99 ${p99(afterCommit)} ms; ` +
        `after the append p50 ${[...afterAppend].sort((a, b) => a - b)[waits / 2]} ms, p99 ${p99(afterAppend)} ms; ${(waiterQueries / waits).toFixed(1)} waiter queries per wait`,
    );
    // The first check (checkpoint + isCheckpointPast) and one isCheckpointPast per notice; a poll
    // every 10-100 ms would send two statements per round.
    expect(waiterQueries / waits).toBeLessThanOrEqual(4);
    // p90, not p99: 40 samples on a shared 2-core machine; the p99 is printed above.
    expect(sorted[Math.ceil(waits * 0.9) - 1]).toBeLessThan(50);
  });

  it('still gives up after the timeout when the position is not reached', async () => {
    const started = Date.now();
    expect(await waiter.waitFor(NAME, (await append()) + 1_000_000, 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps waking after both listening connections are terminated (they reconnect)', async () => {
    const worker = await listenerPid('eventstore_appended');
    const api = await listenerPid('workbay_projection_checkpoint');
    expect(worker).toBeGreaterThan(0);
    expect(api).toBeGreaterThan(0);
    const owner = new Pool({ connectionString: db.url, max: 1 });
    await owner.query(`select pg_terminate_backend(pid) from unnest($1::int[]) pid`, [[worker, api]]);
    await owner.end();
    const started = Date.now();
    expect(await waiter.waitFor(NAME, await append(), 10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await listenerPid('eventstore_appended')).not.toBe(worker);
  });
});
