import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, NewEvent, streamIdFor } from '@workbay/eventstore';
import { Client } from 'pg';
import { killChild, startWorkerChild } from './support/child-process';
import { Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

/** Big enough that a run lasts well past the moment the test sees it running. */
const STREAMS = 8_000;
const PER_STREAM = 5;

const startWorkerProcess = (platform: Platform): Promise<ChildProcess> => startWorkerChild(platform, join(__dirname, 'support', 'worker.child.ts'), { VERIFICATION_LOCK_MS: '2000', VERIFICATION_STALE_AFTER_MS: '4000', VERIFICATION_SWEEP_INTERVAL_MS: '500' });
const kill = killChild;

describe('audit: a verification run across a worker SIGKILL', () => {
  let platform: Platform;
  let db: Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'auditcrash' });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    for (const child of children) await kill(child, 'SIGTERM');
    await db?.end();
    await platform?.close();
  });

  it('is retried by the next worker and ends done with the whole report, not running forever', async () => {
    const owner = await ShopClient.signup(platform, 'Killed Worker Motors');
    const auditor = await owner.invite(['auditor']);
    const store = platform.app.get<EventStore>(EVENT_STORE);
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      for (let i = next++; i < STREAMS; i = next++) {
        const events: NewEvent[] = Array.from({ length: PER_STREAM }, (_, k) => ({ type: 'Noted', data: { i, k, note: `note ${i}.${k}` } }));
        await store.append(owner.tenantId, streamIdFor(owner.tenantId, 'note', randomUUID()), events, { expectedVersion: 0, metadata: { actor: 'test' } });
      }
    }));

    const first = await startWorkerProcess(platform);
    children.push(first);
    const started = await auditor.post('/audit/verifications', {}).expect(202);
    const row = async () => (await db.query(`select status, attempts from platform.audit_verifications where id = $1`, [started.body.id])).rows[0];
    const deadline = Date.now() + 30_000;
    while ((await row()).status !== 'running') {
      if (Date.now() > deadline) throw new Error('the run never started');
      await new Promise((r) => setTimeout(r, 10));
    }
    await kill(first, 'SIGKILL');
    // Killed mid-run: nothing finished it, and nothing will but another worker.
    expect(await row()).toEqual({ status: 'running', attempts: 1 });

    children.push(await startWorkerProcess(platform));
    const until = Date.now() + 60_000;
    let run: { status: string; attempts: number; report: { ok: boolean; eventsChecked: number } | null };
    for (;;) {
      run = (await auditor.get(started.headers.location).expect(200)).body;
      if (run.status === 'done' || run.status === 'failed' || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run).toMatchObject({ status: 'done', report: { ok: true } });
    expect(run.attempts).toBeGreaterThanOrEqual(2);
    expect(run.report!.eventsChecked).toBeGreaterThanOrEqual(STREAMS * PER_STREAM);
  });
});
