import { INestApplication } from '@nestjs/common';
import { RequestContext, StripeWebhookEvent, StripeWebhookHandlers, StripeWebhookQueue } from '@workbay/platform';
import { createStripeClient } from '@workbay/payments';
import { Client } from 'pg';
import Stripe from 'stripe';
import request from 'supertest';
import { createApi } from '../apps/api/src/create-api';
import { E2E_STRIPE_WEBHOOK_SECRET, Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { until } from './support/waiting';

interface Dispatched { eventId: string; objectId: string; tenantId: string; contextTenant: string; actor: string; causationId?: string; idempotencyKey?: string }

/**
 * The intake stores and enqueues (202); the worker's BullMQ processor runs the handlers, so every
 * effect here is awaited. Handlers are registered on the worker's registry, where they run.
 */
describe('Stripe: connected accounts and signed, deduplicated webhooks', () => {
  let platform: Platform;
  let owner: ShopClient;
  let stripe: Stripe;
  let db: Client;
  const dispatched: Dispatched[] = [];
  let handlerDelayMs = 0;
  const failNext = new Set<string>();
  let queue: StripeWebhookQueue;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'stripe', stripe: true });
    owner = await ShopClient.signup(platform, 'Stripe Motors');
    stripe = createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_API_BASE: platform.stripe!.url });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    const context = platform.worker!.app.get(RequestContext);
    queue = platform.app.get(StripeWebhookQueue);
    const record = async (event: StripeWebhookEvent, { tenantId }: { tenantId: string }) => {
      if (failNext.delete(event.data.object.id)) throw new Error('handler failed on purpose');
      await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
      dispatched.push({
        eventId: event.id, objectId: event.data.object.id, tenantId, contextTenant: context.tenantId,
        actor: context.actor, causationId: context.causationId, idempotencyKey: context.idempotencyKey,
      });
    };
    const handlers = platform.worker!.app.get(StripeWebhookHandlers);
    handlers.on('payment_intent.succeeded', record);
    handlers.on('payment_intent.canceled', record);
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const connect = async (client: ShopClient) => (await client.post('/payments/stripe-account', {}).expect(201)).body.accountId as string;
  const inbox = async (eventId: string) =>
    (await db.query('select event_id, type, account, tenant_id, processed_at, attempts, last_error from platform.stripe_webhook_events where event_id = $1', [eventId])).rows[0];
  /** The BullMQ queue the API adds to (this test database's prefix). */
  const bull = () => queue.ready();
  const processed = (eventId: string) => until(async () => Boolean((await inbox(eventId))?.processed_at), `Stripe event ${eventId} to be processed`);
  const dispatchedFor = (objectId: string) => dispatched.filter((d) => d.objectId === objectId);
  /** No job waiting, delayed or running: whatever a delivery enqueued has run (or was never added). */
  const queueSettled = () => until(async () => {
    const counts = await (await bull()).getJobCounts('waiting', 'paused', 'delayed', 'active', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  }, 'the webhook queue to settle');
  const eventFor = async (type: string, objectId: string): Promise<StripeWebhookEvent> => {
    await platform.stripe!.webhooksIdle();
    const event = platform.stripe!.emulator.events.find((e) => e.type === type && e.data.object.id === objectId);
    if (!event) throw new Error(`no ${type} for ${objectId}`);
    return event as unknown as StripeWebhookEvent;
  };
  const paidIntent = (account: string, amount = 12_000) => stripe.paymentIntents.create(
    { amount, currency: 'inr', payment_method: 'pm_card_visa', confirm: true, application_fee_amount: 120, metadata: { invoiceId: 'inv-1' } },
    { stripeAccount: account },
  );
  const signed = (payload: string, secret = E2E_STRIPE_WEBHOOK_SECRET) => stripe.webhooks.generateTestHeaderString({ payload, secret });
  const deliver = (payload: string, signature?: string, app: INestApplication = platform.app) => {
    const req = request(app.getHttpServer()).post('/webhooks/stripe').set('Content-Type', 'application/json');
    return (signature ? req.set('Stripe-Signature', signature) : req).send(payload);
  };
  const accountOf = async (client: ShopClient) => (await client.get('/payments/stripe-account').expect(200)).body.accountId as string;
  let seq = 0;
  /** A signed-by-us payment_intent.succeeded of `account`, as Stripe would send it. */
  const succeededEvent = (account: string, label: string) => {
    const n = `${label}_${Date.now()}_${++seq}`;
    const payload = JSON.stringify({
      id: `evt_${n}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), account,
      data: { object: { id: `pi_${n}`, object: 'payment_intent', amount: 500, amount_received: 500, currency: 'inr', status: 'succeeded', metadata: {} } },
    });
    const { id, data } = JSON.parse(payload) as StripeWebhookEvent;
    return { payload, eventId: id, objectId: data.object.id };
  };

  it('lets the owner connect a Stripe account once, on REST and GraphQL; only the owner may', async () => {
    await owner.get('/payments/stripe-account').expect(200, {
      connected: false, accountId: null, chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, requirementsDue: [], disabledReason: null,
    });
    const admin = await owner.invite(['admin']);
    await admin.post('/payments/stripe-account', {}).expect(403);
    const accountId = await connect(owner);
    expect(accountId).toMatch(/^acct_/);
    const again = await owner.post('/payments/stripe-account', {}).expect(200);
    expect(again.body).toMatchObject({ connected: true, accountId, chargesEnabled: false });
    const gql = await owner.graphql('mutation { connectStripeAccount { connected accountId } }').expect(200);
    expect(gql.body.data.connectStripeAccount).toEqual({ connected: true, accountId });
    const finance = await owner.invite(['finance']);
    const read = await finance.graphql('{ stripeAccount { connected accountId } }').expect(200);
    expect(read.body.data.stripeAccount).toEqual({ connected: true, accountId });
    const technician = await owner.invite(['technician']);
    await technician.get('/payments/stripe-account').expect(403);
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({ metadata: { tenantId: owner.tenantId } });
  });

  it("shows what Stripe still needs, gives only the owner an onboarding link (REST, GraphQL), and keeps the status from account.updated as Stripe has it", async () => {
    const accountId = await accountOf(owner);
    const before = (await owner.get('/payments/stripe-account').expect(200)).body;
    expect(before).toMatchObject({ accountId, chargesEnabled: false, payoutsEnabled: false, detailsSubmitted: false, disabledReason: 'requirements.past_due' });
    expect(before.requirementsDue).toEqual(expect.arrayContaining(['business_type', 'external_account', 'tos_acceptance.date']));

    const link = await owner.post('/payments/stripe-account/onboarding-link', {}).expect(201);
    expect(link.body).toEqual({ url: expect.stringMatching(new RegExp(`^https://connect\\.stripe\\.com/setup/e/${accountId}/`)), expiresAt: expect.any(String) });
    const gqlLink = await owner.graphql('mutation { createStripeOnboardingLink { url expiresAt } }').expect(200);
    expect(gqlLink.body.data.createStripeOnboardingLink.url).toMatch(new RegExp(`/setup/e/${accountId}/`));
    const admin = await owner.invite(['admin']);
    await admin.post('/payments/stripe-account/onboarding-link', {}).expect(403);
    expect((await admin.graphql('mutation { createStripeOnboardingLink { url } }')).body.errors[0].extensions.code).toBe('FORBIDDEN');
    const unconnected = await ShopClient.signup(platform, 'Not Yet Garage');
    const early = await unconnected.post('/payments/stripe-account/onboarding-link', {}).expect(409);
    expect(early.body).toMatchObject({ code: 'STRIPE_ACCOUNT_NOT_CONNECTED', detail: expect.stringMatching(/POST \/payments\/stripe-account/) });

    // A forged account.updated (right secret, made-up body) enables nothing: the handler asks Stripe.
    const forged = JSON.stringify({
      id: `evt_forged_account_${Date.now()}`, object: 'event', type: 'account.updated', created: Math.floor(Date.now() / 1000), account: accountId,
      data: { object: { id: accountId, object: 'account', charges_enabled: true, payouts_enabled: true, details_submitted: true } },
    });
    await deliver(forged, signed(forged)).expect(202);
    await processed(JSON.parse(forged).id);
    expect((await owner.get('/payments/stripe-account').expect(200)).body).toMatchObject({ chargesEnabled: false, detailsSubmitted: false });

    await platform.stripe!.completeOnboarding(accountId);
    const updated = await eventFor('account.updated', accountId);
    expect(updated.account).toBe(accountId);
    await processed(updated.id);
    expect((await owner.get('/payments/stripe-account').expect(200)).body).toEqual({
      connected: true, accountId, chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, requirementsDue: [], disabledReason: null,
    });
    const view = await owner.graphql('{ stripeAccount { chargesEnabled payoutsEnabled detailsSubmitted requirementsDue disabledReason } }').expect(200);
    expect(view.body.data.stripeAccount).toEqual({ chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, requirementsDue: [], disabledReason: null });
  });

  it("dispatches a connected account's payment once, in that tenant's context, even when the emulator resends it", async () => {
    const other = await ShopClient.signup(platform, 'Other Garage');
    const [mine, theirs] = [(await owner.get('/payments/stripe-account').expect(200)).body.accountId as string, await connect(other)];
    await platform.stripe!.completeOnboarding(theirs);
    const [a, b] = [await paidIntent(mine), await paidIntent(theirs, 3_000)];
    const event = await eventFor('payment_intent.succeeded', a.id);
    expect(platform.stripe!.emulator.webhooks.attempts.filter((x) => x.eventId === event.id).map((x) => x.status)).toEqual([202]);
    await processed(event.id);
    await until(async () => dispatchedFor(b.id).length > 0, "the other tenant's payment");
    expect(dispatchedFor(a.id)).toEqual([{
      eventId: event.id, objectId: a.id, tenantId: owner.tenantId, contextTenant: owner.tenantId,
      // The shop registers its own payment_intent.succeeded handler first: this one is the n-th, keyed `<event id>:<n>`.
      actor: 'system:stripe-webhook', causationId: event.id, idempotencyKey: expect.stringMatching(new RegExp(`^${event.id}(:\\d+)?$`)),
    }]);
    expect(dispatchedFor(b.id).map((d) => d.contextTenant)).toEqual([other.tenantId]);

    const resent = await fetch(`${platform.stripe!.url}/_emulator/events/${event.id}/resend`, { method: 'POST' });
    expect(await resent.json()).toMatchObject({ delivered: true, status: 202 });
    await queueSettled();
    expect(dispatchedFor(a.id)).toHaveLength(1);
    expect(await inbox(event.id)).toMatchObject({ type: 'payment_intent.succeeded', account: mine, tenant_id: owner.tenantId, processed_at: expect.any(Date), attempts: 1 });
  });

  it('runs the handler once when the same new event arrives many times at once', async () => {
    const { payload, eventId, objectId } = succeededEvent(await accountOf(owner), 'concurrent');
    handlerDelayMs = 300;
    try {
      const responses = await Promise.all(Array.from({ length: 6 }, () => deliver(payload, signed(payload))));
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(202));
      expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
      await processed(eventId);
      await queueSettled();
    } finally {
      handlerDelayMs = 0;
    }
    expect(dispatchedFor(objectId)).toHaveLength(1);
    expect(await inbox(eventId)).toMatchObject({ tenant_id: owner.tenantId, attempts: 1 });
  });

  it('enqueues one job per event, named by the event id and carrying the tenant; a redelivery while it waits runs nothing twice', async () => {
    const { payload, eventId, objectId } = succeededEvent(await accountOf(owner), 'queued');
    // Paused in Redis: no worker takes the job until resumed, so the second delivery finds it queued.
    await (await bull()).pause();
    try {
      const first = await deliver(payload, signed(payload)).expect(202);
      const second = await deliver(payload, signed(payload)).expect(202);
      expect([first.body, second.body]).toEqual([{ received: true, duplicate: false }, { received: true, duplicate: true }]);
      const job = await (await bull()).getJob(eventId);
      expect(job?.data).toEqual({ eventId, tenantId: owner.tenantId });
      expect(['waiting', 'paused']).toContain(await job!.getState());
      const counts = await (await bull()).getJobCounts('waiting', 'paused');
      expect(counts.waiting + counts.paused).toBe(1);
      expect(await inbox(eventId)).toMatchObject({ processed_at: null, attempts: 0 });
      expect(dispatchedFor(objectId)).toEqual([]);
    } finally {
      await (await bull()).resume();
    }
    await processed(eventId);
    await queueSettled();
    expect(dispatchedFor(objectId)).toHaveLength(1);
    expect(await inbox(eventId)).toMatchObject({ tenant_id: owner.tenantId, attempts: 1 });
  });

  it('processes an event the queue never got: a row without a job (Redis lost it) is put back by the sweeper', async () => {
    const { payload, eventId, objectId } = succeededEvent(await accountOf(owner), 'lost');
    // As the intake stores it, but no job: Redis lost its last second, or the add never reached it.
    await db.query(
      `insert into platform.stripe_webhook_events (event_id, type, account, tenant_id, payload) values ($1, 'payment_intent.succeeded', $2, $3, $4)`,
      [eventId, await accountOf(owner), owner.tenantId, payload],
    );
    expect(await (await bull()).getJob(eventId)).toBeUndefined();
    await processed(eventId);
    expect(dispatchedFor(objectId)).toEqual([expect.objectContaining({ contextTenant: owner.tenantId, actor: 'system:stripe-webhook', causationId: eventId })]);
    expect((await (await bull()).getJob(eventId))?.data).toEqual({ eventId, tenantId: owner.tenantId });
  });

  it('answers 202 with Redis down once the event is stored, and the sweeper processes it when the worker can', async () => {
    const { payload, eventId, objectId } = succeededEvent(await accountOf(owner), 'no_redis');
    // A second API on the same database whose Redis does not answer (nothing listens on port 1).
    const cutOff = await createApi({ ...platform.config, REDIS_URL: 'redis://127.0.0.1:1' } as typeof platform.config);
    await cutOff.init();
    try {
      const started = Date.now();
      const res = await deliver(payload, signed(payload), cutOff).expect(202);
      expect(res.body).toEqual({ received: true, duplicate: false });
      expect(Date.now() - started).toBeLessThan(5000);
      // Stored by an API that never reached Redis: only the worker's sweeper can have queued it.
      expect(await inbox(eventId)).toMatchObject({ tenant_id: owner.tenantId });
    } finally {
      await cutOff.close();
    }
    await processed(eventId);
    expect(dispatchedFor(objectId)).toHaveLength(1);
  });

  it('refuses a missing, forged or tampered signature with 400 and stores nothing', async () => {
    const payload = JSON.stringify({ id: `evt_forged_${Date.now()}`, object: 'event', type: 'payment_intent.succeeded', created: 1, data: { object: { id: 'pi_x', object: 'payment_intent' } } });
    const missing = await deliver(payload).expect(400);
    expect(missing.body).toMatchObject({ status: 400, code: 'WEBHOOK_SIGNATURE_INVALID', errors: [{ field: 'Stripe-Signature' }] });
    await deliver(payload, signed(payload, 'whsec_someone_else')).expect(400);
    await deliver(payload.replace('pi_x', 'pi_y'), signed(payload)).expect(400);
    expect(await inbox(JSON.parse(payload).id)).toBeUndefined();
  });

  it('stores and acknowledges an event for an account no tenant connected, without dispatching it', async () => {
    const stranger = await stripe.accounts.create({ type: 'express', email: 'stranger@example.com' });
    await platform.stripe!.completeOnboarding(stranger.id);
    const intent = await paidIntent(stranger.id);
    const event = await eventFor('payment_intent.succeeded', intent.id);
    expect(platform.stripe!.emulator.webhooks.attempts.filter((a) => a.eventId === event.id).map((a) => a.status)).toEqual([202]);
    await processed(event.id);
    expect(await inbox(event.id)).toMatchObject({ account: stranger.id, tenant_id: null, processed_at: expect.any(Date), attempts: 1 });
    expect(dispatched.some((d) => d.objectId === intent.id)).toBe(false);
  });

  it('retries a job whose handler failed, with backoff, until it succeeds; the effect lands once and Stripe saw one 202', async () => {
    const account = await accountOf(owner);
    const intent = await stripe.paymentIntents.create({ amount: 900, currency: 'inr' }, { stripeAccount: account });
    failNext.add(intent.id);
    await stripe.paymentIntents.cancel(intent.id, {}, { stripeAccount: account });
    const event = await eventFor('payment_intent.canceled', intent.id);
    expect(platform.stripe!.emulator.webhooks.attempts.filter((a) => a.eventId === event.id).map((a) => a.status)).toEqual([202]);
    await processed(event.id);
    expect(failNext.has(intent.id)).toBe(false); // the first attempt did fail
    expect(dispatchedFor(intent.id)).toHaveLength(1);
    expect(await inbox(event.id)).toMatchObject({ tenant_id: owner.tenantId, processed_at: expect.any(Date), attempts: 2, last_error: null });
    expect(await (await (await bull()).getJob(event.id))!.getState()).toBe('completed');
  });
});
