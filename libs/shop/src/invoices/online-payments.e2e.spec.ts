import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import Stripe from 'stripe';
import request from 'supertest';
import { E2E_STRIPE_WEBHOOK_SECRET, startPlatform, Platform } from '../../../../test/support/platform-harness';
import { workedRepairOrder } from '../../../../test/support/repair-orders';
import { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';
import { payAllBeforeWorkbayHears } from '../../../../test/support/stripe-shop';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const GRAND_TOTAL = 659_188; // see test/support/repair-orders.ts: 5,637.88 + 18% GST on 5,300.00

describe('online invoice payment through Stripe (emulator, signed webhooks)', () => {
  let platform: Platform;
  let db: Client;
  let shop: ShopClient;
  let locationId: string;

  beforeAll(async () => {
    platform = await startPlatform({ stripe: true, prefix: 'pay' });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    shop = await ShopClient.signup(platform); // plan growth: 1% platform fee
    const location = await shop.post('/locations', {
      name: 'Indiranagar', address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201);
    locationId = location.body.id;
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  const issuedInvoice = async () => {
    const issued = await shop.post(`/repair-orders/${await workedRepairOrder(platform, shop, locationId)}/invoice`, {}).expect(201);
    return issued.body.id as string;
  };
  /** The invoice as the read model has it now (it may not have caught up with the webhook yet). */
  const invoice = (id: string) => shop.get(`/invoices/${id}`).then((r) => (r.status === 200 ? r.body : { status: 'not yet projected', payments: [] }));
  const customerPays = (paymentIntentId: string) =>
    fetch(`${platform.stripe!.url}/_emulator/payment_intents/${paymentIntentId}/succeed`, { method: 'POST' }).then((r) => r.json());

  it('refuses an online payment until the owner connects Stripe', async () => {
    const id = await issuedInvoice();
    const refused = await shop.post(`/invoices/${id}/online-payments`, {}).expect(409);
    expect(refused.body.detail).toMatch(/stripe-account/);
    const { accountId } = (await shop.post('/payments/stripe-account', {}).expect(201)).body;
    await platform.stripe!.completeOnboarding(accountId); // the owner finishes Stripe's onboarding (emulator hook)
  });

  it('takes a cash part payment, then the rest online: the webhook records it once and the invoice is paid, with the fee and usage signal', async () => {
    const id = await issuedInvoice();
    await shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: 200_000 }).expect(201);
    const started = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    expect(started.body).toMatchObject({
      paymentIntentId: expect.stringMatching(/^pi_/), clientSecret: expect.stringMatching(/_secret_/), status: 'requires_payment_method',
      amountMinor: GRAND_TOTAL - 200_000, currency: 'INR', applicationFeeMinor: Math.round((GRAND_TOTAL - 200_000) / 100),
    });
    const again = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    expect(again.body.paymentIntentId).toBe(started.body.paymentIntentId); // a double click is the same intent
    const tooMuch = await shop.post(`/invoices/${id}/online-payments`, { amountMinor: GRAND_TOTAL }).expect(422);
    expect(tooMuch.body.errors[0].field).toBe('amountMinor');

    await customerPays(started.body.paymentIntentId);
    await until(async () => (await invoice(id)).status === 'paid', 'the webhook to record the payment');
    const paid = await invoice(id);
    expect(paid).toMatchObject({ balanceDueMinor: 0, paidMinor: GRAND_TOTAL });
    expect(paid.payments).toEqual([
      expect.objectContaining({ method: 'cash', amountMinor: 200_000 }),
      expect.objectContaining({ method: 'stripe', amountMinor: GRAND_TOTAL - 200_000, reference: started.body.paymentIntentId }),
    ]);

    const [event] = platform.stripe!.emulator.events.filter((e) => e.type === 'payment_intent.succeeded' && e.data.object.id === started.body.paymentIntentId);
    // Stripe resends it: stored already and processed, so the intake acknowledges (202) and queues nothing.
    const resent = await fetch(`${platform.stripe!.url}/_emulator/events/${event.id}/resend`, { method: 'POST' });
    expect(await resent.json()).toMatchObject({ delivered: true, status: 202 });
    expect((await db.query(`select attempts from platform.stripe_webhook_events where event_id = $1 and processed_at is not null`, [event.id])).rows).toEqual([{ attempts: 1 }]);
    expect((await invoice(id)).payments).toHaveLength(2);

    await until(async () => (await db.query(
      `select 1 from eventstore.events where tenant_id = $1 and type = 'BillableUsageSignalled' and data->>'metric' = 'shop.stripe_paid_amount'
         and (data->>'quantity')::bigint = $2`, [shop.tenantId, GRAND_TOTAL - 200_000],
    )).rowCount === 1, 'the Stripe-paid usage signal');
  });

  it('gives the money of a second intent back at Stripe when the invoice was already settled by the first', async () => {
    const id = await issuedInvoice();
    const whole = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    const part = await shop.post(`/invoices/${id}/online-payments`, { amountMinor: 100_000 }).expect(201);
    expect(part.body.paymentIntentId).not.toBe(whole.body.paymentIntentId);
    // Both paid before Workbay hears of either (once the invoice is paid, its open links are cancelled).
    await payAllBeforeWorkbayHears(platform, [whole.body.paymentIntentId, part.body.paymentIntentId]);
    await until(async () => (await invoice(id)).status === 'paid', 'the first payment');
    await until(async () => platform.stripe!.emulator.events.some((e) => e.type === 'charge.refunded' && e.data.object.payment_intent === part.body.paymentIntentId),
      'the second payment to be refunded at Stripe');
    const after = await invoice(id);
    expect(after).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL });
    expect(after.payments).toEqual([expect.objectContaining({ reference: whole.body.paymentIntentId })]);
  });

  it('refunds a Stripe payment at Stripe and records the refund with its Stripe id', async () => {
    const id = await issuedInvoice();
    const started = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    await customerPays(started.body.paymentIntentId);
    await until(async () => (await invoice(id)).status === 'paid', 'the payment');
    const [payment] = (await invoice(id)).payments;
    const finance = await shop.invite(['finance']);
    const refunded = await finance.post(`/invoices/${id}/payments/${payment.paymentId}/refund`, { amountMinor: 100_000, reason: 'goodwill' }).expect(200);
    const after = await shop.get(`/invoices/${id}`, refunded.body.position).expect(200);
    expect(after.body).toMatchObject({ status: 'partially_paid', balanceDueMinor: 100_000 });
    expect(after.body.payments[0]).toMatchObject({ refundedMinor: 100_000, refunds: [expect.objectContaining({ reference: expect.stringMatching(/^re_/) })] });
    const atStripe = platform.stripe!.emulator.events.filter((e) => e.type === 'charge.refunded' && e.data.object.payment_intent === started.body.paymentIntentId);
    expect(atStripe).toHaveLength(1);
    await until(async () => (await db.query(
      `select 1 from eventstore.events where tenant_id = $1 and type = 'BillableUsageSignalled' and data->>'metric' = 'shop.stripe_refunded_amount'
         and (data->>'quantity')::bigint = 100000 and data->'source'->>'type' = 'PaymentRefunded'`, [shop.tenantId],
    )).rowCount === 1, 'the Stripe-refunded usage signal');
  });

  describe('a signed webhook is only the cue: money is booked from the PaymentIntent as Stripe has it', () => {
    const sdk = () => new Stripe('sk_test_e2e');
    let seq = 0;
    beforeAll(async () => { // connected and onboarded already when the whole file runs
      const { accountId } = (await shop.post('/payments/stripe-account', {})).body;
      await platform.stripe!.completeOnboarding(accountId);
    });
    /** A payment_intent.succeeded signed with the endpoint's real secret, carrying whatever `intent` claims. */
    const forge = async (intent: Record<string, unknown>) => {
      const account = (await shop.get('/payments/stripe-account').expect(200)).body.accountId as string;
      const eventId = `evt_forged_${Date.now()}_${++seq}`;
      const payload = JSON.stringify({
        id: eventId, object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), account,
        data: { object: { object: 'payment_intent', status: 'succeeded', currency: 'inr', ...intent } },
      });
      const signature = sdk().webhooks.generateTestHeaderString({ payload, secret: E2E_STRIPE_WEBHOOK_SECRET });
      await request(platform.app.getHttpServer()).post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(payload).expect(202);
      await until(async () => (await db.query('select 1 from platform.stripe_webhook_events where event_id = $1 and processed_at is not null', [eventId])).rowCount === 1,
        'the forged event to be processed');
      return eventId;
    };
    /** Stripe's own webhooks stop reaching us while `fn` runs (the intent changes at Stripe, its event is lost). */
    const withoutStripeWebhooks = async (fn: () => Promise<unknown>) => {
      const url = `http://127.0.0.1:${(platform.app.getHttpServer().address() as AddressInfo).port}/webhooks/stripe`;
      platform.stripe!.setWebhookEndpoint(undefined);
      try {
        await fn();
      } finally {
        platform.stripe!.setWebhookEndpoint({ url, secret: E2E_STRIPE_WEBHOOK_SECRET });
      }
    };
    /** Something later on the same invoice, through the same worker, so "nothing booked" is not just "not yet". */
    const settled = async (id: string) => {
      const cash = await shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: 1 }).expect(201);
      return (await shop.get(`/invoices/${id}`, cash.body.position).expect(200)).body;
    };

    it('books nothing for an intent Stripe does not know, and does not retry it', async () => {
      const id = await issuedInvoice();
      const eventId = await forge({ id: 'pi_never_created_at_stripe', amount: GRAND_TOTAL, amount_received: GRAND_TOTAL, metadata: { invoiceId: id } });
      expect((await db.query('select attempts, last_error from platform.stripe_webhook_events where event_id = $1', [eventId])).rows).toEqual([{ attempts: 1, last_error: null }]);
      expect(await settled(id)).toMatchObject({ paidMinor: 1, payments: [expect.objectContaining({ method: 'cash' })] });
    });

    it('books nothing for an intent that has not succeeded at Stripe', async () => {
      const id = await issuedInvoice();
      const started = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
      await forge({ id: started.body.paymentIntentId, amount: GRAND_TOTAL, amount_received: GRAND_TOTAL, metadata: { invoiceId: id } });
      expect(await settled(id)).toMatchObject({ paidMinor: 1, payments: [expect.objectContaining({ method: 'cash' })] });
    });

    it('books what the intent received at Stripe, not the larger amount the event claims', async () => {
      const id = await issuedInvoice();
      const started = await shop.post(`/invoices/${id}/online-payments`, { amountMinor: 100_000 }).expect(201);
      await withoutStripeWebhooks(() => customerPays(started.body.paymentIntentId));
      await forge({ id: started.body.paymentIntentId, amount: GRAND_TOTAL, amount_received: GRAND_TOTAL, metadata: { invoiceId: id } });
      const after = await settled(id);
      expect(after).toMatchObject({ status: 'partially_paid', paidMinor: 100_001 });
      expect(after.payments).toEqual([
        expect.objectContaining({ method: 'stripe', amountMinor: 100_000, reference: started.body.paymentIntentId }),
        expect.objectContaining({ method: 'cash', amountMinor: 1 }),
      ]);
    });
  });
});
