import { Migration } from '@mikro-orm/migrations';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PostgresEventStore, StoredEvent, streamIdFor } from '@workbay/eventstore';
import { createTestDatabase, TestDatabase } from '@workbay/eventstore/testing';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { SYSTEM_ROLE } from '../database/database-roles';
import { migrate } from '../database/migrate';
import { PLATFORM_MIGRATIONS } from '../database/migrations';
import { ormOptions } from '../database/orm-options';
import { createPool } from '../database/system-pool';
import { PgEventWakeup } from './pg-event-wakeup';
import { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

class MigrationGap extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema gap`);
    this.addSql(`create table gap.notes (event_id uuid primary key)`);
    this.addSql(`grant usage on schema gap to ${SYSTEM_ROLE}`);
    this.addSql(`grant select, insert, update, delete on gap.notes to ${SYSTEM_ROLE}`);
  }
}

const notes: Projection = {
  name: 'gap.notes',
  eventTypes: ['Noted'],
  tables: ['gap.notes'],
  async apply(em: EntityManager, event: StoredEvent) {
    await em.execute(`insert into gap.notes (event_id) values (?)`, [event.eventId]);
  },
};

const until = async (what: () => Promise<boolean> | boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
};

/** An append made while the listening connection is down notifies nobody: the reconnect must make up for it. */
describe('PgEventWakeup after its connection drops', () => {
  const tenant = randomUUID();
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let orm: MikroORM;
  let wakeup: PgEventWakeup;
  let runner: ProjectionRunner;
  const heard: Array<number | null> = [];

  const append = async () =>
    (await store.append(tenant, streamIdFor(tenant, 'note', randomUUID()), [{ type: 'Noted', data: {} }], { expectedVersion: 0, metadata: { actor: 'user:spec' } }))
      .globalPosition;
  const alive = async (pid: number) => (await pool.query(`select 1 from pg_stat_activity where pid = $1`, [pid])).rowCount! > 0;
  const projected = async () => Number((await pool.query(`select count(*) from gap.notes`)).rows[0].count);
  /** Drops the listening connection and returns once its backend is gone (the reconnect waits 600 ms). */
  const dropListener = async () => {
    const pid = wakeup.pid!;
    expect(pid).toBeGreaterThan(0);
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    await owner.query(`select pg_terminate_backend($1)`, [pid]);
    await owner.end();
    expect(await until(async () => !(await alive(pid)), 5_000)).toBe(true);
    return pid;
  };

  beforeAll(async () => {
    db = await createTestDatabase('wakegap');
    await migrate(db.url, [...PLATFORM_MIGRATIONS, MigrationGap]);
    const systemUrl = Object.assign(new URL(db.url), { username: 'workbay_system' }).toString();
    pool = createPool(systemUrl, 4);
    store = new PostgresEventStore(pool);
    orm = await MikroORM.init(ormOptions({ clientUrl: systemUrl, entities: [], poolMax: 2 }));
    wakeup = new PgEventWakeup(systemUrl, { reconnectDelayMs: 600, maxReconnectDelayMs: 600 });
    wakeup.subscribe((position) => heard.push(position));
    await wakeup.start();
    // Both polls a minute long: whatever lands within seconds was woken by the wake-up.
    runner = new ProjectionRunner(store, orm, [notes], { wake: wakeup, fallbackPollMs: 60_000 });
    runner.start();
    await append();
    expect(await until(async () => (await projected()) === 1, 10_000)).toBe(true);
  });
  afterAll(async () => {
    await runner?.stop();
    await wakeup?.stop();
    await orm?.close(true);
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  it('announces the head position on reconnect, not a bare "look again"', async () => {
    heard.length = 0;
    const old = await dropListener();
    const position = await append(); // nobody listens: this NOTIFY is lost
    expect(await until(() => heard.some((p) => p !== null && p >= position), 10_000)).toBe(true);
    expect(wakeup.pid).not.toBe(old);
    expect(await until(async () => (await projected()) === 2, 5_000)).toBe(true);
  });

  it('the runner reads an append from the gap even while an older transaction holds the read horizon at the reconnect', async () => {
    const before = await projected();
    // An older transaction with an xid, still open: the catch-up reader must not return anything
    // committed after it started until it ends.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query(`begin`);
    await holder.query(`select pg_current_xact_id()`);
    try {
      await dropListener();
      await append();
      // The reconnect (600 ms) and the runner's first look both happen behind the horizon.
      expect(await until(() => wakeup.listening, 5_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(await projected()).toBe(before);
    } finally {
      await holder.query(`commit`);
      await holder.end();
    }
    // Announced, so the runner keeps looking soon (not at its one-minute poll) until it has read it.
    expect(await until(async () => (await projected()) === before + 1, 3_000)).toBe(true);
  });
  it('while an older transaction holds the read horizon, looks again at its short retry, not once per notice of the appends committing meanwhile', async () => {
    const before = await projected();
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query(`begin`);
    await holder.query(`select pg_current_xact_id()`);
    const readAll = store.readAll;
    let reads = 0;
    store.readAll = async (after, limit) => {
      reads++;
      return readAll.call(store, after, limit);
    };
    heard.length = 0;
    const appends = 30;
    let elapsed = 0;
    try {
      const started = Date.now();
      for (let i = 0; i < appends; i++) await append();
      expect(await until(() => heard.length >= appends, 5_000)).toBe(true);
      elapsed = Date.now() - started;
      const looks = reads;
      // Each notice used to start a pass at once (one read each, all empty behind the horizon);
      // now the looks follow the retry (5, 10, 20, 40, then every 50 ms) whatever the notices.
      expect(looks).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 6);
      expect(looks).toBeLessThan(appends);
      expect(await projected()).toBe(before);
    } finally {
      await holder.query(`commit`);
      await holder.end();
      store.readAll = readAll;
    }
    // Still announced and unread: the runner keeps retrying soon and reads them once the horizon moves.
    expect(await until(async () => (await projected()) === before + appends, 3_000)).toBe(true);
  });
});
