import { Notifications, NotificationTemplates, TenantDb, verifyWebhookSignature } from '@workbay/platform';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { fieldsOf } from './support/problems';
import { Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { eventually, until } from './support/waiting';

interface Hit { at: number; headers: IncomingHttpHeaders; body: string }

const GREETING = 'test.greeting';
const BACKOFF_MS = 400;

/**
 * The notification port end to end with real parts: a real SMTP sink (smtp-server), a real HTTP
 * endpoint, the worker's BullMQ delivery with its backoff, and the API's listing under RLS.
 */
describe('Notifications: outbox, BullMQ delivery with backoff, SMTP and signed webhooks', () => {
  let platform: Platform;
  let smtp: SmtpSink;
  let endpoint: Server;
  let owner: ShopClient;
  let other: ShopClient;
  const hits: Hit[] = [];
  let failuresLeft = 2;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    endpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        hits.push({ at: Date.now(), headers: req.headers, body });
        if (failuresLeft-- > 0) return void res.writeHead(500).end('not today');
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    platform = await startPlatform({
      prefix: 'notify',
      config: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Workbay Tests <notify@workbay.test>',
        NOTIFICATION_BACKOFF_MS: String(BACKOFF_MS),
        NOTIFICATION_MAX_ATTEMPTS: '5',
        NOTIFICATION_SWEEP_INTERVAL_MS: '200',
        NOTIFICATION_SWEEP_AFTER_MS: '1500',
      },
    });
    platform.app.get(NotificationTemplates).register<{ name: string }>(GREETING, {
      subject: ({ name }) => `Hello ${name}`,
      text: ({ name }) => `Your car is ready, ${name}.`,
    });
    owner = await ShopClient.signup(platform, 'Notify Motors');
    other = await ShopClient.signup(platform, 'Other Motors');
  });
  afterAll(async () => {
    await platform?.close();
    await smtp?.close();
    await new Promise<void>((resolve) => (endpoint ? endpoint.close(() => resolve()) : resolve()));
  });

  /** What a calling context does: stage in its transaction, then enqueue after commit. */
  const notify = async (tenantId: string, recipient: Parameters<Notifications['notify']>[2], data: Record<string, unknown>, key: string) => {
    const notifications = platform.app.get(Notifications);
    const id = await platform.app.get(TenantDb).run((em) => notifications.notify(em, tenantId, recipient, GREETING, data, key), tenantId);
    await notifications.dispatchAfterCommit(tenantId, id);
    return id;
  };
  const listed = async (client: ShopClient) => (await client.get('/notifications').expect(200)).body.items as {
    id: string; status: string; channel: string; subject: string; attempts: { attempt: number; outcome: string; error: string | null }[];
  }[];

  it('delivers a notification staged twice under one key once, by e-mail to the SMTP sink', async () => {
    const first = await notify(owner.tenantId, { email: 'asha@example.com' }, { name: 'Asha' }, 'ready:ro-1');
    const second = await notify(owner.tenantId, { email: 'asha@example.com' }, { name: 'Asha' }, 'ready:ro-1');
    expect(second).toBe(first);
    const row = await eventually(async () => (await listed(owner)).find((n) => n.id === first && n.status === 'delivered'), 'the e-mail to be delivered');
    expect(row).toMatchObject({ channel: 'email', subject: 'Hello Asha', attempts: [{ attempt: 1, outcome: 'delivered', error: null }] });
    // Give a second delivery every chance to show up: the sweep runs every 200 ms.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const toAsha = smtp.mails.filter((m) => m.to.includes('asha@example.com'));
    expect(toAsha).toHaveLength(1);
    expect(toAsha[0].raw).toContain('Subject: Hello Asha');
    expect(toAsha[0].raw).toContain('Your car is ready, Asha.');
    expect(toAsha[0].raw).toContain('From: Workbay Tests <notify@workbay.test>');
  });

  it('refuses a bad e-mail recipient as a 400-class error naming the field', async () => {
    await expect(notify(owner.tenantId, { email: 'not-an-address' }, { name: 'X' }, 'bad-mail')).rejects.toMatchObject({ status: 400, fields: [{ field: 'recipient.email' }] });
  });

  it('registers endpoints for owners only, with a valid URL', async () => {
    const admin = await owner.invite(['admin']);
    await admin.post('/notifications/webhook-endpoints', { url: 'http://127.0.0.1:9/hook' }).expect(403);
    const bad = await owner.post('/notifications/webhook-endpoints', { url: 'ftp://example.com/x' }).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['url']);
    const withCredentials = await owner.post('/notifications/webhook-endpoints', { url: 'https://me:pw@example.com/x' }).expect(400);
    expect(fieldsOf(withCredentials.body)).toEqual(['url']);
    const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { id url secret } }`;
    const refused = await admin.graphql(REGISTER, { input: { url: 'http://127.0.0.1:9/hook' } }).expect(200);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const registered = await owner.graphql(REGISTER, { input: { url: 'http://127.0.0.1:9/gql-hook' } }).expect(200);
    expect(registered.body.data.registerWebhookEndpoint).toMatchObject({ url: 'http://127.0.0.1:9/gql-hook', secret: expect.stringMatching(/^wbsec_/) });
  });

  it('retries a failing webhook with backoff until it answers 2xx, signed with the endpoint secret, and lists the attempts', async () => {
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hooks`;
    const registered = await owner.post('/notifications/webhook-endpoints', { url }).expect(201);
    expect(registered.body).toMatchObject({ url, secret: expect.stringMatching(/^wbsec_[0-9a-f]{64}$/) });
    const id = await notify(owner.tenantId, { webhookEndpointId: registered.body.id }, { name: 'Ravi' }, 'ready:ro-2');

    const row = await eventually(async () => (await listed(owner)).find((n) => n.id === id && n.status === 'delivered'), 'the webhook to be delivered', 30_000);
    expect(row.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'delivered']]);
    expect(row.attempts[0].error).toContain('HTTP 500');
    expect(hits).toHaveLength(3);
    // Exponential: the second wait is about twice the first, both at least the configured backoff.
    const waits = [hits[1].at - hits[0].at, hits[2].at - hits[1].at];
    expect(waits[0]).toBeGreaterThanOrEqual(BACKOFF_MS * 0.9);
    expect(waits[1]).toBeGreaterThanOrEqual(BACKOFF_MS * 2 * 0.9);
    for (const hit of hits) {
      expect(hit.headers['workbay-notification-id']).toBe(id);
      expect(verifyWebhookSignature(hit.body, String(hit.headers['workbay-signature']), registered.body.secret)).toBe(true);
      expect(verifyWebhookSignature(hit.body, String(hit.headers['workbay-signature']), 'wbsec_someone_else')).toBe(false);
    }
    expect(JSON.parse(hits[2].body)).toMatchObject({ id, template: GREETING, subject: 'Hello Ravi', data: { name: 'Ravi' } });

    const gql = await owner.graphql('{ notifications(first: 10) { items { id status attempts { attempt outcome } } nextCursor } }').expect(200);
    expect(gql.body.data.notifications.items.find((n: { id: string }) => n.id === id).attempts).toHaveLength(3);

    // Another tenant neither sees this tenant's notifications nor can address its endpoint.
    // All it sees is its own: the verification e-mail of its signup.
    expect((await listed(other)).map((n) => n.subject)).toEqual(['Verify your e-mail address for Other Motors on Workbay']);
    const theirs = await other.graphql('{ notifications { items { id template } } }').expect(200);
    expect(theirs.body.data.notifications.items).toEqual([{ id: expect.any(String), template: 'platform.email-verification' }]);
    await expect(notify(other.tenantId, { webhookEndpointId: registered.body.id }, { name: 'Mallory' }, 'steal')).rejects.toMatchObject({ status: 404 });
  });

  it('delivers what was staged in a pg transaction but never enqueued: the sweep finds it', async () => {
    const client = new Client({ connectionString: platform.config.APP_DATABASE_URL });
    await client.connect();
    let id: string;
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [owner.tenantId]);
      id = await platform.app.get(Notifications).notify(client, owner.tenantId, { email: 'swept@example.com' }, GREETING, { name: 'Swept' }, 'swept-1');
      await client.query('commit');
    } finally {
      await client.end();
    }
    // No dispatchAfterCommit: as if the API died right after the commit.
    await until(async () => smtp.mails.some((m) => m.to.includes('swept@example.com')), 'the sweep to deliver the e-mail', 20_000);
    await until(async () => (await listed(owner)).some((n) => n.id === id && n.status === 'delivered'), 'the notification to be listed as delivered');
  });

  it('lets an auditor list notifications, not a technician, and pages them', async () => {
    const auditor = await owner.invite(['auditor']);
    const technician = await owner.invite(['technician']);
    expect((await listed(auditor)).length).toBeGreaterThanOrEqual(2);
    await technician.get('/notifications').expect(403);
    const page = (await owner.get('/notifications?first=1').expect(200)).body;
    expect(page.items).toHaveLength(1);
    const next = (await owner.get(`/notifications?first=1&after=${page.nextCursor}`).expect(200)).body;
    expect(next.items).toHaveLength(1);
    expect(next.items[0].id).not.toBe(page.items[0].id);
    expect(fieldsOf((await owner.get('/notifications?first=0').expect(400)).body)).toEqual(['first']);
  });
});
