import type { Client } from 'pg';
import type Stripe from 'stripe';
import type { Platform } from '../../../../test/support/platform-harness';
import { payAllBeforeWorkbayHears, startStripeShop } from '../../../../test/support/stripe-shop';
import { workedRepairOrder } from '../../../../test/support/repair-orders';
import { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const GRAND_TOTAL = 659_188; // see test/support/repair-orders.ts: 5,637.88 + 18% GST on 5,300.00
const FEE = Math.round(GRAND_TOTAL / 100); // plan growth: 1% platform fee

/**
 * Money a refund moves is Stripe's: the invoice, Stripe (the emulator's state) and the platform's
 * fee agree after every refund, however it was made (issue #13, items 1-3).
 */
describe('refunds of Stripe payments: the books follow Stripe', () => {
  let platform: Platform;
  let db: Client;
  let shop: ShopClient;
  let finance: ShopClient;
  let locationId: string;
  let account: string;
  let stripe: Stripe;

  beforeAll(async () => {
    ({ platform, db, shop, finance, account, stripe } = await startStripeShop('refunds'));
    const location = await shop.post('/locations', {
      name: 'Indiranagar', address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201);
    locationId = location.body.id;
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const issuedInvoice = async () => (await shop.post(`/repair-orders/${await workedRepairOrder(platform, shop, locationId)}/invoice`, {}).expect(201)).body.id as string;
  const invoice = (id: string) => shop.get(`/invoices/${id}`).then((r) => (r.status === 200 ? r.body : { status: 'not yet projected', payments: [] }));
  const customerPays = (paymentIntentId: string) =>
    fetch(`${platform.stripe!.url}/_emulator/payment_intents/${paymentIntentId}/succeed`, { method: 'POST' }).then((r) => r.json());
  const paidOnline = async (amountMinor?: number) => {
    const id = await issuedInvoice();
    const started = await shop.post(`/invoices/${id}/online-payments`, amountMinor ? { amountMinor } : {}).expect(201);
    await customerPays(started.body.paymentIntentId);
    await until(async () => (await invoice(id)).payments.some((p: { method: string }) => p.method === 'stripe'), 'the payment to be booked');
    const payment = (await invoice(id)).payments.find((p: { method: string }) => p.method === 'stripe');
    return { id, paymentIntentId: started.body.paymentIntentId as string, paymentId: payment.paymentId as string };
  };
  const refundsAtStripe = async (paymentIntentId: string) => (await stripe.refunds.list({ payment_intent: paymentIntentId }, { stripeAccount: account })).data;
  const applicationFee = (paymentIntentId: string) => {
    const intent = platform.stripe!.emulator.state.find<{ id: string; object: string; latest_charge: string }>('payment_intent', paymentIntentId).value;
    const charge = platform.stripe!.emulator.state.find<{ id: string; object: string; application_fee: string }>('charge', intent.latest_charge).value;
    return platform.stripe!.emulator.state.find<{ id: string; object: string; amount: number; amount_refunded: number }>('application_fee', charge.application_fee).value;
  };

  it('refuses a reference that is not a refund of this payment at Stripe, and books nothing', async () => {
    const { id, paymentId, paymentIntentId } = await paidOnline();
    const ticket = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { amountMinor: 1_000, reference: 'ticket-77' }).expect(422);
    expect(ticket.body.errors[0].field).toBe('reference');
    const other = await paidOnline();
    const elsewhere = await stripe.refunds.create({ payment_intent: other.paymentIntentId, amount: 500 }, { stripeAccount: account });
    const wrong = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { reference: elsewhere.id }).expect(422);
    expect(wrong.body.errors[0].field).toBe('reference');
    expect(await refundsAtStripe(paymentIntentId)).toEqual([]);
    expect(await invoice(id)).toMatchObject({ status: 'paid', balanceDueMinor: 0 });
  });

  it('books a refund made in the Stripe dashboard from the webhook, once, and accepts its reference afterwards without moving money again', async () => {
    const { id, paymentId, paymentIntentId } = await paidOnline();
    const made = await stripe.refunds.create({ payment_intent: paymentIntentId, amount: 10_000 }, { stripeAccount: account });
    await until(async () => (await invoice(id)).balanceDueMinor === 10_000, 'the dashboard refund to reach the invoice');
    const later = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { reference: made.id }).expect(200);
    const after = await shop.get(`/invoices/${id}`, later.body.position).expect(200);
    expect(after.body).toMatchObject({ status: 'partially_paid', balanceDueMinor: 10_000 });
    expect(after.body.payments[0].refunds).toEqual([expect.objectContaining({ reference: made.id, amountMinor: 10_000 })]);
    const mismatch = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { reference: made.id, amountMinor: 9_999 }).expect(422);
    expect(mismatch.body.errors[0].field).toBe('amountMinor');
    expect((await refundsAtStripe(paymentIntentId)).map((r) => r.amount)).toEqual([10_000]);
  });

  it('refunds at Stripe without a reference, books Stripe\'s refund once (webhooks included), and keeps the platform fee on a goodwill refund', async () => {
    const { id, paymentId, paymentIntentId } = await paidOnline();
    const refunded = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { amountMinor: 25_000, reason: 'goodwill' }).expect(200);
    const [atStripe] = await refundsAtStripe(paymentIntentId);
    expect(atStripe).toMatchObject({ amount: 25_000, status: 'succeeded' });
    // charge.refunded and refund.created both arrive: the refund stays booked once.
    await until(async () => (await db.query(`select 1 from platform.stripe_webhook_events where type in ('charge.refunded', 'refund.created') and processed_at is not null and payload->'data'->'object'->>'payment_intent' = $1`, [paymentIntentId])).rowCount === 2,
      'both refund webhooks to be processed');
    const after = await shop.get(`/invoices/${id}`, refunded.body.position).expect(200);
    expect(after.body.payments[0]).toMatchObject({ refundedMinor: 25_000, refunds: [expect.objectContaining({ reference: atStripe.id })] });
    expect(applicationFee(paymentIntentId)).toMatchObject({ amount: FEE, amount_refunded: 0 });
  });

  it('books only the balance of a stale link paid after cash, refunds the excess with its fee, and the three agree', async () => {
    const id = await issuedInvoice();
    const link = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    await shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: 100_000 }).expect(201);
    await customerPays(link.body.paymentIntentId);
    await until(async () => (await invoice(id)).status === 'paid', 'the balance to be booked');
    const paid = await invoice(id);
    expect(paid).toMatchObject({ paidMinor: GRAND_TOTAL, balanceDueMinor: 0 });
    expect(paid.payments).toEqual([
      expect.objectContaining({ method: 'cash', amountMinor: 100_000 }),
      expect.objectContaining({ method: 'stripe', amountMinor: GRAND_TOTAL - 100_000, reference: link.body.paymentIntentId }),
    ]);
    await until(async () => (await refundsAtStripe(link.body.paymentIntentId)).length === 1, 'the excess refund');
    expect((await refundsAtStripe(link.body.paymentIntentId)).map((r) => ({ amount: r.amount, workbay: r.metadata?.workbay }))).toEqual([{ amount: 100_000, workbay: 'excess' }]);
    // Stripe keeps the shop's money net of the excess, and Workbay's fee only on what the shop kept.
    const fee = applicationFee(link.body.paymentIntentId);
    expect(fee.amount - fee.amount_refunded).toBe(Math.round(((GRAND_TOTAL - 100_000) * FEE) / GRAND_TOTAL));
    // The excess refund's webhooks book nothing on the invoice.
    await until(async () => (await db.query(`select 1 from platform.stripe_webhook_events where type = 'charge.refunded' and processed_at is not null and payload->'data'->'object'->>'payment_intent' = $1`, [link.body.paymentIntentId])).rowCount === 1,
      'the excess refund webhook to be processed');
    const cash = await shop.post(`/invoices/${id}/payments/${paid.payments[0].paymentId}/refund`, { amountMinor: 1 }).expect(200);
    expect((await shop.get(`/invoices/${id}`, cash.body.position).expect(200)).body.payments[1]).toMatchObject({ refundedMinor: 0 });
  });

  it('gives a duplicate payment back with the platform fee, whichever payment Workbay hears of first', async () => {
    const id = await issuedInvoice();
    const whole = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    const part = await shop.post(`/invoices/${id}/online-payments`, { amountMinor: 100_000 }).expect(201);
    // Both paid before Workbay hears of either (once the invoice is paid, its open links are cancelled).
    await payAllBeforeWorkbayHears(platform, [whole.body.paymentIntentId, part.body.paymentIntentId]);
    await until(async () => (await invoice(id)).status === 'paid', 'the invoice to be paid');
    const refunds = async () => [...(await refundsAtStripe(whole.body.paymentIntentId)), ...(await refundsAtStripe(part.body.paymentIntentId))];
    await until(async () => (await refunds()).length === 1, 'the duplicate money to be refunded');
    // The webhooks are processed in either order. Whole first: the partial link is a duplicate, refunded
    // whole. Partial first: the whole link is booked up to the balance and its excess (the partial amount)
    // refunded. Either way 1,000.00 goes back at Stripe with its share of the fee, and the invoice holds
    // exactly its total.
    const [refund] = await refunds();
    expect(refund.amount).toBe(100_000);
    const wholeFirst = refund.payment_intent === part.body.paymentIntentId;
    const paid = (await invoice(id)) as { paidMinor: number; payments: Array<{ amountMinor: number }> };
    expect(paid.paidMinor).toBe(GRAND_TOTAL);
    if (wholeFirst) {
      expect(applicationFee(part.body.paymentIntentId)).toMatchObject({ amount: 1_000, amount_refunded: 1_000 });
      expect(applicationFee(whole.body.paymentIntentId)).toMatchObject({ amount: FEE, amount_refunded: 0 });
      expect(paid.payments).toHaveLength(1);
    } else {
      expect(applicationFee(part.body.paymentIntentId)).toMatchObject({ amount: 1_000, amount_refunded: 0 });
      expect(applicationFee(whole.body.paymentIntentId)).toMatchObject({ amount: FEE, amount_refunded: Math.round((FEE * 100_000) / GRAND_TOTAL) });
      expect(paid.payments.map((p) => p.amountMinor).sort((a, b) => a - b)).toEqual([100_000, GRAND_TOTAL - 100_000]);
    }
  });

  it('cancels the payment links still open at Stripe once the counter settles the invoice', async () => {
    const id = await issuedInvoice();
    const link = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    const part = await shop.post(`/invoices/${id}/online-payments`, { amountMinor: 50_000 }).expect(201);
    const counter = await shop.post(`/invoices/${id}/payments`, { method: 'card_present', amountMinor: GRAND_TOTAL, reference: '4242' }).expect(201);
    const status = (pi: string) => stripe.paymentIntents.retrieve(pi, {}, { stripeAccount: account }).then((i) => i.status);
    await until(async () => (await status(link.body.paymentIntentId)) === 'canceled' && (await status(part.body.paymentIntentId)) === 'canceled', 'both links to be cancelled at Stripe');
    const paying = await fetch(`${platform.stripe!.url}/_emulator/payment_intents/${link.body.paymentIntentId}/succeed`, { method: 'POST' });
    expect(paying.status).toBeGreaterThanOrEqual(400);
    await until(async () => (await db.query(`select 1 from eventstore.events where tenant_id = $1 and type = 'OnlinePaymentCancelled' and data->>'invoiceId' = $2`, [shop.tenantId, id])).rowCount === 2,
      'the cancellations to be noted on the invoice');
    expect((await shop.get(`/invoices/${id}`, counter.body.position).expect(200)).body).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL });
  });
});
