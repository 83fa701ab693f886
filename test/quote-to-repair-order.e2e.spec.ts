import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { CommandBus } from '@nestjs/cqrs';
import { PostgresEventStore } from '@workbay/eventstore';
import { processManagerRunnable, ReadModelWaiter, RequestContext } from '@workbay/platform';
import { quoteToRepairOrder } from '../libs/shop/src/repair-orders/quote-to-repair-order.process';
import { createWorker } from '../apps/worker/src/create-worker';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { until } from './support/waiting';

const WORKER = join(__dirname, '..', 'dist', 'apps', 'worker', 'src', 'main.js');
const PROCESS = 'shop.quote-to-repair-order';

function startWorkerProcess(platform: Platform): ChildProcess {
  const c = platform.config;
  return spawn(process.execPath, [WORKER], {
    env: {
      ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PROJECTION_BATCH_SIZE: '1', WORKER_METRICS_PORT: '0',
      DATABASE_URL: c.DATABASE_URL, APP_DATABASE_URL: c.APP_DATABASE_URL, SYSTEM_DATABASE_URL: c.SYSTEM_DATABASE_URL,
    },
    stdio: 'ignore',
  });
}

describe('quote approval opens the repair order (durable process manager)', () => {
  let platform: Platform;
  let db: Client;
  let shop: ShopClient;

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run compile first (npm test does)`);
    platform = await startPlatform({ worker: false, prefix: 'pm' });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    shop = await ShopClient.signup(platform);
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  const opened = async () =>
    (await db.query(`select stream_id, data, metadata from eventstore.events where tenant_id = $1 and type = 'RepairOrderOpened'`, [shop.tenantId])).rows;
  const approveTwoOfThree = async () => {
    const { quoteId } = await shop.sentQuote();
    const res = await shop.post(`/quotes/${quoteId}/approve`, { lineIds: ['line-1', 'line-3'], approvedByName: 'Asha', channel: 'phone' }).expect(200);
    return { quoteId, position: res.body.position as number };
  };
  const caughtUp = (position: number) => platform.app.get(ReadModelWaiter).waitFor(PROCESS, position, 30000);

  it('opens one repair order with exactly the approved lines and defers the declined one, caused by the approval', async () => {
    const { quoteId, position } = await approveTwoOfThree();
    const worker = await createWorker(platform.config, { idleDelayMs: 20 });
    worker.start();
    try {
      expect(await caughtUp(position)).toBe(true);
    } finally {
      await worker.close();
    }
    const [ro, ...more] = (await opened()).filter((e) => e.data.quoteId === quoteId);
    expect(more).toHaveLength(0);
    expect(ro.data.lines.map((l: { lineId: string }) => l.lineId)).toEqual(['line-1', 'line-3']);
    expect(ro.data.deferred).toEqual([expect.objectContaining({ lineId: 'line-2', followUpOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })]);
    const approval = (await db.query(`select event_id from eventstore.events where type = 'QuoteApproved' and data->>'quoteId' = $1`, [quoteId])).rows[0];
    expect(ro.metadata).toMatchObject({ actor: `system:${PROCESS}`, causationId: approval.event_id });
  });

  it('opens exactly one repair order when the approval is delivered again after its effect (crash before the checkpoint)', async () => {
    const { quoteId, position } = await approveTwoOfThree();
    const store = new PostgresEventStore(platform.config.SYSTEM_DATABASE_URL);
    const [approval] = (await store.readTenant(shop.tenantId)).filter((e) => e.type === 'QuoteApproved' && (e.data as { quoteId: string }).quoteId === quoteId);
    await store.close();
    const step = processManagerRunnable(quoteToRepairOrder, platform.app.get(CommandBus), platform.app.get(RequestContext));
    // Twice by hand (the effect landed, the checkpoint did not), then once more by the worker.
    await step.apply(undefined as never, approval);
    await step.apply(undefined as never, approval);
    const worker = await createWorker(platform.config, { idleDelayMs: 20 });
    worker.start();
    try {
      expect(await caughtUp(position)).toBe(true);
    } finally {
      await worker.close();
    }
    expect((await opened()).filter((e) => e.data.quoteId === quoteId)).toHaveLength(1);
  });

  it('opens exactly one repair order per approved quote after the worker is killed with SIGKILL mid-stream', async () => {
    const approvals: { quoteId: string; position: number }[] = [];
    for (let i = 0; i < 8; i++) approvals.push(await approveTwoOfThree());
    const mine = new Set(approvals.map((a) => a.quoteId));
    const count = async () => (await opened()).filter((e) => mine.has(e.data.quoteId)).length;

    const first = startWorkerProcess(platform);
    await until(async () => (await count()) >= 2, 'the first repair orders');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(await count()).toBeLessThan(approvals.length); // killed mid-stream, not after the end

    const second = startWorkerProcess(platform);
    try {
      await until(async () => (await count()) >= approvals.length && (await caughtUp(approvals[approvals.length - 1].position)), 'the restart to catch up');
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
    const events = (await opened()).filter((e) => mine.has(e.data.quoteId));
    expect(events).toHaveLength(approvals.length);
    expect(new Set(events.map((e) => e.stream_id)).size).toBe(approvals.length);
  });
});
