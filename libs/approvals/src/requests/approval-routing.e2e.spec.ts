import { Client } from 'pg';
import { Platform, startPlatform } from '../../../../test/support/platform-harness';
import { ShopClient, THREE_LINES } from '../../../../test/support/shop-client';
import { SmtpSink, startSmtpSink } from '../../../../test/support/smtp-sink';
import { eventually, until } from '../../../../test/support/waiting';

// THREE_LINES: 1,800.00 + 3,450.50 + 999.98 = 6,250.48 INR; a 1,250.00 discount is 20 %.
const SUBTOTAL = 625_048;
const DISCOUNT = 125_000;
const THRESHOLD_GQL = `{ quoteDiscountThreshold { maxPercent maxAmountMinor currency version } }`;
const QUOTE_GQL = `query($id: ID!) { quote(id: $id) { status revision discountMinor discountApprovalRequestId lines { discountMinor } } }`;

/**
 * The routing saga end to end (API and worker in this process, a real SMTP sink): gate notices
 * to deciders and their delegates, a discount approved gate by gate that the saga applies to its
 * quote through the shop's contract, and a gate past its (short) deadline reminded, then escalated.
 */
describe('approval routing saga', () => {
  let platform: Platform;
  let smtp: SmtpSink;
  let db: Client;
  let owner: ShopClient;
  let advisor: ShopClient;
  let manager: ShopClient;
  let ra: ShopClient;
  let deputy: ShopClient;
  let ceo: ShopClient;
  const emails = new Map<string, string>();

  /** Messages to this user whose subject starts with `subject`. */
  const mailsTo = (user: ShopClient, subject: string) => smtp.mails.filter((m) => m.to.includes(emails.get(user.userId)!) && m.raw.includes(`Subject: ${subject}`));
  const detail = async (id: string) => (await owner.get(`/approvals/requests/${id}`).expect(200)).body;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    platform = await startPlatform({
      prefix: 'apprsaga',
      config: { SMTP_URL: smtp.url, MAIL_FROM: 'Workbay <approvals@workbay.test>', TIMER_SWEEP_INTERVAL_MS: '200', TIMER_SWEEP_AFTER_MS: '500', NOTIFICATION_SWEEP_INTERVAL_MS: '200', NOTIFICATION_SWEEP_AFTER_MS: '1500' },
    });
    owner = await ShopClient.signup(platform, 'Saga Motors');
    [advisor, manager, ra, deputy, ceo] = await Promise.all([
      owner.invite(['service_advisor'], { name: 'Sita Advisor' }), owner.invite(['manager'], { name: 'Mohan Manager' }),
      owner.invite(['revenue_assurance'], { name: 'Rekha RA' }), owner.invite(['technician'], { name: 'Dev Deputy' }), owner.invite(['ceo'], { name: 'Chitra CEO' }),
    ]);
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    for (const row of (await db.query(`select id, email from platform.users where tenant_id = $1`, [owner.tenantId])).rows) emails.set(row.id, row.email);
    await until(async () => (await owner.get('/approvals/policies/discount')).body.current?.version === 1, 'the seeded discount policy');
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
    await smtp?.close();
  });

  it('holds a quote whose discount is above the threshold until a discount request is approved gate by gate, then applies it and the quote sends', async () => {
    // Owners set the threshold; a manager may not.
    await manager.put('/quote-discount-threshold', { maxPercent: 10 }).expect(403);
    await owner.put('/quote-discount-threshold', { maxPercent: 10.5, maxAmountMinor: null }).expect(200);
    expect((await owner.put('/quote-discount-threshold', { maxPercent: 101 }).expect(400)).body.errors[0].field).toBe('maxPercent');
    expect((await advisor.graphql(THRESHOLD_GQL).expect(200)).body.data.quoteDiscountThreshold).toEqual({ maxPercent: 10.5, maxAmountMinor: null, currency: 'INR', version: 1 });

    // The manager hands their gates to a deputy for today: the deputy is told too.
    const now = Date.now();
    await manager.post('/approvals/delegations', { toUserId: deputy.userId, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() }).expect(201);

    const { customerId, vehicleId } = await advisor.customerWithVehicle();
    const quote = (await advisor.post('/quotes', { customerId, vehicleId, lines: THREE_LINES, discountMinor: DISCOUNT }).expect(201)).body.id;
    expect((await advisor.post('/quotes', { customerId, vehicleId, lines: THREE_LINES, discountMinor: SUBTOTAL + 1 }).expect(422)).body.errors[0].field).toBe('discountMinor');
    const refused = await advisor.post(`/quotes/${quote}/send`, { channel: 'sms' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'DISCOUNT_NEEDS_APPROVAL', type: 'https://workbay.dev/problems/discount-needs-approval', errors: [{ field: 'discountMinor' }] });
    expect(refused.body.detail).toContain(`link: { kind: 'quote', id: '${quote}' }`);
    const gqlRefused = await advisor.graphql(`mutation($id: ID!) { sendQuote(id: $id) { id } }`, { id: quote }).expect(200);
    expect(gqlRefused.body.errors[0].extensions).toMatchObject({ code: 'DISCOUNT_NEEDS_APPROVAL', status: 422 });

    const request = (await advisor.post('/approvals/requests', {
      type: 'discount', title: 'Loyalty discount', amount: { amountMinor: DISCOUNT, currency: 'INR' }, link: { kind: 'quote', id: quote },
    }).expect(201)).body.id;
    // Gate 1 (manager): the manager and their deputy are told; the requester is not.
    await eventually(async () => (mailsTo(manager, 'Approval needed: Loyalty discount').length && mailsTo(deputy, 'Approval needed').length) || undefined, 'the gate-1 notices');
    expect(mailsTo(advisor, 'Approval needed')).toHaveLength(0);
    await manager.post(`/approvals/requests/${request}/approve`, {}).expect(200);
    // Gate 2 (revenue assurance: above 1,000.00).
    await eventually(async () => mailsTo(ra, 'Approval needed: Loyalty discount').length || undefined, 'the gate-2 notice');
    await ra.post(`/approvals/requests/${request}/approve`, { comment: 'loyal customer' }).expect(200);
    expect(await detail(request)).toMatchObject({ status: 'completed' });

    // The saga applies the approved discount to the quote (a new revision, back to draft) and tells the requester.
    const applied = await eventually(async () => {
      const view = (await advisor.get(`/quotes/${quote}`).expect(200)).body;
      return view.discountApprovalRequestId === request ? view : undefined;
    }, 'the approved discount on the quote');
    expect(applied).toMatchObject({ status: 'draft', revision: 2, discountMinor: DISCOUNT, subtotalMinor: SUBTOTAL });
    expect(applied.lines.reduce((sum: number, l: { discountMinor: number }) => sum + l.discountMinor, 0)).toBe(DISCOUNT);
    expect((await advisor.graphql(QUOTE_GQL, { id: quote }).expect(200)).body.data.quote).toMatchObject({ discountMinor: DISCOUNT, discountApprovalRequestId: request });
    await advisor.post(`/quotes/${quote}/send`, { channel: 'sms' }).expect(200);
    await eventually(async () => mailsTo(advisor, 'Approved: Loyalty discount').length || undefined, "the requester's completion notice");

    // Each notice went once, keyed by its cause and recipient.
    const { rows } = await db.query(`select key, count(*)::int as n from platform.notifications where tenant_id = $1 and key like $2 group by key`, [owner.tenantId, `approval:${request}:%`]);
    expect(rows.map((r) => r.key).sort()).toEqual([
      `approval:${request}:1:0:opened:${deputy.userId}`, `approval:${request}:1:0:opened:${manager.userId}`, `approval:${request}:1:1:opened:${ra.userId}`,
      `approval:${request}:1:completed:${advisor.userId}`,
    ].sort());
    await new Promise((r) => setTimeout(r, 1000)); // a few sweeps: nothing is delivered twice
    expect(mailsTo(manager, 'Approval needed: Loyalty discount')).toHaveLength(1);
    expect(mailsTo(ra, 'Approval needed: Loyalty discount')).toHaveLength(1);
  });

  it('reminds a gate past its deadline, then escalates it to the next holder, who decides it; a rejection tells the requester', async () => {
    // 0.0005 h = 1.8 s to the reminder, as long again to the escalation.
    await owner.post('/approvals/policies/leave', {
      gates: [{ gateId: 'manager', name: 'Manager', decider: { role: 'manager' }, deadlineHours: 0.0005, escalateTo: { userId: ceo.userId } }],
    }).expect(201);
    const request = (await advisor.post('/approvals/requests', { type: 'leave', title: 'Leave for a wedding', amount: { amountMinor: 100, currency: 'INR' } }).expect(201)).body.id;
    await eventually(async () => mailsTo(manager, 'Reminder: approval overdue for Leave for a wedding').length || undefined, 'the reminder', 20_000);
    await eventually(async () => mailsTo(ceo, 'Escalated to you: Leave for a wedding').length || undefined, 'the escalation', 20_000);
    // The gate is the CEO's now: the manager can no longer decide it.
    expect((await manager.post(`/approvals/requests/${request}/reject`, { comment: 'no' }).expect(403)).body.code).toBe('NOT_A_GATE_DECIDER');
    await ceo.post(`/approvals/requests/${request}/reject`, { comment: 'pick another week' }).expect(200);
    await eventually(async () => mailsTo(advisor, 'Rejected: Leave for a wedding').length || undefined, "the requester's rejection notice");
    const kinds = (await detail(request)).log.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'escalated')).toHaveLength(1);
    expect(kinds.filter((k: string) => k === 'reminded')).toHaveLength(1);
  });

  it("tells the owners when nobody can decide a gate (no active holder of its role), and not the requester", async () => {
    // Nobody in this shop holds the finance role; another shop's owner (who does hold every gate of theirs) must hear nothing.
    const otherShop = await ShopClient.signup(platform, 'Other Motors');
    const otherOwnerEmail = (await db.query(`select email from platform.users where tenant_id = $1`, [otherShop.tenantId])).rows[0].email as string;
    await owner.post('/approvals/policies/asset', {
      gates: [{ gateId: 'finance', name: 'Finance', decider: { role: 'finance' }, deadlineHours: 48, escalateTo: null }],
    }).expect(201);
    const request = (await advisor.post('/approvals/requests', { type: 'asset', title: 'New tyre changer', amount: { amountMinor: 4_500_000, currency: 'INR' } }).expect(201)).body.id;
    const [mail] = await eventually(async () => {
      const mails = mailsTo(owner, 'Nobody can decide: New tyre changer');
      return mails.length ? mails : undefined;
    }, "the owners' unstaffed-gate notice");
    const text = mail.raw.replace(/=\r?\n/g, ''); // quoted-printable soft line breaks
    expect(text).toContain('decided by the finance role');
    expect(text).toContain(request);
    const { rows } = await db.query(`select key from platform.notifications where tenant_id = $1 and key like $2`, [owner.tenantId, `approval:${request}:%`]);
    expect(rows.map((r) => r.key)).toEqual([`approval:${request}:1:0:opened-unstaffed:${owner.userId}`]);
    expect(mailsTo(advisor, 'Nobody can decide')).toHaveLength(0);
    expect(smtp.mails.filter((m) => m.raw.includes('Subject: Nobody can decide: New tyre changer')).map((m) => m.to)).toEqual([[emails.get(owner.userId)]]);
    expect(smtp.mails.filter((m) => m.to.includes(otherOwnerEmail) && m.raw.includes('Subject: Nobody can decide'))).toHaveLength(0);
  });
});
