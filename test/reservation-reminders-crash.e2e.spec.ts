import { EVENT_STORE, EventStore } from '@workbay/eventstore';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { killChild, startWorkerChild } from './support/child-process';
import { Platform, startPlatform } from './support/platform-harness';
import { minutesFromNow, reserveAsGuest, setReminderOffsets } from './support/reservation-events';
import { ShopClient } from './support/shop-client';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { until } from './support/waiting';

const WORKER = join(__dirname, 'support', 'worker.child.ts');

/**
 * The real worker (every context) in a child process, SIGKILLed after reservation reminders were
 * scheduled and before they were due: after a restart each reminder is mailed exactly once and recorded exactly once.
 */
describe('reservation reminders across a worker killed with SIGKILL', () => {
  let platform: Platform;
  let smtp: SmtpSink;
  let db: Client;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    platform = await startPlatform({ prefix: 'remindcrash', worker: false, config: { SMTP_URL: smtp.url, MAIL_FROM: 'Workbay <book@workbay.test>' } });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    for (const child of children) await killChild(child, 'SIGTERM');
    await db?.end();
    await platform?.close();
    await smtp?.close();
  });

  const worker = () => startWorkerChild(platform, WORKER, {
    SMTP_URL: smtp.url, MAIL_FROM: 'Workbay <book@workbay.test>', TIMER_SWEEP_INTERVAL_MS: '200', TIMER_SWEEP_AFTER_MS: '500',
    NOTIFICATION_SWEEP_INTERVAL_MS: '200', NOTIFICATION_SWEEP_AFTER_MS: '1000',
  });

  it('mails each reminder exactly once when the worker was killed before they were due and restarted', async () => {
    const tenantId = (await ShopClient.signup(platform, 'Crash Salon')).tenantId;
    const store = platform.app.get<EventStore>(EVENT_STORE);
    await setReminderOffsets(store, tenantId, [1]);
    const first = await worker();
    children.push(first);
    // Due one after another from 6 s on: the kill falls before the first (a loaded box takes seconds to write them and start the worker).
    const guests = Array.from({ length: 8 }, (_, i) => `guest${i}.${Date.now()}@example.com`);
    const reservations: string[] = [];
    for (const [i, email] of guests.entries()) reservations.push(await reserveAsGuest(store, tenantId, minutesFromNow(1, 6000 + i * 400), email));
    const statuses = async () => (await db.query(
      `select status from platform.timers where tenant_id = $1 and process_name = 'scheduling.reservation-reminders'`, [tenantId],
    )).rows.map((r) => r.status as string);
    await until(async () => (await statuses()).length === guests.length, 'the reminder timers');
    // Killed with every reminder written and none due yet; they fall due while no worker runs or as the next one starts.
    await killChild(first, 'SIGKILL');
    const atKill = await statuses();

    children.push(await worker());
    await until(async () => (await statuses()).every((s) => s === 'fired'), 'every reminder to fire after the restart', 40000);
    await until(async () => guests.every((g) => smtp.mails.some((m) => m.to.includes(g))), 'every reminder mail', 40000);
    await new Promise((r) => setTimeout(r, 1500)); // more sweeps: nothing is sent again
    for (const guest of guests) expect(smtp.mails.filter((m) => m.to.includes(guest))).toHaveLength(1);
    const { rows } = await db.query(
      `select data->>'reservationId' as id, count(*)::int as n from eventstore.events where tenant_id = $1 and type = 'ReservationReminderSent' group by 1`, [tenantId],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([...reservations].sort());
    for (const row of rows) expect(row.n).toBe(1);
    expect(atKill).toEqual(guests.map(() => 'scheduled'));
  });
});
