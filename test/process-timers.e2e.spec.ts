import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import { Client } from 'pg';
import { createWorker, Worker } from '../apps/worker/src/create-worker';
import { configFor, dropQueues, Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { BellModule, reminders, requestReminder, withdrawReminder } from './support/timer-fixtures';
import { until } from './support/waiting';

/** A stateful process manager's durable timers against real Postgres and Redis, in one worker built for the test. */
describe('process timers', () => {
  let platform: Platform;
  let worker: Worker;
  let db: Client;
  let store: EventStore;
  let tenantId: string;
  const config = () => configFor(platform.config.DATABASE_URL, { TIMER_SWEEP_INTERVAL_MS: '200', TIMER_SWEEP_AFTER_MS: '500' });

  const timer = async (reminderId: string) =>
    (await db.query(`select t.* from platform.timers t join platform.process_states s on s.state->>'timerId' = t.timer_id where s.instance_id = $1`, [reminderId])).rows[0];
  const rings = async (bellId: string) =>
    (await db.query(`select metadata from eventstore.events where tenant_id = $1 and stream_id = $2 and type = 'BellRung'`, [tenantId, `${tenantId}.test-bell-${bellId}`])).rows;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    platform = await startPlatform({ worker: false });
    tenantId = (await ShopClient.signup(platform)).tenantId;
    worker = await createWorker(config(), { idleDelayMs: 20, processes: [reminders], modules: [BellModule] });
    worker.start();
    store = worker.app.get<EventStore>(EVENT_STORE);
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await worker?.close();
    await platform?.close();
  });

  it('fires a due timer exactly once, in its tenant as system:<process>, and a lost "fired" mark re-fires to the same effect', async () => {
    // Due well after the process has written the row: the worker runs every context's processes too.
    await requestReminder(store, tenantId, 'r-once', new Date(Date.now() + 3000));
    await until(async () => (await timer('r-once')) !== undefined, 'the timer row');
    expect((await timer('r-once')).status).toBe('scheduled');
    expect(await rings('r-once')).toHaveLength(0);
    await until(async () => (await timer('r-once')).status === 'fired', 'the timer to fire');
    const [ring] = await rings('r-once');
    expect(ring.metadata).toMatchObject({ actor: 'system:test.reminders', commandId: (await timer('r-once')).timer_id });

    // As if the worker died between the append and the mark: the sweeper fires it again, and the
    // command under the timer id's key appends nothing new.
    await db.query(`update platform.timers set status = 'scheduled', fired_at = null where timer_id = $1`, [(await timer('r-once')).timer_id]);
    await until(async () => (await timer('r-once')).status === 'fired', 'the re-fire');
    await pause(800);
    expect(await rings('r-once')).toHaveLength(1);
  });

  it('never fires a cancelled timer, though its delayed job is still in Redis', async () => {
    const dueAt = Date.now() + 4000;
    await requestReminder(store, tenantId, 'r-cancel', new Date(dueAt));
    await until(async () => (await timer('r-cancel')) !== undefined, 'the timer row');
    const queue = await worker.timerQueue.ready();
    expect(await queue.getJob((await timer('r-cancel')).timer_id)).toBeDefined();
    await withdrawReminder(store, tenantId, 'r-cancel');
    await until(async () => (await timer('r-cancel')).status === 'cancelled', 'the cancellation');
    await pause(Math.max(0, dueAt - Date.now()) + 1500); // past the due time and several sweeps
    expect((await timer('r-cancel')).status).toBe('cancelled');
    expect(await rings('r-cancel')).toHaveLength(0);
  });

  it('still fires a timer whose BullMQ job Redis lost before it was due (the sweeper)', async () => {
    await requestReminder(store, tenantId, 'r-lost', new Date(Date.now() + 1000));
    await until(async () => (await timer('r-lost')) !== undefined, 'the timer row');
    await dropQueues(config());
    await until(async () => (await timer('r-lost')).status === 'fired', 'the swept timer to fire', 20000);
    expect(await rings('r-lost')).toHaveLength(1);
  });
});
