import { createStripeClient, RequestContext, StripeWebhookEvent, StripeWebhookHandlers } from '@workbay/platform';
import { Client } from 'pg';
import Stripe from 'stripe';
import { E2E_STRIPE_WEBHOOK_SECRET, Platform, startPlatform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

interface Dispatched { eventId: string; objectId: string; tenantId: string; contextTenant: string; actor: string; causationId?: string; idempotencyKey?: string }

describe('Stripe: connected accounts and signed, deduplicated webhooks', () => {
  let platform: Platform;
  let owner: ShopClient;
  let stripe: Stripe;
  let db: Client;
  const dispatched: Dispatched[] = [];
  let handlerDelayMs = 0;
  const failNext = new Set<string>();

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'stripe', worker: false, stripe: true });
    owner = await ShopClient.signup(platform, 'Stripe Motors');
    stripe = createStripeClient({ STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_API_BASE: platform.stripe!.url });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    const context = platform.app.get(RequestContext);
    const record = async (event: StripeWebhookEvent, { tenantId }: { tenantId: string }) => {
      if (failNext.delete(event.data.object.id)) throw new Error('handler failed on purpose');
      await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
      dispatched.push({
        eventId: event.id, objectId: event.data.object.id, tenantId, contextTenant: context.tenantId,
        actor: context.actor, causationId: context.causationId, idempotencyKey: context.idempotencyKey,
      });
    };
    const handlers = platform.app.get(StripeWebhookHandlers);
    handlers.on('payment_intent.succeeded', record);
    handlers.on('payment_intent.canceled', record);
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const connect = async (client: ShopClient) => (await client.post('/payments/stripe-account', {}).expect(201)).body.accountId as string;
  const inbox = async (eventId: string) =>
    (await db.query('select event_id, type, account, tenant_id, processed_at, attempts from platform.stripe_webhook_events where event_id = $1', [eventId])).rows[0];
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
  const deliver = (payload: string, signature?: string) => {
    const req = platform.http().post('/webhooks/stripe').set('Content-Type', 'application/json');
    return (signature ? req.set('Stripe-Signature', signature) : req).send(payload);
  };

  it('lets the owner connect a Stripe account once, on REST and GraphQL; only the owner may', async () => {
    await owner.get('/payments/stripe-account').expect(200, { connected: false, accountId: null });
    const admin = await owner.invite(['admin']);
    await admin.post('/payments/stripe-account', {}).expect(403);
    const accountId = await connect(owner);
    expect(accountId).toMatch(/^acct_/);
    await owner.post('/payments/stripe-account', {}).expect(200, { connected: true, accountId });
    const gql = await owner.graphql('mutation { connectStripeAccount { connected accountId } }').expect(200);
    expect(gql.body.data.connectStripeAccount).toEqual({ connected: true, accountId });
    const finance = await owner.invite(['finance']);
    const read = await finance.graphql('{ stripeAccount { connected accountId } }').expect(200);
    expect(read.body.data.stripeAccount).toEqual({ connected: true, accountId });
    const technician = await owner.invite(['technician']);
    await technician.get('/payments/stripe-account').expect(403);
    await expect(stripe.accounts.retrieve(accountId)).resolves.toMatchObject({ metadata: { tenantId: owner.tenantId } });
  });

  it("dispatches a connected account's payment once, in that tenant's context, even when the emulator resends it", async () => {
    const other = await ShopClient.signup(platform, 'Other Garage');
    const [mine, theirs] = [(await owner.get('/payments/stripe-account').expect(200)).body.accountId as string, await connect(other)];
    const [a, b] = [await paidIntent(mine), await paidIntent(theirs, 3_000)];
    const event = await eventFor('payment_intent.succeeded', a.id);
    expect(dispatched.filter((d) => d.objectId === a.id)).toEqual([{
      eventId: event.id, objectId: a.id, tenantId: owner.tenantId, contextTenant: owner.tenantId,
      // The shop registers its own payment_intent.succeeded handler first: this one is the n-th, keyed `<event id>:<n>`.
      actor: 'system:stripe-webhook', causationId: event.id, idempotencyKey: expect.stringMatching(new RegExp(`^${event.id}(:\\d+)?$`)),
    }]);
    expect(dispatched.filter((d) => d.objectId === b.id).map((d) => d.contextTenant)).toEqual([other.tenantId]);

    const resent = await fetch(`${platform.stripe!.url}/_emulator/events/${event.id}/resend`, { method: 'POST' });
    expect(await resent.json()).toMatchObject({ delivered: true, status: 200 });
    expect(dispatched.filter((d) => d.objectId === a.id)).toHaveLength(1);
    expect(await inbox(event.id)).toMatchObject({ type: 'payment_intent.succeeded', account: mine, tenant_id: owner.tenantId, processed_at: expect.any(Date), attempts: 1 });
  });

  it('runs the handler once when the same new event arrives many times at once', async () => {
    const account = (await owner.get('/payments/stripe-account').expect(200)).body.accountId as string;
    const payload = JSON.stringify({
      id: `evt_concurrent_${Date.now()}`, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), account,
      data: { object: { id: `pi_concurrent_${Date.now()}`, object: 'payment_intent', amount: 500, amount_received: 500, currency: 'inr', status: 'succeeded', metadata: {} } },
    });
    const { id, data } = JSON.parse(payload) as StripeWebhookEvent;
    handlerDelayMs = 300;
    try {
      const responses = await Promise.all(Array.from({ length: 6 }, () => deliver(payload, signed(payload))));
      expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
      expect(responses.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    } finally {
      handlerDelayMs = 0;
    }
    expect(dispatched.filter((d) => d.objectId === data.object.id)).toHaveLength(1);
    expect(await inbox(id)).toMatchObject({ tenant_id: owner.tenantId, attempts: 1 });
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
    const intent = await paidIntent(stranger.id);
    const event = await eventFor('payment_intent.succeeded', intent.id);
    expect(platform.stripe!.emulator.webhooks.attempts.filter((a) => a.eventId === event.id).map((a) => a.status)).toEqual([200]);
    expect(await inbox(event.id)).toMatchObject({ account: stranger.id, tenant_id: null, processed_at: expect.any(Date) });
    expect(dispatched.some((d) => d.objectId === intent.id)).toBe(false);
  });

  it("leaves an event unprocessed when its handler fails (500) and processes it on Stripe's retry", async () => {
    const account = (await owner.get('/payments/stripe-account').expect(200)).body.accountId as string;
    const intent = await stripe.paymentIntents.create({ amount: 900, currency: 'inr' }, { stripeAccount: account });
    failNext.add(intent.id);
    await stripe.paymentIntents.cancel(intent.id, {}, { stripeAccount: account });
    const event = await eventFor('payment_intent.canceled', intent.id);
    expect(platform.stripe!.emulator.webhooks.attempts.filter((a) => a.eventId === event.id).map((a) => a.status)).toEqual([500, 200]);
    expect(dispatched.filter((d) => d.objectId === intent.id)).toHaveLength(1);
    expect(await inbox(event.id)).toMatchObject({ tenant_id: owner.tenantId, processed_at: expect.any(Date), attempts: 2 });
  });
});
