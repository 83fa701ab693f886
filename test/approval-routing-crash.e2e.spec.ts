import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { killChild, startWorkerChild } from './support/child-process';
import { Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { until } from './support/waiting';

const CHILD = join(__dirname, 'support', 'worker.child.ts');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue #12: a worker killed with SIGKILL between two gates, and again just before a due
 * escalation, neither skips nor repeats a gate or a notification after restart. The worker (every
 * context, hence the routing saga, its timers and the notification delivery) runs as a child
 * process; the API runs here; e-mail goes to a real SMTP sink.
 */
describe('approval routing across worker crashes', () => {
  let platform: Platform;
  let smtp: SmtpSink;
  let db: Client;
  let owner: ShopClient;
  let requester: ShopClient;
  let manager: ShopClient;
  let ra: ShopClient;
  let ceo: ShopClient;
  let worker: ChildProcess | undefined;
  const emails = new Map<string, string>();

  const startWorker = async () => {
    worker = await startWorkerChild(platform, CHILD, {
      SMTP_URL: smtp.url, MAIL_FROM: 'Workbay <approvals@workbay.test>', TIMER_SWEEP_INTERVAL_MS: '200', TIMER_SWEEP_AFTER_MS: '500',
      NOTIFICATION_SWEEP_INTERVAL_MS: '200', NOTIFICATION_SWEEP_AFTER_MS: '1500',
    });
  };
  const killWorker = async () => {
    if (worker) await killChild(worker, 'SIGKILL');
    worker = undefined;
  };
  const mails = (user: ShopClient, subject: string) => smtp.mails.filter((m) => m.to.includes(emails.get(user.userId)!) && m.raw.includes(`Subject: ${subject}`));
  /**
   * The distinct notifications behind those mails. A worker killed after the SMTP server took a
   * message but before its delivery committed sends it again after the restart (at least once):
   * the copy carries the same notification id and Message-ID, so it is one notification.
   */
  const notices = (user: ShopClient, subject: string) => [...new Set(mails(user, subject).map((m) => /^Workbay-Notification-Id: (\S+)/im.exec(m.raw)?.[1] ?? m.raw))];
  const keyCounts = async (pattern: string) =>
    (await db.query(`select key, count(*)::int as n from platform.notifications where tenant_id = $1 and key like $2 group by key order by key`, [owner.tenantId, pattern])).rows as { key: string; n: number }[];
  const events = async (requestId: string, type: string) =>
    (await db.query(`select data from eventstore.events where tenant_id = $1 and stream_id = $2 and type = $3 order by stream_version`, [owner.tenantId, `${owner.tenantId}.approval-request-${requestId}`, type])).rows.map((r) => r.data);
  const submit = async (type: string, title: string) =>
    (await requester.post('/approvals/requests', { type, title, amount: { amountMinor: 500_000, currency: 'INR' } }).expect(201)).body.id as string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    platform = await startPlatform({ worker: false, prefix: 'apprcrash', config: { SMTP_URL: smtp.url } });
    await startWorker();
    owner = await ShopClient.signup(platform, 'Crash Motors');
    [requester, manager, ra, ceo] = await Promise.all([
      owner.invite(['service_advisor'], { name: 'Sita Requester' }), owner.invite(['manager'], { name: 'Mohan Manager' }),
      owner.invite(['revenue_assurance'], { name: 'Rekha RA' }), owner.invite(['ceo'], { name: 'Chitra CEO' }),
    ]);
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    for (const row of (await db.query(`select id, email from platform.users where tenant_id = $1`, [owner.tenantId])).rows) emails.set(row.id, row.email);
    await until(async () => (await owner.get('/approvals/policies/asset')).body.current?.version === 1, 'the seeded policies');
  }, 120_000);
  afterAll(async () => {
    await killWorker();
    await db?.end();
    await platform?.close();
    await smtp?.close();
  });

  it('sends one notification per gate when the worker is killed between gates and restarted', async () => {
    await owner.post('/approvals/policies/asset', {
      gates: [
        { gateId: 'manager', name: 'Manager', decider: { role: 'manager' } },
        { gateId: 'ra', name: 'Revenue Assurance', decider: { role: 'revenue_assurance' } },
        { gateId: 'ceo', name: 'CEO', decider: { role: 'ceo' } },
      ],
    }).expect(201);
    const titles = Array.from({ length: 6 }, (_, i) => `Asset ${i + 1}`);
    const ids = await Promise.all(titles.map((title) => submit('asset', title)));
    await until(async () => titles.every((t) => mails(manager, `Approval needed: ${t}`).length === 1), 'the gate-1 notices');

    // Gate 1 decided for all; the worker dies while it routes them to gate 2.
    await Promise.all(ids.map((id) => manager.post(`/approvals/requests/${id}/approve`, {}).expect(200)));
    await killWorker();
    const atFirstKill = (await keyCounts('approval:%:1:1:opened:%')).length;
    await startWorker();
    await until(async () => titles.every((t) => mails(ra, `Approval needed: ${t}`).length >= 1), 'the gate-2 notices after the restart', 90_000);

    // Gate 2 decided for all; killed again at once, restarted.
    await Promise.all(ids.map((id) => ra.post(`/approvals/requests/${id}/approve`, {}).expect(200)));
    await pause(150);
    await killWorker();
    await startWorker();
    await until(async () => titles.every((t) => mails(ceo, `Approval needed: ${t}`).length >= 1), 'the gate-3 notices after the restart', 90_000)
      .catch(async (error) => {
        const { rows } = await db.query(`select key, status from platform.notifications where tenant_id = $1 and key like 'approval:%:1:2:opened:%'`, [owner.tenantId]);
        throw new Error(`${error.message}; gate-3 notifications: ${JSON.stringify(rows)}; gate-3 openings: ${JSON.stringify(await Promise.all(ids.map((id) => events(id, 'ApprovalGateOpened'))))}`);
      });
    await pause(2000); // several delivery sweeps: no second notification of a gate

    for (const [user, gate] of [[manager, 0], [ra, 1], [ceo, 2]] as const) {
      for (const title of titles) expect(notices(user, `Approval needed: ${title}`)).toHaveLength(1);
      const keys = await keyCounts(`approval:%:1:${gate}:opened:%`);
      expect(keys).toHaveLength(ids.length);
      expect(keys.every((k) => k.n === 1 && k.key.endsWith(`:${user.userId}`))).toBe(true);
    }
    for (const id of ids) expect((await events(id, 'ApprovalGateOpened')).map((d) => d.gateIndex)).toEqual([0, 1, 2]);
    // The first kill fell before the worker had told every request's second gate.
    expect(atFirstKill).toBeLessThan(ids.length);
  }, 240_000);

  it('fires a due escalation exactly once when the worker is killed just before it and restarted after', async () => {
    // 0.001 h = 3.6 s to the reminder, 7.2 s to the escalation.
    await owner.post('/approvals/policies/subscription', {
      gates: [{ gateId: 'manager', name: 'Manager', decider: { role: 'manager' }, deadlineHours: 0.001, escalateTo: { userId: ceo.userId } }],
    }).expect(201);
    const id = await submit('subscription', 'Diagnostics subscription');
    const [opened] = await events(id, 'ApprovalGateOpened').then(async (rows) => (rows.length ? rows : (await until(async () => (await events(id, 'ApprovalGateOpened')).length > 0, 'the opened gate'), events(id, 'ApprovalGateOpened'))));
    const escalateAt = Date.parse(opened.dueAt) * 2 - Date.parse(opened.openedAt);
    await until(async () => mails(manager, 'Reminder: approval overdue for Diagnostics subscription').length === 1, 'the reminder', 30_000);
    const untilEscalation = escalateAt - Date.now();
    expect(untilEscalation).toBeGreaterThan(500);
    await pause(untilEscalation - 400);
    await killWorker();
    expect(await events(id, 'ApprovalGateEscalated')).toHaveLength(0);
    await pause(Math.max(0, escalateAt - Date.now()) + 1000); // the escalation is due while no worker runs
    await startWorker();

    await until(async () => mails(ceo, 'Escalated to you: Diagnostics subscription').length === 1, 'the escalation notice after the restart', 60_000);
    // The escalated gate is the CEO's to decide now, at once (the escalation gave the CEO the
    // deadline again: 3.6 s to a reminder, 7.2 s to the escalation to the owner).
    await ceo.post(`/approvals/requests/${id}/approve`, {}).expect(200);
    await pause(2000);
    expect(notices(ceo, 'Escalated to you: Diagnostics subscription')).toHaveLength(1);
    expect(notices(manager, 'Reminder: approval overdue for Diagnostics subscription')).toHaveLength(1);
    expect(notices(manager, 'Approval needed: Diagnostics subscription')).toHaveLength(1);
    expect(await events(id, 'ApprovalGateEscalated')).toEqual([expect.objectContaining({ gateIndex: 0, to: { userId: ceo.userId } })]);
    const [escalation] = await events(id, 'ApprovalGateEscalated');
    expect(escalation).toMatchObject({ level: 1, dueAt: expect.any(String) });
    // One reminder of the gate's own deadline (the CEO's own reminder may have come due on a slow box).
    expect((await events(id, 'ApprovalGateReminded')).filter((r) => r.remindedAt < escalation.escalatedAt)).toHaveLength(1);
    const timers = async () => (await db.query(
      `select timer_id, status, outcome, coalesce((command_payload->>'level')::int, 0) as level from platform.timers where process_name = 'approvals.routing' and command_payload->>'requestId' = $1 order by due_at`, [id],
    )).rows as { timer_id: string; status: string; outcome: string | null; level: number }[];
    // The gate's own deadline fired once each; the CEO's deadline was set once although the worker
    // restarted, and the CEO's decision cancelled it.
    const set = await timers();
    expect(set.filter((t) => t.level === 0).map((t) => [t.status, t.outcome])).toEqual([['fired', 'fired'], ['fired', 'fired']]);
    await until(async () => {
      const second = (await timers()).filter((t) => t.level === 1);
      return second.length === 2 && second.every((t) => t.status !== 'scheduled');
    }, "the CEO's deadline timers cancelled");
    const [, escalateToOwner] = (await timers()).filter((t) => t.level === 1);
    expect(escalateToOwner).toMatchObject({ timer_id: expect.stringMatching(/^approval-escalate-/), status: 'cancelled' });
  }, 120_000);
});
