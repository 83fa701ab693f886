import type { Client } from 'pg';
import type Stripe from 'stripe';
import type { Platform } from '../../../../test/support/platform-harness';
import { startStripeShop } from '../../../../test/support/stripe-shop';
import { workedRepairOrder } from '../../../../test/support/repair-orders';
import type { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const GRAND_TOTAL = 659_188; // see test/support/repair-orders.ts: 5,637.88 + 18% GST on 5,300.00
const TAX_TOTAL = 95_400;

const localDay = (offsetDays: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit' })
  .format(new Date(Date.now() + offsetDays * 86_400_000));

type StripeRow = { id: string; object: string };
type Charge = StripeRow & { amount_refunded: number; refunded: boolean };

/**
 * A refund booked while Stripe still might fail it (issue #13 item 1): when Stripe later says it
 * failed or was canceled, the money stayed with the shop, so the invoice, the dashboards and Stripe
 * (the emulator's state) agree again that it is paid; a second notice of the failure changes nothing.
 */
describe('refunds that fail at Stripe after they were booked', () => {
  let platform: Platform;
  let db: Client;
  let shop: ShopClient;
  let finance: ShopClient;
  let account: string;
  let stripe: Stripe;
  let n = 0;

  beforeAll(async () => {
    ({ platform, db, shop, finance, account, stripe } = await startStripeShop('refund-failures'));
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  /** A location of its own per test, so its dashboards hold only that test's money. */
  const newLocation = async () => (await shop.post('/locations', {
    name: `Koramangala ${++n}`, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
  }).expect(201)).body.id as string;
  const invoice = (id: string, position?: number) => shop.get(`/invoices/${id}`, position).then((r) => (r.status === 200 ? r.body : { status: 'not yet projected', payments: [] }));
  /** An invoice at a new location paid in full by card (`paymentMethod`: Stripe's test card the customer pays with). */
  const paidOnline = async (paymentMethod = 'pm_card_visa') => {
    const locationId = await newLocation();
    const id = (await shop.post(`/repair-orders/${await workedRepairOrder(platform, shop, locationId)}/invoice`, {}).expect(201)).body.id as string;
    const started = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    await emulator(`payment_intents/${started.body.paymentIntentId}/succeed`, { payment_method: paymentMethod });
    await until(async () => (await invoice(id)).status === 'paid', 'the payment to be booked');
    const payment = (await invoice(id)).payments[0];
    return { id, locationId, paymentIntentId: started.body.paymentIntentId as string, paymentId: payment.paymentId as string };
  };
  const emulator = async (path: string, body: Record<string, string> = {}) => {
    const res = await fetch(`${platform.stripe!.url}/_emulator/${path}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString(),
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  const chargeOf = (paymentIntentId: string) => {
    const state = platform.stripe!.emulator.state;
    const intent = state.find<StripeRow & { latest_charge: string }>('payment_intent', paymentIntentId).value;
    return state.find<Charge>('charge', intent.latest_charge).value;
  };
  const failures = async (invoiceId: string) => (await db.query<{ position: number; data: { refundId: string; reference: string } }>(
    `select global_position::int as position, data from eventstore.events where tenant_id = $1 and type = 'PaymentRefundFailed' and data->>'invoiceId' = $2 order by global_position`,
    [shop.tenantId, invoiceId])).rows;
  const processed = async (type: string, refundId: string) => (await db.query(
    `select 1 from platform.stripe_webhook_events where type = $1 and processed_at is not null and payload->'data'->'object'->>'id' = $2`, [type, refundId])).rowCount;
  const revenue = async (locationId: string, position: number) =>
    (await shop.get(`/dashboards/revenue?from=${localDay(-1)}&to=${localDay(1)}&locationId=${locationId}`, position).expect(200)).body.totals;
  const outstanding = async (locationId: string, position: number) => (await shop.get(`/dashboards/outstanding?locationId=${locationId}`, position).expect(200)).body.totals;

  it('a refund made through Workbay that Stripe fails: the invoice and the dashboards show it paid again, as Stripe does; a second notice changes nothing', async () => {
    const { id, locationId, paymentIntentId, paymentId } = await paidOnline();
    const refunded = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { amountMinor: 25_000, reason: 'goodwill' }).expect(200);
    const [atStripe] = (await stripe.refunds.list({ payment_intent: paymentIntentId }, { stripeAccount: account })).data;
    expect(await invoice(id, refunded.body.position)).toMatchObject({ status: 'partially_paid', paidMinor: GRAND_TOTAL - 25_000, balanceDueMinor: 25_000 });
    expect(await revenue(locationId, refunded.body.position)).toEqual([expect.objectContaining({ collectedMinor: GRAND_TOTAL - 25_000 })]);
    await until(async () => (await processed('refund.created', atStripe.id)) === 1, 'the refund webhook to be processed');

    // The customer's card was cancelled: the issuer sends the money back and Stripe fails the refund.
    await emulator(`refunds/${atStripe.id}/fail`, { failure_reason: 'expired_or_canceled_card' });
    await until(async () => (await failures(id)).length === 1, 'the failure to be booked');
    await until(async () => (await processed('refund.updated', atStripe.id)) === 1 && (await processed('refund.failed', atStripe.id)) === 1, 'both failure webhooks to be processed');
    const [failure] = await failures(id);
    expect(failure.data).toMatchObject({ refundId: refunded.body.refundId, reference: atStripe.id });

    const after = await invoice(id, failure.position);
    expect(after).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL, balanceDueMinor: 0, paidAt: expect.any(String) });
    expect(after.payments[0]).toMatchObject({
      refundedMinor: 0,
      refunds: [{
        refundId: refunded.body.refundId, amountMinor: 25_000, reference: atStripe.id, reason: 'goodwill', refundedAt: expect.any(String), creditNoteId: null,
        failure: { status: 'failed', reason: 'expired_or_canceled_card', failedAt: expect.any(String) },
      }],
    });
    // Stripe agrees: nothing of the charge is refunded, and Workbay holds what Stripe holds.
    expect(chargeOf(paymentIntentId)).toMatchObject({ amount_refunded: 0, refunded: false });
    expect((await stripe.refunds.retrieve(atStripe.id, {}, { stripeAccount: account })).status).toBe('failed');
    // The dashboards: the money is collected again (on the day the failure was booked), nothing is outstanding.
    expect(await revenue(locationId, failure.position)).toEqual([{ currency: 'INR', invoiceCount: 1, invoicedMinor: GRAND_TOTAL, taxMinor: TAX_TOTAL, collectedMinor: GRAND_TOTAL }]);
    expect(await outstanding(locationId, failure.position)).toEqual([]);
    // GraphQL shows the same failure; the view as of now is the live one.
    const gql = await shop.graphql(`query($id: ID!) { invoice(id: $id) { status paidMinor payments { refundedMinor refunds { reference failure { status reason } } } } }`,
      { id }, { 'X-Min-Position': String(failure.position) }).expect(200);
    expect(gql.body.data.invoice).toEqual({ status: 'paid', paidMinor: GRAND_TOTAL, payments: [{ refundedMinor: 0, refunds: [{ reference: atStripe.id, failure: { status: 'failed', reason: 'expired_or_canceled_card' } }] }] });
    const asOf = await shop.get(`/invoices/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`).expect(200);
    expect(asOf.body.payments).toEqual(after.payments);

    // Stripe delivers refund.failed again: the inbox and the decider both see it was booked; the invoice stream does not move.
    const { rows: [{ version }] } = await db.query(`select max(stream_version)::int as version from eventstore.events where tenant_id = $1 and stream_id like $2`, [shop.tenantId, `%invoice-${id}`]);
    const { id: eventId } = platform.stripe!.emulator.events.find((e) => e.type === 'refund.failed' && e.data.object.id === atStripe.id)!;
    expect(await emulator(`events/${eventId}/resend`)).toMatchObject({ delivered: true });
    // Another event about the same refund re-runs the handler against Stripe's state: still one reversal.
    const next = await stripe.refunds.create({ payment_intent: paymentIntentId, amount: 1_000 }, { stripeAccount: account });
    await until(async () => (await invoice(id)).payments[0].refunds.length === 2, 'the next refund to be booked');
    await until(async () => (await processed('refund.created', next.id)) === 1 && (await processed('charge.refunded', chargeOf(paymentIntentId).id)) === 2,
      'the next refund\'s webhooks to be processed');
    expect(await failures(id)).toHaveLength(1);
    const { rows: [{ version: later }] } = await db.query(`select max(stream_version)::int as version from eventstore.events where tenant_id = $1 and stream_id like $2`, [shop.tenantId, `%invoice-${id}`]);
    expect(later).toBe(version + 1); // the next refund's PaymentRefunded alone
    expect((await invoice(id)).payments[0]).toMatchObject({ refundedMinor: 1_000, refunds: [expect.objectContaining({ failure: expect.objectContaining({ status: 'failed' }) }), expect.objectContaining({ reference: next.id, failure: null })] });
  });

  it('a refund made in the Stripe dashboard, still pending when booked, that then fails: booked from the webhook, reversed from the next one', async () => {
    const { id, locationId, paymentIntentId } = await paidOnline('pm_card_pendingRefund');
    const made = await stripe.refunds.create({ payment_intent: paymentIntentId, amount: 40_000 }, { stripeAccount: account });
    expect(made.status).toBe('pending');
    await until(async () => (await invoice(id)).balanceDueMinor === 40_000, 'the pending refund to be booked from the webhook');
    expect((await invoice(id)).payments[0].refunds).toEqual([expect.objectContaining({ reference: made.id, amountMinor: 40_000, failure: null })]);

    await emulator(`refunds/${made.id}/fail`, { failure_reason: 'lost_or_stolen_card' });
    await until(async () => (await failures(id)).length === 1, 'the failure to be booked');
    const [failure] = await failures(id);
    expect(await invoice(id, failure.position)).toMatchObject({
      status: 'paid', paidMinor: GRAND_TOTAL, balanceDueMinor: 0,
      payments: [expect.objectContaining({ refundedMinor: 0, refunds: [expect.objectContaining({ reference: made.id, failure: expect.objectContaining({ status: 'failed', reason: 'lost_or_stolen_card' }) })] })],
    });
    expect(chargeOf(paymentIntentId)).toMatchObject({ amount_refunded: 0, refunded: false });
    expect(await revenue(locationId, failure.position)).toEqual([expect.objectContaining({ collectedMinor: GRAND_TOTAL })]);
    await until(async () => (await processed('refund.updated', made.id)) === 1 && (await processed('refund.failed', made.id)) === 1, 'both failure webhooks to be processed');
    expect(await failures(id)).toHaveLength(1);
  });

  it('a refund of a credit note\'s money that fails gives the customer their credit balance back, and the invoice stays paid', async () => {
    const { id, locationId, paymentIntentId, paymentId } = await paidOnline();
    const credited = await finance.post(`/invoices/${id}/credit-notes`, { reason: 'goodwill', lines: [{ lineId: 'line-1', amountMinor: 50_000 }] }).expect(201);
    const refunded = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { creditNoteId: credited.body.id }).expect(200);
    expect(await invoice(id, refunded.body.position)).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL - 59_000, balanceDueMinor: 0, creditBalanceMinor: 0 });
    const [atStripe] = (await stripe.refunds.list({ payment_intent: paymentIntentId }, { stripeAccount: account })).data;

    await emulator(`refunds/${atStripe.id}/fail`, { failure_reason: 'declined' });
    await until(async () => (await failures(id)).length === 1, 'the failure to be booked');
    const [failure] = await failures(id);
    expect(await invoice(id, failure.position)).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL, creditedMinor: 59_000, balanceDueMinor: 0, creditBalanceMinor: 59_000 });
    expect(await revenue(locationId, failure.position)).toEqual([expect.objectContaining({ invoicedMinor: GRAND_TOTAL - 59_000, collectedMinor: GRAND_TOTAL })]);
    // The credit can be given back again, with a new refund at Stripe.
    const again = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { creditNoteId: credited.body.id }).expect(200);
    expect(await invoice(id, again.body.position)).toMatchObject({ paidMinor: GRAND_TOTAL - 59_000, creditBalanceMinor: 0 });
    const atStripeNow = (await stripe.refunds.list({ payment_intent: paymentIntentId }, { stripeAccount: account })).data;
    // Both made within one second: Stripe's `created` cannot order them.
    expect(atStripeNow.map((r) => [r.amount, r.status]).sort()).toEqual([[59_000, 'failed'], [59_000, 'succeeded']]);
    expect(chargeOf(paymentIntentId)).toMatchObject({ amount_refunded: 59_000 });
  });
});
