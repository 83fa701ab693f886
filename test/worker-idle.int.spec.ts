import { PostgresEventStore, streamIdFor } from '@workbay/eventstore';
import { TestDatabase } from '@workbay/eventstore/testing';
import { createMigratedTestDatabase } from '@workbay/platform/testing';
import { SHOP } from '@workbay/shop';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { ALL_MIGRATIONS } from '../apps/cli/src/migrations';
import { createWorker, Worker } from '../apps/worker/src/create-worker';
import { configFor, dropQueues } from './support/platform-harness';

/**
 * Every SQL statement any pg client of this process sends to the test's database (the worker's
 * ORM pool, its system pool, the event store): counted at the client, so other test files on the
 * same server do not count.
 */
function countQueries(database: string) {
  const counts = new Map<string, number>();
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: any[]) {
    if ((this as unknown as { database?: string }).database === database) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? args[0]?.name ?? '?');
      const key = String(text).replace(/\s+/g, ' ').slice(0, 70);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return (original as any).apply(this, args);
  } as typeof Client.prototype.query;
  return {
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    reset: () => counts.clear(),
    top: () => [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8),
    restore: () => {
      Client.prototype.query = original;
    },
  };
}

describe('worker at rest', () => {
  let db: TestDatabase;
  let worker: Worker | undefined;
  let counter: ReturnType<typeof countQueries>;
  let config: ReturnType<typeof configFor>;

  beforeAll(async () => {
    db = await createMigratedTestDatabase('idle', ALL_MIGRATIONS);
    // The sweepers at their production intervals (the e2e harness runs them every 200 ms).
    config = configFor(db.url, { WEBHOOK_SWEEP_INTERVAL_MS: '30000', AUDIT_OUTBOX_SWEEP_INTERVAL_MS: '10000' });
    counter = countQueries(db.name);
    worker = await createWorker(config);
    worker.start();
  });
  afterAll(async () => {
    counter?.restore();
    await worker?.close();
    await dropQueues(config);
    await db?.drop();
  });

  it('makes at most a few queries per second with nothing to do, and still wakes at once on a new event', async () => {
    await new Promise((r) => setTimeout(r, 1_500)); // start-up: first passes, LISTEN
    counter.reset();
    const seconds = 4;
    await new Promise((r) => setTimeout(r, seconds * 1_000));
    const perSecond = counter.total() / seconds;
    console.log(`idle worker: ${perSecond.toFixed(1)} queries/s`, counter.top());
    expect(perSecond).toBeLessThanOrEqual(3);

    // Woken by the append's NOTIFY, not by its 5 s fallback poll.
    const pool = new Pool({ connectionString: config.SYSTEM_DATABASE_URL, max: 1 });
    const store = new PostgresEventStore(pool);
    try {
      const tenant = randomUUID();
      const appendedAt = Date.now();
      const { globalPosition } = await store.append(tenant, streamIdFor(tenant, 'idle', randomUUID()), [{ type: 'NothingProjected', data: {} }], {
        expectedVersion: 0,
        metadata: { actor: 'user:spec' },
      });
      const name = SHOP.projections[0].name;
      for (;;) {
        const { rows } = await pool.query(`select checkpoint from platform.projection_checkpoints where name = $1`, [name]);
        if (await store.isCheckpointPast(rows[0]?.checkpoint ?? null, globalPosition)) break;
        if (Date.now() - appendedAt > 10_000) throw new Error('the worker never read the new event');
        await new Promise((r) => setTimeout(r, 5));
      }
      const ms = Date.now() - appendedAt;
      console.log(`idle worker woke and committed a new event after ${ms} ms`);
      expect(ms).toBeLessThan(1_000);
    } finally {
      await store.close();
      await pool.end();
    }
  });
});
