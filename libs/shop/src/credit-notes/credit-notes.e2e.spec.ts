import type { Client } from 'pg';
import type Stripe from 'stripe';
import type { Platform } from '../../../../test/support/platform-harness';
import { startStripeShop } from '../../../../test/support/stripe-shop';
import { fieldsOf } from '../../../../test/support/problems';
import { workedRepairOrder } from '../../../../test/support/repair-orders';
import { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
// test/support/repair-orders.ts: line-1 labor 1,800.00, line-2 pads 3,500.00 (both taxable), line-3 fluid 337.88 untaxed;
// CGST 9% 477.00 + SGST 9% 477.00; 6,591.88 INR.
const GRAND_TOTAL = 659_188;
const TAX_TOTAL = 95_400;

const localToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * Credit notes (issue #13 item 4): a credit note takes part of an invoice back with its tax, the
 * receivable follows, and a refund of the credited money settles the customer's credit instead of
 * re-opening the invoice. The invoice, Stripe (the emulator's state) and the dashboards agree.
 */
describe('credit notes, end to end', () => {
  let platform: Platform;
  let db: Client;
  let shop: ShopClient;
  let finance: ShopClient;
  let stripe: Stripe;
  let account: string;
  let n = 0;

  beforeAll(async () => {
    ({ platform, db, shop, finance, account, stripe } = await startStripeShop('credit-notes'));
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  /** A location of its own per test, so its dashboards hold only that test's money. */
  const newLocation = async () => (await shop.post('/locations', {
    name: `Indiranagar ${++n}`, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
  }).expect(201)).body.id as string;
  const issuedInvoice = async (locationId: string) =>
    (await shop.post(`/repair-orders/${await workedRepairOrder(platform, shop, locationId)}/invoice`, {}).expect(201)).body.id as string;
  const invoice = (id: string, position?: number) => shop.get(`/invoices/${id}`, position).then((r) => (r.status === 200 ? r.body : { payments: [] }));
  const revenueToday = async (locationId: string, position: number) => {
    const day = localToday();
    return (await shop.get(`/dashboards/revenue?from=${day}&to=${day}&locationId=${locationId}`, position).expect(200)).body.totals;
  };
  const outstanding = async (locationId: string, position: number) => (await shop.get(`/dashboards/outstanding?locationId=${locationId}`, position).expect(200)).body;

  it('goodwill after a card payment: the credit note reverses CGST + SGST, the refund goes back at Stripe, and nothing is owed or left to refund', async () => {
    const locationId = await newLocation();
    const id = await issuedInvoice(locationId);
    const link = await shop.post(`/invoices/${id}/online-payments`, {}).expect(201);
    await fetch(`${platform.stripe!.url}/_emulator/payment_intents/${link.body.paymentIntentId}/succeed`, { method: 'POST' });
    await until(async () => (await invoice(id)).status === 'paid', 'the Stripe payment to be booked');
    const paymentId = (await invoice(id)).payments[0].paymentId as string;

    const credited = await finance.post(`/invoices/${id}/credit-notes`, {
      reason: 'goodwill', note: 'brake squeal after the job', lines: [{ lineId: 'line-1', amountMinor: 50_000 }],
    }).expect(201);
    expect(credited.body).toMatchObject({ id: expect.any(String), number: expect.stringMatching(/^CN-\d{6}$/) });
    const note = await finance.get(`/credit-notes/${credited.body.id}`, credited.body.position).expect(200);
    expect(note.body).toMatchObject({
      number: credited.body.number, invoiceId: id, reason: 'goodwill', note: 'brake squeal after the job', currency: 'INR', placeOfSupply: '29',
      lines: [{ lineId: 'line-1', kind: 'labor', quantity: null, amountMinor: 50_000, taxComponents: [{ name: 'CGST', rateBps: 900, amountMinor: 4_500 }, { name: 'SGST', rateBps: 900, amountMinor: 4_500 }], taxMinor: 9_000, totalMinor: 59_000 }],
      taxSummary: [{ name: 'CGST', rateBps: 900, amountMinor: 4_500 }, { name: 'SGST', rateBps: 900, amountMinor: 4_500 }],
      subtotalMinor: 50_000, taxableSubtotalMinor: 50_000, taxTotalMinor: 9_000, grandTotalMinor: 59_000,
    });
    // Paid in full, then credited: nothing is owed, and the customer is owed 590.00 back.
    expect(await invoice(id, credited.body.position)).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL, creditedMinor: 59_000, balanceDueMinor: 0, creditBalanceMinor: 59_000 });

    // Citing the credit note, a refund gives back at most the credit balance: asked for more, nothing moves at Stripe.
    const tooMuch = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { creditNoteId: credited.body.id, amountMinor: 59_001 }).expect(422);
    expect([tooMuch.body.code, fieldsOf(tooMuch.body)]).toEqual(['REFUND_EXCEEDS_CREDIT', ['amountMinor']]);
    expect((await stripe.refunds.list({ payment_intent: link.body.paymentIntentId }, { stripeAccount: account })).data).toEqual([]);
    const refunded = await finance.post(`/invoices/${id}/payments/${paymentId}/refund`, { creditNoteId: credited.body.id, reason: 'goodwill credit' }).expect(200);
    const after = await invoice(id, refunded.body.position);
    expect(after).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL - 59_000, creditedMinor: 59_000, balanceDueMinor: 0, creditBalanceMinor: 0, paidAt: expect.any(String) });

    // Stripe holds the same money: received 6,591.88, refunded 590.00.
    const intent = await stripe.paymentIntents.retrieve(link.body.paymentIntentId, {}, { stripeAccount: account });
    const refunds = (await stripe.refunds.list({ payment_intent: link.body.paymentIntentId }, { stripeAccount: account })).data;
    expect([intent.amount_received, refunds.map((r) => r.amount)]).toEqual([GRAND_TOTAL, [59_000]]);
    expect(intent.amount_received - refunds.reduce((s, r) => s + r.amount, 0)).toBe(after.paidMinor);
    // The refund webhooks that follow book nothing more.
    await until(async () => (await db.query(`select 1 from platform.stripe_webhook_events where type = 'charge.refunded' and processed_at is not null and payload->'data'->'object'->>'payment_intent' = $1`, [link.body.paymentIntentId])).rowCount === 1,
      'the refund webhook to be processed');
    expect((await invoice(id)).payments[0]).toMatchObject({ refundedMinor: 59_000, refunds: [expect.objectContaining({ amountMinor: 59_000, creditNoteId: credited.body.id })] });

    // Dashboards: revenue and output tax net of the credit note, collected net of the refund; not outstanding.
    expect(await revenueToday(locationId, refunded.body.position)).toEqual([
      { currency: 'INR', invoiceCount: 1, invoicedMinor: GRAND_TOTAL - 59_000, taxMinor: TAX_TOTAL - 9_000, collectedMinor: GRAND_TOTAL - 59_000 },
    ]);
    expect((await outstanding(locationId, refunded.body.position)).totals).toEqual([]);

    const listed = await finance.get(`/invoices/${id}/credit-notes`, credited.body.position).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([credited.body.id]);
    const gql = await finance.graphql(`query($id: ID!) { creditNote(id: $id) { number reason grandTotalMinor taxSummary { name amountMinor } lines { lineId amountMinor } } }`,
      { id: credited.body.id }, { 'X-Min-Position': String(credited.body.position) });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.creditNote).toEqual({
      number: credited.body.number, reason: 'goodwill', grandTotalMinor: 59_000,
      taxSummary: [{ name: 'CGST', amountMinor: 4_500 }, { name: 'SGST', amountMinor: 4_500 }], lines: [{ lineId: 'line-1', amountMinor: 50_000 }],
    });
  });

  it('a returned part before payment (GraphQL): the receivable and the output tax drop, the customer pays the rest, and aging never showed the credit as owed', async () => {
    const locationId = await newLocation();
    const id = await issuedInvoice(locationId);
    const gql = await finance.graphql(`mutation($id: ID!, $input: IssueCreditNoteInput!) { issueCreditNote(invoiceId: $id, input: $input) { id number position } }`,
      { id, input: { reason: 'return', lines: [{ lineId: 'line-2', quantity: 1 }] } });
    expect(gql.body.errors).toBeUndefined();
    const { id: creditNoteId, position } = gql.body.data.issueCreditNote;
    const read = await finance.graphql(`query($id: ID!) { invoiceCreditNotes(invoiceId: $id) { items { id reason lines { lineId quantity amountMinor taxMinor } taxTotalMinor grandTotalMinor } } }`,
      { id }, { 'X-Min-Position': String(position) });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.invoiceCreditNotes.items).toEqual([{
      id: creditNoteId, reason: 'return', lines: [{ lineId: 'line-2', quantity: 1, amountMinor: 350_000, taxMinor: 63_000 }], taxTotalMinor: 63_000, grandTotalMinor: 413_000,
    }]);
    const owed = GRAND_TOTAL - 413_000;
    expect(await invoice(id, position)).toMatchObject({ status: 'issued', creditedMinor: 413_000, balanceDueMinor: owed, creditBalanceMinor: 0 });
    expect((await outstanding(locationId, position)).totals).toEqual([expect.objectContaining({ invoiceCount: 1, balanceMinor: owed })]);
    expect((await outstanding(locationId, position)).top).toEqual([expect.objectContaining({ invoiceId: id, creditedMinor: 413_000, balanceMinor: owed })]);

    const overpaid = await shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: owed + 1 }).expect(422);
    expect(fieldsOf(overpaid.body)).toEqual(['amountMinor']);
    const cash = await shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: owed }).expect(201);
    expect(await invoice(id, cash.body.position)).toMatchObject({ status: 'paid', paidMinor: owed, balanceDueMinor: 0, creditBalanceMinor: 0 });
    expect(await revenueToday(locationId, cash.body.position)).toEqual([
      { currency: 'INR', invoiceCount: 1, invoicedMinor: owed, taxMinor: TAX_TOTAL - 63_000, collectedMinor: owed },
    ]);
    expect((await outstanding(locationId, cash.body.position)).totals).toEqual([]);

    // Everything else returned too: the second credit note reverses exactly the tax left (CGST 477.00 - 315.00 = 162.00 each).
    const rest = await finance.post(`/invoices/${id}/credit-notes`, { reason: 'error', lines: [{ lineId: 'line-1', quantity: 1.5 }, { lineId: 'line-3', quantity: 0.75 }] }).expect(201);
    const restNote = (await finance.get(`/credit-notes/${rest.body.id}`, rest.body.position).expect(200)).body;
    expect(restNote.taxSummary.map((c: { amountMinor: number }) => c.amountMinor)).toEqual([16_200, 16_200]);
    expect(restNote.grandTotalMinor).toBe(owed);
    expect(await invoice(id, rest.body.position)).toMatchObject({ creditedMinor: GRAND_TOTAL, balanceDueMinor: 0, creditBalanceMinor: owed });
    // Another invoice's credit note is not this invoice's to give back (422 naming it); the cash goes back citing its own.
    const elsewhere = await finance.post(`/invoices/${await issuedInvoice(locationId)}/credit-notes`, { reason: 'goodwill', lines: [{ lineId: 'line-1', amountMinor: 100 }] }).expect(201);
    const wrong = await finance.post(`/invoices/${id}/payments/${cash.body.paymentId}/refund`, { creditNoteId: elsewhere.body.id }).expect(422);
    expect(fieldsOf(wrong.body)).toEqual(['creditNoteId']);
    const back = await finance.post(`/invoices/${id}/payments/${cash.body.paymentId}/refund`, { creditNoteId: rest.body.id }).expect(200);
    expect(await invoice(id, back.body.position)).toMatchObject({ status: 'paid', paidMinor: 0, balanceDueMinor: 0, creditBalanceMinor: 0 });
  });

  it('refuses an over-credit, a missing reason, an unknown line and a void invoice, each naming the field', async () => {
    const locationId = await newLocation();
    const id = await issuedInvoice(locationId);
    const over = await finance.post(`/invoices/${id}/credit-notes`, { reason: 'goodwill', lines: [{ lineId: 'line-1', amountMinor: 180_001 }] }).expect(422);
    expect([over.body.code, fieldsOf(over.body)]).toEqual(['CREDIT_NOTE_LINE_OVER_CREDITED', ['lines[0].amountMinor']]);
    const tooMany = await finance.post(`/invoices/${id}/credit-notes`, { reason: 'return', lines: [{ lineId: 'line-2', quantity: 2 }] }).expect(422);
    expect(fieldsOf(tooMany.body)).toEqual(['lines[0].quantity']);
    const unknown = await finance.post(`/invoices/${id}/credit-notes`, { reason: 'return', lines: [{ lineId: 'line-9', quantity: 1 }] }).expect(422);
    expect(fieldsOf(unknown.body)).toEqual(['lines[0].lineId']);
    const both = await finance.post(`/invoices/${id}/credit-notes`, { reason: 'return', lines: [{ lineId: 'line-2', quantity: 1, amountMinor: 5 }] }).expect(422);
    expect(fieldsOf(both.body)).toEqual(['lines[0].quantity']);
    const noReason = await finance.post(`/invoices/${id}/credit-notes`, { lines: [{ lineId: 'line-1', amountMinor: 100 }] }).expect(400);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    await shop.post(`/invoices/${id}/void`, { reason: 'issued to the wrong customer' }).expect(200);
    const voided = await finance.post(`/invoices/${id}/credit-notes`, { reason: 'error', lines: [{ lineId: 'line-1', amountMinor: 100 }] }).expect(422);
    expect([voided.body.code, fieldsOf(voided.body)]).toEqual(['INVOICE_NOT_CREDITABLE', ['invoiceId']]);
    // A front-desk clerk takes payments but does not credit invoices.
    const desk = await shop.invite(['front_desk']);
    await desk.post(`/invoices/${await issuedInvoice(locationId)}/credit-notes`, { reason: 'goodwill', lines: [{ lineId: 'line-1', amountMinor: 100 }] }).expect(403);
    const events = await db.query(`select count(*)::int as n from eventstore.events where tenant_id = $1 and stream_id like $2`, [shop.tenantId, `%invoice-${id}`]);
    expect(events.rows[0].n).toBe(2); // issued, voided: nothing credited
  });

  it('lets concurrent credit notes of one line together credit no more than the line, numbered without gaps', async () => {
    const locationId = await newLocation();
    const id = await issuedInvoice(locationId);
    // Each takes 40% of the pads (1,400.00 + 252.00 GST): two fit in 3,500.00, a third does not.
    const answers = await Promise.all(Array.from({ length: 6 }, () =>
      finance.post(`/invoices/${id}/credit-notes`, { reason: 'price_correction', lines: [{ lineId: 'line-2', amountMinor: 140_000 }] })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.every((s) => s === 201 || s === 422 || s === 409)).toBe(true);
    for (const refused of answers.filter((a) => a.status === 422)) expect(fieldsOf(refused.body)).toEqual(['lines[0].amountMinor']);
    const position = Math.max(...answers.filter((a) => a.status === 201).map((a) => a.body.position));
    expect(await invoice(id, position)).toMatchObject({ creditedMinor: 2 * 165_200, balanceDueMinor: GRAND_TOTAL - 2 * 165_200 });
    const credits = await db.query(`select sum((data->'grandTotal'->>'amountMinor')::int)::int as total from eventstore.events where tenant_id = $1 and type = 'InvoiceCredited' and data->>'invoiceId' = $2`, [shop.tenantId, id]);
    expect(credits.rows[0].total).toBe(2 * 165_200);
    // The tenant's series: every credit note so far, CN-000001 up, no number skipped or given twice.
    const all = (await finance.get('/credit-notes?first=100', position).expect(200)).body.items.map((c: { number: string }) => c.number).sort();
    expect(all).toEqual(all.map((_: string, i: number) => `CN-${String(i + 1).padStart(6, '0')}`));
  });

  it("answers 404 for another shop's invoice and credit note ids, and lists only the shop's own", async () => {
    const locationId = await newLocation();
    const id = await issuedInvoice(locationId);
    const mine = await finance.post(`/invoices/${id}/credit-notes`, { reason: 'goodwill', lines: [{ lineId: 'line-1', amountMinor: 1_000 }] }).expect(201);
    const other = await ShopClient.signup(platform, 'Other Motors');
    await other.post(`/invoices/${id}/credit-notes`, { reason: 'goodwill', lines: [{ lineId: 'line-1', amountMinor: 1_000 }] }).expect(404);
    await other.get(`/invoices/${id}/credit-notes`).expect(404);
    await other.get(`/credit-notes/${mine.body.id}`, mine.body.position).expect(404);
    expect((await other.get('/credit-notes', mine.body.position).expect(200)).body.items).toEqual([]);
    const gql = await other.graphql(`query($id: ID!) { creditNote(id: $id) { number } }`, { id: mine.body.id });
    expect(gql.body.errors[0].extensions).toMatchObject({ code: expect.stringMatching(/NOT_FOUND/) });
    expect(await invoice(id, mine.body.position)).toMatchObject({ creditedMinor: 1_180 });
  });
});
