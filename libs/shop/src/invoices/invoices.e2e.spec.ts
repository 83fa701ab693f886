import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '@workbay/platform';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { workedRepairOrder } from '../../../../test/support/repair-orders';
import { RecordPayment } from './record-payment';
import { fieldsOf } from '../../../../test/support/problems';

const BENGALURU = { line1: '100 Feet Road', line2: 'Indiranagar', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };

const GRAND_TOTAL = 659_188; // 5,637.88 + 18% of 5,300.00 (954.00) = 6,591.88 INR

describe('invoices and payments, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;
  let locationId: string;
  let n = 0;

  const approvedRepairOrder = (client: ShopClient, location: string | null, options: { approve?: boolean } = {}) =>
    workedRepairOrder(platform, client, location, options);

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
    const location = await shop.post('/locations', {
      name: `Indiranagar ${++n}`, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201);
    locationId = location.body.id;
  });
  afterAll(() => platform.close());

  it('issues a Karnataka invoice with CGST 9% + SGST 9% to the paisa, takes cash then a check, and is paid', async () => {
    const repairOrderId = await approvedRepairOrder(shop, locationId);
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    const id = issued.body.id;
    const read = await shop.get(`/invoices/${id}`, issued.body.position).expect(200);
    expect(read.body).toMatchObject({
      id, number: expect.stringMatching(/^INV-\d{6}$/), status: 'issued', repairOrderId, locationId, currency: 'INR', currencyExponent: 2,
      placeOfSupply: '29', jurisdiction: { kind: 'IN_GST', stateCode: '29' },
      taxSummary: [{ name: 'CGST', rateBps: 900, amountMinor: 47_700 }, { name: 'SGST', rateBps: 900, amountMinor: 47_700 }],
      subtotalMinor: 563_788, taxableSubtotalMinor: 530_000, taxTotalMinor: 95_400, grandTotalMinor: GRAND_TOTAL,
      paidMinor: 0, balanceDueMinor: GRAND_TOTAL, payments: [], paidAt: null, version: 1,
    });
    expect(read.body.lines.map((l: { lineId: string; amountMinor: number; taxComponents: { name: string; amountMinor: number }[]; totalMinor: number }) =>
      [l.lineId, l.amountMinor, l.taxComponents.map((c) => `${c.name} ${c.amountMinor}`), l.totalMinor])).toEqual([
      ['line-1', 180_000, ['CGST 16200', 'SGST 16200'], 212_400],
      ['line-2', 350_000, ['CGST 31500', 'SGST 31500'], 413_000],
      ['line-3', 33_788, [], 33_788],
    ]);
    const beforePayments = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));

    const cash = await shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: 200_000 }).expect(201);
    const partial = await shop.get(`/invoices/${id}`, cash.body.position).expect(200);
    expect(partial.body).toMatchObject({ status: 'partially_paid', paidMinor: 200_000, balanceDueMinor: GRAND_TOTAL - 200_000, paidAt: null });

    const over = await shop.post(`/invoices/${id}/payments`, { method: 'check', amountMinor: GRAND_TOTAL - 200_000 + 1, reference: 'chq 004512' }).expect(422);
    expect(over.body).toMatchObject({ code: 'INVOICE_OVERPAYMENT' });
    expect(fieldsOf(over.body)).toEqual(['amountMinor']);

    const check = await shop.post(`/invoices/${id}/payments`, { method: 'check', amountMinor: GRAND_TOTAL - 200_000, reference: 'chq 004512' }).expect(201);
    // The same check recorded again (a double click, a retry) is the same payment, not a second one.
    const again = await shop.post(`/invoices/${id}/payments`, { method: 'check', amountMinor: GRAND_TOTAL - 200_000, reference: 'chq 004512' }).expect(201);
    expect(again.body.paymentId).toBe(check.body.paymentId);
    const settled = await shop.get(`/invoices/${id}`, check.body.position).expect(200);
    expect(settled.body).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL, balanceDueMinor: 0, paidAt: expect.any(String) });
    expect(settled.body.payments.map((p: { method: string; amountMinor: number }) => [p.method, p.amountMinor])).toEqual([['cash', 200_000], ['check', GRAND_TOTAL - 200_000]]);
    await shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: 1 }).expect(422);

    const then = await shop.get(`/invoices/${id}?asOf=${encodeURIComponent(beforePayments)}`).expect(200);
    expect(then.body).toMatchObject({ status: 'issued', paidMinor: 0, balanceDueMinor: GRAND_TOTAL, payments: [], version: 1 });

    const paidList = await shop.get(`/invoices?status=paid&locationId=${locationId}`, check.body.position).expect(200);
    expect(paidList.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const byCustomer = await shop.get(`/invoices?customerId=${read.body.customerId}`).expect(200);
    expect(byCustomer.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const issuedList = await shop.get('/invoices?status=issued').expect(200);
    expect(issuedList.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('charges IGST 18% when the place of supply is another state, and gives each invoice the next number', async () => {
    const first = await shop.post(`/repair-orders/${await approvedRepairOrder(shop, locationId)}/invoice`, {}).expect(201);
    const repairOrderId = await approvedRepairOrder(shop, locationId);
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, { placeOfSupplyStateCode: '27' }).expect(201);
    const read = await shop.get(`/invoices/${issued.body.id}`, issued.body.position).expect(200);
    expect(read.body).toMatchObject({
      placeOfSupply: '27', taxSummary: [{ name: 'IGST', rateBps: 1800, amountMinor: 95_400 }], taxTotalMinor: 95_400, grandTotalMinor: GRAND_TOTAL,
    });
    expect(read.body.lines[0].taxComponents).toEqual([{ name: 'IGST', rateBps: 1800, amountMinor: 32_400 }]);
    const firstRead = await shop.get(`/invoices/${first.body.id}`, first.body.position).expect(200);
    const seq = (number: string) => Number(number.slice('INV-'.length));
    expect(seq(read.body.number)).toBe(seq(firstRead.body.number) + 1);

    const twice = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(409);
    expect(twice.body).toMatchObject({ code: 'INVOICE_ALREADY_ISSUED', detail: expect.stringContaining(read.body.number) });
    const badState = await shop.post(`/repair-orders/${await approvedRepairOrder(shop, locationId)}/invoice`, { placeOfSupplyStateCode: '99' }).expect(422);
    expect(fieldsOf(badState.body)).toEqual(['placeOfSupplyStateCode']);
  });

  it('issues one invoice when advisors invoice the same repair order at once; the others hear which (409)', async () => {
    const repairOrderId = await approvedRepairOrder(shop, locationId);
    const all = await Promise.all(Array.from({ length: 6 }, () => shop.post(`/repair-orders/${repairOrderId}/invoice`, {})));
    expect(all.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const won = all.find((r) => r.status === 201)!;
    const read = await shop.get(`/invoices/${won.body.id}`, won.body.position).expect(200);
    for (const lost of all.filter((r) => r.status === 409)) {
      expect(lost.body).toMatchObject({ code: 'INVOICE_ALREADY_ISSUED', detail: expect.stringContaining(read.body.number) });
    }
  });

  it('numbers invoices issued at the same instant without a gap or a duplicate', async () => {
    const repairOrders = await Promise.all(Array.from({ length: 5 }, () => approvedRepairOrder(shop, locationId)));
    const issued = await Promise.all(repairOrders.map((id) => shop.post(`/repair-orders/${id}/invoice`, {})));
    expect(issued.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const last = Math.max(...issued.map((r) => r.body.position));
    const numbers = await Promise.all(issued.map(async (r) => (await shop.get(`/invoices/${r.body.id}`, last).expect(200)).body.number as string));
    const seqs = numbers.map((x) => Number(x.slice(4))).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });

  it('refuses to invoice a repair order not yet approved (409 naming its status) or without a location (422)', async () => {
    const open = await shop.post(`/repair-orders/${await approvedRepairOrder(shop, locationId, { approve: false })}/invoice`, {}).expect(409);
    expect(open.body).toMatchObject({ code: 'REPAIR_ORDER_NOT_APPROVED', detail: expect.stringMatching(/repair order is open/) });
    const locationless = await approvedRepairOrder(shop, null);
    const nowhere = await shop.post(`/repair-orders/${locationless}/invoice`, {}).expect(422);
    expect(fieldsOf(nowhere.body)).toEqual(['locationId']);
    const unknown = await shop.post(`/repair-orders/${locationless}/invoice`, { locationId: randomUUID() }).expect(422); // a body's id: 422, not 404
    expect(fieldsOf(unknown.body)).toEqual(['locationId']);
    const placed = await shop.post(`/repair-orders/${locationless}/invoice`, { locationId }).expect(201);
    const read = await shop.get(`/invoices/${placed.body.id}`, placed.body.position).expect(200);
    expect(read.body).toMatchObject({ locationId, taxSummary: [{ name: 'CGST' }, { name: 'SGST' }] });
    const elsewhere = await shop.post(`/repair-orders/${await approvedRepairOrder(shop, locationId)}/invoice`, { locationId: read.body.customerId }).expect(400);
    expect(fieldsOf(elsewhere.body)).toEqual(['locationId']);
    await shop.post(`/repair-orders/${randomUUID()}/invoice`, {}).expect(404);
  });

  it('re-invoices a repair order whose invoice was voided, under a new number, and keeps the void one on record', async () => {
    const repairOrderId = await approvedRepairOrder(shop, locationId);
    const first = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    const paid = await shop.post(`/invoices/${first.body.id}/payments`, { method: 'cash', amountMinor: 1_000 }).expect(201);
    const refusedWithMoney = await shop.post(`/invoices/${first.body.id}/void`, { reason: 'wrong place of supply' }).expect(409);
    expect(refusedWithMoney.body.detail).toMatch(/paid|payment/i);
    await shop.post(`/invoices/${first.body.id}/payments/${paid.body.paymentId}/refund`, { amountMinor: 1_000 }).expect(200);
    await shop.post(`/invoices/${first.body.id}/void`, { reason: 'wrong place of supply' }).expect(200);

    const second = await shop.post(`/repair-orders/${repairOrderId}/invoice`, { placeOfSupplyStateCode: '27' }).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    const again = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(409);
    expect(again.body.code).toBe('INVOICE_ALREADY_ISSUED');

    const [voided, reissued] = await Promise.all([first, second].map(async (r) => (await shop.get(`/invoices/${r.body.id}`, second.body.position).expect(200)).body));
    expect(voided).toMatchObject({ status: 'void', voidReason: 'wrong place of supply', repairOrderId });
    expect(reissued).toMatchObject({ status: 'issued', repairOrderId, placeOfSupply: '27', taxSummary: [{ name: 'IGST' }], balanceDueMinor: GRAND_TOTAL });
    expect(Number(reissued.number.slice(4))).toBeGreaterThan(Number(voided.number.slice(4)));
  });

  it('refunds part of a payment, which re-opens the balance, and lets only finance refund', async () => {
    const issued = await shop.post(`/repair-orders/${await approvedRepairOrder(shop, locationId)}/invoice`, {}).expect(201);
    const id = issued.body.id;
    const card = await shop.post(`/invoices/${id}/payments`, { method: 'card_present', amountMinor: GRAND_TOTAL, reference: '4242' }).expect(201);

    const desk = await shop.invite(['front_desk']);
    await desk.post(`/invoices/${id}/payments/${card.body.paymentId}/refund`, { amountMinor: 100 }).expect(403);
    const finance = await shop.invite(['finance']);
    const tooMuch = await finance.post(`/invoices/${id}/payments/${card.body.paymentId}/refund`, { amountMinor: GRAND_TOTAL + 1 }).expect(422);
    expect(fieldsOf(tooMuch.body)).toEqual(['amountMinor']);
    const refunded = await finance.post(`/invoices/${id}/payments/${card.body.paymentId}/refund`, { amountMinor: 50_000, reason: 'pads returned' }).expect(200);
    const read = await finance.get(`/invoices/${id}`, refunded.body.position).expect(200);
    expect(read.body).toMatchObject({ status: 'partially_paid', paidMinor: GRAND_TOTAL - 50_000, balanceDueMinor: 50_000, paidAt: null });
    expect(read.body.payments[0]).toMatchObject({ refundedMinor: 50_000, refunds: [{ refundId: refunded.body.refundId, amountMinor: 50_000, reason: 'pads returned' }] });

    const paidAgain = await desk.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: 50_000 }).expect(201);
    const settled = await desk.get(`/invoices/${id}`, paidAgain.body.position).expect(200);
    expect(settled.body).toMatchObject({ status: 'paid', balanceDueMinor: 0 });
  });

  it('never takes more than the balance from payments racing each other at the counter', async () => {
    const issued = await shop.post(`/repair-orders/${await approvedRepairOrder(shop, locationId)}/invoice`, {}).expect(201);
    const id = issued.body.id;
    const tries = await Promise.all(Array.from({ length: 6 }, () => shop.post(`/invoices/${id}/payments`, { method: 'cash', amountMinor: 200_000 })));
    const taken = tries.filter((r) => r.status === 201);
    // 3 x 2,000.00 fit in 6,591.88; the rest are refused on the balance they find (422) or, racing too long, as a conflict (409).
    expect(taken).toHaveLength(3);
    expect(tries.filter((r) => r.status !== 201).map((r) => r.status).every((s) => s === 422 || s === 409)).toBe(true);
    const read = await shop.get(`/invoices/${id}`, Math.max(...taken.map((r) => r.body.position))).expect(200);
    expect(read.body).toMatchObject({ status: 'partially_paid', paidMinor: 600_000, balanceDueMinor: GRAND_TOTAL - 600_000 });
  });

  it('records a Stripe payment delivered several times at once (webhook retries) exactly once, as the system', async () => {
    const issued = await shop.post(`/repair-orders/${await approvedRepairOrder(shop, locationId)}/invoice`, {}).expect(201);
    const id = issued.body.id;
    const commands = platform.app.get(CommandBus);
    const context = platform.app.get(RequestContext);
    const deliver = (i: number) => context.runAsSystemFor(shop.tenantId, { actor: 'system:stripe', causationId: `evt_${i}` }, () =>
      commands.execute(new RecordPayment(id, { method: 'stripe', amountMinor: GRAND_TOTAL, reference: 'pi_3Nwebhook' })));
    const results = await Promise.all([1, 2, 3, 4, 5].map(deliver));
    expect(new Set(results.map((r) => r.paymentId)).size).toBe(1);
    const read = await shop.get(`/invoices/${id}`, Math.max(...results.map((r) => r.position))).expect(200);
    expect(read.body).toMatchObject({ status: 'paid', paidMinor: GRAND_TOTAL, balanceDueMinor: 0 });
    expect(read.body.payments).toEqual([expect.objectContaining({ method: 'stripe', reference: 'pi_3Nwebhook', amountMinor: GRAND_TOTAL })]);
  });

  it('keeps technicians out of invoices and hides one tenant\'s invoices from another', async () => {
    const repairOrderId = await approvedRepairOrder(shop, locationId);
    const technician = await shop.invite(['technician']);
    await technician.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(403);
    const issued = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    await technician.get(`/invoices/${issued.body.id}`).expect(403);
    await technician.post(`/invoices/${issued.body.id}/payments`, { method: 'cash', amountMinor: 100 }).expect(403);

    const stripe = await shop.post(`/invoices/${issued.body.id}/payments`, { method: 'stripe', amountMinor: 100, reference: 'pi_made_up' }).expect(422);
    expect(fieldsOf(stripe.body)).toEqual(['method']);

    const other = await ShopClient.signup(platform, 'Other Garage');
    await other.get(`/invoices/${issued.body.id}`, issued.body.position).expect(404);
    await other.post(`/invoices/${issued.body.id}/payments`, { method: 'cash', amountMinor: 100 }).expect(404);
    await other.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(404);
    const list = await other.get('/invoices', issued.body.position).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('issues, pays, refunds and reads an invoice over GraphQL', async () => {
    const repairOrderId = await approvedRepairOrder(shop, locationId);
    const issued = await shop.graphql(`mutation($id: ID!) { issueInvoice(repairOrderId: $id, input: { placeOfSupplyStateCode: "27" }) { id position } }`, { id: repairOrderId }).expect(200);
    expect(issued.body.errors).toBeUndefined();
    const id = issued.body.data.issueInvoice.id;
    const payment = await shop.graphql(
      `mutation($id: ID!) { recordPayment(id: $id, input: { method: check, amountMinor: 100000, reference: "chq 000123" }) { paymentId position } }`, { id },
    ).expect(200);
    expect(payment.body.errors).toBeUndefined();
    const { paymentId, position } = payment.body.data.recordPayment;
    const refunded = await shop.graphql(`mutation($id: ID!, $p: ID!) { refundPayment(id: $id, paymentId: $p, input: { amountMinor: 100000 }) { refundId position } }`, { id, p: paymentId }).expect(200);
    expect(refunded.body.errors).toBeUndefined();

    const read = await shop.graphql(
      `query($id: ID!) { invoice(id: $id) { number status paidMinor balanceDueMinor taxSummary { name amountMinor } payments { method reference refundedMinor } } }`,
      { id }, { 'X-Min-Position': String(Math.max(position, refunded.body.data.refundPayment.position)) },
    ).expect(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.invoice).toMatchObject({
      status: 'issued', paidMinor: 0, balanceDueMinor: GRAND_TOTAL, taxSummary: [{ name: 'IGST', amountMinor: 95_400 }],
      payments: [{ method: 'check', reference: 'chq 000123', refundedMinor: 100_000 }],
    });
    const list = await shop.graphql(`query { invoices(status: issued) { items { id } } }`).expect(200);
    expect(list.body.data.invoices.items.map((i: { id: string }) => i.id)).toContain(id);
  });
});
