import type { Client } from 'pg';
import Stripe from 'stripe';
import request from 'supertest';
import { E2E_STRIPE_WEBHOOK_SECRET, Platform } from '../../../../test/support/platform-harness';
import { startStripeShop } from '../../../../test/support/stripe-shop';
import { workedRepairOrder } from '../../../../test/support/repair-orders';
import { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const GRAND_TOTAL = 659_188; // see test/support/repair-orders.ts: 5,637.88 + 18% GST on 5,300.00

/**
 * A customer's chargeback reaches the invoice through the verified inbox: while Stripe holds the
 * disputed money withdrawn the invoice shows it due again, and the invoice, Stripe (the emulator's
 * dispute) and the dashboards' collected money agree (issue #13, item 1).
 */
describe('disputes of Stripe payments: the books follow Stripe', () => {
  let platform: Platform;
  let db: Client;
  let shop: ShopClient;
  let locationId: string;
  let account: string;
  let stripe: Stripe;

  beforeAll(async () => {
    ({ platform, db, shop, account, stripe } = await startStripeShop('disputes'));
    const location = await shop.post('/locations', {
      name: 'Indiranagar', address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201);
    locationId = location.body.id;
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const invoice = (id: string) => shop.get(`/invoices/${id}`).then((r) => (r.status === 200 ? r.body : { status: 'not yet projected', payments: [] }));
  const control = async (path: string, body: Record<string, unknown> = {}) => {
    const res = await fetch(`${platform.stripe!.url}/_emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string }>;
  };
  const paidOnline = async () => {
    const id = (await shop.post(`/repair-orders/${await workedRepairOrder(platform, shop, locationId)}/invoice`, {}).expect(201)).body.id as string;
    const started = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    await control(`payment_intents/${started.body.paymentIntentId}/succeed`);
    await until(async () => (await invoice(id)).status === 'paid', 'the payment to be booked');
    const intent = await stripe.paymentIntents.retrieve(started.body.paymentIntentId, {}, { stripeAccount: account });
    return { id, paymentIntentId: intent.id, chargeId: intent.latest_charge as string };
  };
  /** Every webhook of the dispute processed by the inbox, so "nothing more booked" is not just "not yet". */
  const disputeWebhooksProcessed = (disputeId: string, count: number) =>
    until(async () => (await db.query(`select 1 from platform.stripe_webhook_events where type like 'charge.dispute.%' and processed_at is not null and payload->'data'->'object'->>'id' = $1`, [disputeId])).rowCount === count,
      `${count} webhooks of ${disputeId} to be processed`);
  const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' });
  const collectedToday = async () => {
    const totals = (await shop.get(`/dashboards/revenue?from=${today()}&to=${today()}&locationId=${locationId}`).expect(200)).body.totals as Array<{ collectedMinor: number }>;
    return totals[0]?.collectedMinor ?? 0;
  };
  const collectedBecomes = (minor: number, what: string) => until(async () => (await collectedToday()) === minor, `the dashboards' collected money to be ${minor} (${what})`);

  it('reopens the balance when the customer disputes a paid card invoice, and keeps it due when the dispute is lost', async () => {
    const { id, chargeId, paymentIntentId } = await paidOnline();
    await collectedBecomes(GRAND_TOTAL, 'paid');
    const opened = await control(`charges/${chargeId}/dispute`, { reason: 'product_not_received' });
    await until(async () => (await invoice(id)).balanceDueMinor === GRAND_TOTAL, 'the dispute to reach the invoice');
    await disputeWebhooksProcessed(opened.id, 2); // created + funds_withdrawn: booked once
    const disputed = await invoice(id);
    expect(disputed).toMatchObject({ status: 'issued', paidMinor: 0, balanceDueMinor: GRAND_TOTAL, paidAt: null });
    expect(disputed.payments).toEqual([expect.objectContaining({
      reference: paymentIntentId, amountMinor: GRAND_TOTAL, refundedMinor: 0, disputedMinor: GRAND_TOTAL,
      disputes: [expect.objectContaining({ disputeId: opened.id, amountMinor: GRAND_TOTAL, reason: 'product_not_received', status: 'needs_response', withdrawnMinor: GRAND_TOTAL, closedAt: null })],
    })]);
    // Stripe's dispute says the same.
    const atStripe = await stripe.disputes.retrieve(opened.id, {}, { stripeAccount: account });
    expect(atStripe).toMatchObject({ object: 'dispute', amount: GRAND_TOTAL, charge: chargeId, payment_intent: paymentIntentId, status: 'needs_response', currency: 'inr' });
    expect(atStripe.balance_transactions.map((t) => t.amount)).toEqual([-GRAND_TOTAL]);
    // Another shop's Stripe account does not see it.
    await expect(stripe.disputes.retrieve(opened.id)).rejects.toMatchObject({ statusCode: 404 });

    await control(`disputes/${opened.id}/close`, { status: 'lost' });
    await until(async () => (await invoice(id)).payments[0]?.disputes[0]?.status === 'lost', 'the lost dispute to reach the invoice');
    await disputeWebhooksProcessed(opened.id, 3);
    expect(await invoice(id)).toMatchObject({ status: 'issued', paidMinor: 0, balanceDueMinor: GRAND_TOTAL });
    expect((await invoice(id)).payments[0].disputes[0]).toMatchObject({ withdrawnMinor: GRAND_TOTAL, closedAt: expect.any(String) });
    await collectedBecomes(0, 'withdrawn for good');
  });

  it('settles the invoice again when the dispute is won (funds reinstated), and the dashboards\' collected money follows', async () => {
    const { id, chargeId } = await paidOnline();
    const paid = GRAND_TOTAL; // the first test's invoice is collected no more
    await collectedBecomes(paid, 'paid');
    const beforeDispute = new Date().toISOString();
    const opened = await control(`charges/${chargeId}/dispute`, { amount: 100_000 });
    await until(async () => (await invoice(id)).balanceDueMinor === 100_000, 'the partial dispute to reach the invoice');
    expect(await invoice(id)).toMatchObject({ status: 'partially_paid', paidMinor: GRAND_TOTAL - 100_000 });
    await collectedBecomes(paid - 100_000, 'withdrawn for the dispute');
    await control(`disputes/${opened.id}/close`, { status: 'won' });
    await until(async () => (await invoice(id)).status === 'paid', 'the won dispute to settle the invoice');
    await disputeWebhooksProcessed(opened.id, 4);
    const won = await invoice(id);
    expect(won).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL, balanceDueMinor: 0, paidAt: expect.any(String) });
    expect(won.payments[0]).toMatchObject({ disputedMinor: 0, disputes: [expect.objectContaining({ status: 'won', withdrawnMinor: 0 })] });
    await collectedBecomes(paid, 'reinstated');
    // The invoice as it stood (rebuilt from its events) agrees with the board, then and now.
    const asOf = async (when: string) => (await shop.get(`/invoices/${id}?asOf=${encodeURIComponent(when)}`).expect(200)).body;
    expect(await asOf(new Date().toISOString())).toEqual(won);
    expect(await asOf(beforeDispute)).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL, payments: [expect.objectContaining({ disputedMinor: 0, disputes: [] })] });
  });

  it('books nothing of a dispute larger than what of the payment is still collected (part of it refunded first)', async () => {
    const { id, chargeId, paymentIntentId } = await paidOnline();
    await stripe.refunds.create({ payment_intent: paymentIntentId, amount: 10_000 }, { stripeAccount: account });
    await until(async () => (await invoice(id)).balanceDueMinor === 10_000, 'the refund to reach the invoice');
    const opened = await control(`charges/${chargeId}/dispute`, {}); // the whole charge, refunded part included
    await disputeWebhooksProcessed(opened.id, 2);
    expect(await invoice(id)).toMatchObject({ status: 'partially_paid', paidMinor: GRAND_TOTAL - 10_000, balanceDueMinor: 10_000 });
    expect((await invoice(id)).payments[0]).toMatchObject({ refundedMinor: 10_000, disputedMinor: 0, disputes: [] });
  });

  it('a forged (unsigned) dispute webhook is refused, and a signed one naming a dispute Stripe does not have books nothing', async () => {
    const { id, chargeId, paymentIntentId } = await paidOnline();
    const claim = { id: 'du_forged', object: 'dispute', amount: GRAND_TOTAL, charge: chargeId, payment_intent: paymentIntentId, currency: 'inr', status: 'lost', reason: 'fraudulent' };
    const event = (eventId: string) => JSON.stringify({ id: eventId, object: 'event', type: 'charge.dispute.funds_withdrawn', created: Math.floor(Date.now() / 1000), account, data: { object: claim } });
    const unsigned = event(`evt_unsigned_${Date.now()}`);
    await request(platform.app.getHttpServer()).post('/webhooks/stripe').set('Content-Type', 'application/json').send(unsigned).expect(400);
    await request(platform.app.getHttpServer()).post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', 't=1,v1=deadbeef').send(unsigned).expect(400);
    const signedId = `evt_signed_${Date.now()}`;
    const signed = event(signedId);
    const signature = stripe.webhooks.generateTestHeaderString({ payload: signed, secret: E2E_STRIPE_WEBHOOK_SECRET });
    await request(platform.app.getHttpServer()).post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', signature).send(signed).expect(202);
    await until(async () => (await db.query('select 1 from platform.stripe_webhook_events where event_id = $1 and processed_at is not null', [signedId])).rowCount === 1, 'the signed forgery to be processed');
    expect((await db.query('select 1 from platform.stripe_webhook_events where event_id like $1', ['evt_unsigned_%'])).rowCount).toBe(0);
    expect(await invoice(id)).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL, balanceDueMinor: 0 });
    expect((await invoice(id)).payments[0]).toMatchObject({ disputedMinor: 0, disputes: [] });
  });
});
