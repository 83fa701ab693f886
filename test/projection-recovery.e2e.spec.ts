import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { SHOP } from '@workbay/shop';
import { createWorker } from '../apps/worker/src/create-worker';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { until } from './support/waiting';

const WORKER = join(__dirname, '..', 'dist', 'apps', 'worker', 'src', 'main.js');
const TABLES = ['shop.customers', 'shop.vehicles', 'shop.quotes', 'shop.quote_lines', 'shop.locations', 'shop.canned_jobs',
  'shop.repair_orders', 'shop.repair_order_lines', 'shop.repair_order_clock',
  'shop.households', 'shop.vehicle_history_vehicles', 'shop.vehicle_service_visits',
  'shop.dashboard_location_timezones', 'shop.dashboard_quotes', 'shop.dashboard_repair_orders', 'shop.dashboard_repair_order_lines'];

function startWorkerProcess(platform: Platform): ChildProcess {
  const c = platform.config;
  return spawn(process.execPath, [WORKER], {
    env: {
      ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PROJECTION_BATCH_SIZE: '7', WORKER_METRICS_PORT: '0',
      DATABASE_URL: c.DATABASE_URL, APP_DATABASE_URL: c.APP_DATABASE_URL, SYSTEM_DATABASE_URL: c.SYSTEM_DATABASE_URL,
    },
    stdio: 'ignore',
  });
}

async function snapshot(db: Client): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = (await db.query(`select * from ${table} order by 1, 2, 3`)).rows;
  return out;
}

describe('projection recovery', () => {
  let platform: Platform;
  let db: Client;

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first (npm test does)`);
    platform = await startPlatform({ worker: false });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it('leaves read models identical to a full rebuild after the worker is killed with SIGKILL mid-projection', async () => {
    const shop = await ShopClient.signup(platform);
    for (let i = 0; i < 12; i++) {
      const { quoteId, customerId } = await shop.sentQuote();
      if (i % 4 === 1) {
        await shop.post(`/quotes/${quoteId}/revise`, { lines: [{ kind: 'labor', description: 'Diagnose', quantity: 1, unitPriceMinor: 90000, taxable: true }] }).expect(200);
        await shop.post(`/quotes/${quoteId}/send`, { channel: 'email' }).expect(200);
      }
      if (i % 3 === 0) {
        const household = await shop.post('/households', { name: `Family ${i}` }).expect(201);
        await shop.post(`/households/${household.body.id}/members/${customerId}`, {}).expect(200);
      }
      if (i % 2 === 0) await shop.post(`/quotes/${quoteId}/approve`, { lineIds: ['line-2'], approvedByName: 'A', channel: 'sms' }).expect(200);
      else if (i % 3 === 0) await shop.post(`/quotes/${quoteId}/decline`, { channel: 'email', reason: 'too expensive' }).expect(200);
    }
    const address = { line1: '1 MG Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560001', country: 'IN' };
    for (let i = 0; i < 3; i++) {
      const { body } = await shop.post('/locations', {
        name: `Branch ${i}`, address, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
      }).expect(201);
      if (i === 1) await shop.patch(`/locations/${body.id}`, { name: 'Branch One' }).expect(200);
      if (i === 2) await shop.post(`/locations/${body.id}/close`, { reason: 'merged' }).expect(200);
    }
    const job = { name: 'Oil change', description: 'Drain, refill, new filter', parts: [{ description: 'Oil filter', quantity: 1, unitPriceMinor: 45000, taxable: true }] };
    for (let i = 0; i < 3; i++) {
      const { body } = await shop.post('/canned-jobs', { ...job, name: `${job.name} ${i}` }).expect(201);
      if (i === 1) await shop.put(`/canned-jobs/${body.id}`, { ...job, labor: [{ description: 'Drain', hours: 0.5, laborRateMinor: 100000, taxable: true }] }).expect(200);
      if (i === 2) await shop.post(`/canned-jobs/${body.id}/retire`, { reason: 'no longer offered' }).expect(200);
    }
    const head = Number((await db.query(`select max(global_position) as p from eventstore.events`)).rows[0].p);
    const position = async (name: string) =>
      Number((await db.query(`select position from platform.projection_checkpoints where name = $1`, [name])).rows[0]?.position ?? 0);

    const first = startWorkerProcess(platform);
    await until(async () => (await position('shop.quote-board')) > 0, 'the first batches');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const reached = await position('shop.quote-board');
    expect(reached).toBeLessThan(head); // killed mid-stream, not after the end

    const second = startWorkerProcess(platform);
    try {
      // Approvals open repair orders through the process manager, after `head`: once it has passed
      // `head`, those events exist, and the read models must reach the head as it is then.
      await until(async () => (await position('shop.quote-to-repair-order')) >= head, 'the quote-to-repair-order process to pass the head');
      const finalHead = Number((await db.query(`select max(global_position) as p from eventstore.events`)).rows[0].p);
      await until(async () => {
        // One connection: ask one after the other.
        for (const p of SHOP.projections) if ((await position(p.name)) < finalHead) return false;
        return true;
      }, 'the restarted worker to catch up');
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
    const afterRecovery = await snapshot(db);
    expect(afterRecovery['shop.quotes']).toHaveLength(12);
    expect(afterRecovery['shop.locations']).toHaveLength(3);
    expect(afterRecovery['shop.canned_jobs']).toHaveLength(3);
    expect(afterRecovery['shop.repair_orders']).toHaveLength(6); // one per approved quote
    expect(afterRecovery['shop.repair_order_lines']).toHaveLength(6);

    const worker = await createWorker(platform.config);
    try {
      for (const p of SHOP.projections) await worker.runner.rebuild(p.name);
    } finally {
      await worker.close();
    }
    expect(await snapshot(db)).toEqual(afterRecovery);
  });
});
