import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { killChild, startWorkerChild } from './support/child-process';
import { Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { requestReminder } from './support/timer-fixtures';
import { until } from './support/waiting';

const CHILD = join(__dirname, 'support', 'timer-worker.child.ts');

/** A worker process running the test's reminder process manager; resolves once it has started. */
const startWorkerProcess = (platform: Platform): Promise<ChildProcess> => startWorkerChild(platform, CHILD, { TIMER_SWEEP_INTERVAL_MS: '200', TIMER_SWEEP_AFTER_MS: '500' });
const kill = killChild;

describe('process timers across a worker crash', () => {
  let platform: Platform;
  let db: Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ worker: false });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    for (const child of children) await kill(child, 'SIGTERM');
    await db?.end();
    await platform?.close();
  });

  it('runs each timer command exactly once when the worker is killed with SIGKILL around the due time and restarted', async () => {
    const tenantId = (await ShopClient.signup(platform)).tenantId;
    const store = platform.app.get<EventStore>(EVENT_STORE);
    const first = await startWorkerProcess(platform);
    children.push(first);
    // Due one after another around the kill: some fire before it, one may be mid-fire, some after.
    const due = Date.now() + 1500;
    const ids = Array.from({ length: 8 }, (_, i) => `crash-${i}`);
    for (const [i, id] of ids.entries()) await requestReminder(store, tenantId, id, new Date(due + i * 60));
    const statuses = async () => (await db.query(
      `select s.instance_id, t.status from platform.process_states s join platform.timers t on t.timer_id = s.state->>'timerId' where s.process_name = 'test.reminders'`,
    )).rows as { instance_id: string; status: string }[];
    await until(async () => (await statuses()).length === ids.length, 'the timer rows');
    // Killed as soon as the first timer has fired: the next ones are due or being fired then.
    await until(async () => (await statuses()).some((t) => t.status === 'fired'), 'the first timer to fire');
    await kill(first, 'SIGKILL');
    const atKill = await statuses();

    children.push(await startWorkerProcess(platform));
    await until(async () => (await statuses()).every((t) => t.status === 'fired'), 'every timer to fire after the restart', 40000);
    await new Promise((r) => setTimeout(r, 1000)); // a few more sweeps: nothing fires again
    const { rows } = await db.query(
      `select stream_id, count(*)::int as n, array_agg(distinct metadata->>'commandId') as keys from eventstore.events where tenant_id = $1 and type = 'BellRung' group by stream_id`,
      [tenantId],
    );
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) {
      expect(row.n).toBe(1);
      expect(row.keys[0]).toMatch(/^reminder-/);
    }
    // The kill fell among the due times, not after the last of them.
    expect(atKill.filter((t) => t.status === 'scheduled').length).toBeGreaterThan(0);
  });
});
