import { Client } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';
import { eventually } from './support/waiting';

/**
 * A repair shop's day over HTTP, from intake to paid invoice: the "done means" walk.
 * Amounts in paise. Approved: 1.5 h x 1,200.00 + 2 h x 1,200.00 (taxable labor) and 0.75 l x
 * 450.50 = 337.875 -> 337.88 brake fluid (not taxable); declined: wiper blades 899.00.
 * GST in Karnataka for a Karnataka customer: CGST 9% + SGST 9% of 4,200.00 = 378.00 + 378.00.
 */
const LINES = [
  { kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true },
  { kind: 'labor', description: 'Adjust rear brake shoes', quantity: 2, unitPriceMinor: 120_000, taxable: true },
  { kind: 'part', description: 'Brake fluid (litres)', quantity: 0.75, unitPriceMinor: 45_050, taxable: false },
  { kind: 'part', description: 'Wiper blades', quantity: 1, unitPriceMinor: 89_900, taxable: true },
];
const SUBTOTAL = 180_000 + 240_000 + 33_788;
const GST_HALF = 37_800;
const GRAND_TOTAL = SUBTOTAL + 2 * GST_HALF;
const CASH = 200_000;
const ADDRESS = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };

describe("a repair shop's day, end to end over HTTP", () => {
  let platform: Platform;
  let db: Client;

  beforeAll(async () => {
    platform = await startPlatform({ stripe: true, prefix: 'day' });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it('takes a car from intake to a paid GST invoice, and the history, dashboards and usage show it', async () => {
    // The shop, its Bengaluru location, its people.
    const owner = await ShopClient.signup(platform, 'Ravi Motors');
    await platform.stripe!.completeOnboarding((await owner.post('/payments/stripe-account', {}).expect(201)).body.accountId);
    const locationId = (await owner.post('/locations', {
      name: 'Indiranagar', address: ADDRESS, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201)).body.id;
    const advisor = await owner.invite(['service_advisor'], { locationId, name: 'Meera (advisor)' });
    const asha = await owner.invite(['technician'], { locationId, name: 'Asha (technician)' });
    const vikram = await owner.invite(['technician'], { locationId, name: 'Vikram (technician)' });
    const frontDesk = await owner.invite(['front_desk'], { locationId });

    // Intake: customer, vehicle, odometer.
    const customerId = (await frontDesk.post('/customers', { firstName: 'Priya', lastName: 'Nair', phone: '+91 98450 11111' }).expect(201)).body.id;
    const vehicleId = (await frontDesk.post('/vehicles', {
      customerId, vin: '1HGCM82633A004352', year: 2018, make: 'Maruti', model: 'Swift', mileage: 61000,
    }).expect(201)).body.id;
    await frontDesk.post(`/vehicles/${vehicleId}/mileage`, { mileage: 61250 }).expect(200);

    // Quote with 4 lines; the customer approves 3 of them by phone.
    const quoteId = (await advisor.post('/quotes', { customerId, vehicleId, locationId, lines: LINES }).expect(201)).body.id;
    await advisor.post(`/quotes/${quoteId}/send`, { channel: 'sms' }).expect(200);
    await advisor.post(`/quotes/${quoteId}/approve`, { lineIds: ['line-1', 'line-2', 'line-3'], approvedByName: 'Priya Nair', channel: 'phone' }).expect(200);

    // The process manager opens the repair order with exactly the approved lines.
    const ro = await eventually(async () => {
      const page = await advisor.get(`/repair-orders?locationId=${locationId}`).expect(200);
      return page.body.items.find((r: { quoteId: string }) => r.quoteId === quoteId);
    }, 'the repair order');
    const roId = ro.id as string;
    const detail = await advisor.get(`/repair-orders/${roId}`).expect(200);
    expect(detail.body.lines.map((l: { lineId: string }) => l.lineId)).toEqual(['line-1', 'line-2', 'line-3']);
    expect(detail.body.deferred).toEqual([expect.objectContaining({ lineId: 'line-4', followUpOn: expect.any(String) })]);

    // Two technicians on the floor; one cannot sign off the other's line.
    await advisor.post(`/repair-orders/${roId}/lines/line-1/assign`, { technicianIds: [asha.userId] }).expect(200);
    await advisor.post(`/repair-orders/${roId}/lines/line-2/assign`, { technicianIds: [vikram.userId] }).expect(200);
    await advisor.post(`/repair-orders/${roId}/lines/line-3/assign`, { technicianIds: [asha.userId, vikram.userId] }).expect(200);
    await vikram.post(`/repair-orders/${roId}/lines/line-1/complete`, {}).expect(403);
    for (const [tech, line] of [[asha, 'line-1'], [vikram, 'line-2'], [asha, 'line-3']] as const) {
      await tech.post(`/repair-orders/${roId}/lines/${line}/start`, {}).expect(200);
      await tech.post(`/repair-orders/${roId}/lines/${line}/complete`, {}).expect(200);
    }

    // The advisor sends one line back, then approves the work.
    await advisor.post(`/repair-orders/${roId}/request-review`, {}).expect(200);
    await advisor.post(`/repair-orders/${roId}/return`, { lines: [{ lineId: 'line-2', reason: 'left rear shoe still drags' }] }).expect(200);
    const early = await advisor.post(`/repair-orders/${roId}/approve-work`, {}).expect(409);
    expect(early.body.detail).toMatch(/open/);
    await vikram.post(`/repair-orders/${roId}/lines/line-2/start`, {}).expect(200);
    await vikram.post(`/repair-orders/${roId}/lines/line-2/complete`, {}).expect(200);
    await advisor.post(`/repair-orders/${roId}/request-review`, {}).expect(200);
    await advisor.post(`/repair-orders/${roId}/approve-work`, {}).expect(200);

    // The invoice, with Karnataka GST split into CGST and SGST.
    const issued = await advisor.post(`/repair-orders/${roId}/invoice`, {}).expect(201);
    const invoiceId = issued.body.id as string;
    const invoice = await advisor.get(`/invoices/${invoiceId}`, issued.body.position).expect(200);
    expect(invoice.body).toMatchObject({
      status: 'issued', subtotalMinor: SUBTOTAL, taxTotalMinor: 2 * GST_HALF, grandTotalMinor: GRAND_TOTAL, balanceDueMinor: GRAND_TOTAL,
      taxSummary: [{ name: 'CGST', rateBps: 900, amountMinor: GST_HALF }, { name: 'SGST', rateBps: 900, amountMinor: GST_HALF }],
    });

    // Part in cash at the counter, the rest online through Stripe.
    await frontDesk.post(`/invoices/${invoiceId}/payments`, { method: 'cash', amountMinor: CASH }).expect(201);
    const online = await frontDesk.post(`/invoices/${invoiceId}/online-payments`, {}).expect(201);
    expect(online.body).toMatchObject({ amountMinor: GRAND_TOTAL - CASH, applicationFeeMinor: Math.round((GRAND_TOTAL - CASH) / 100) });
    await fetch(`${platform.stripe!.url}/_emulator/payment_intents/${online.body.paymentIntentId}/succeed`, { method: 'POST' });
    const paid = await eventually(async () => {
      const res = await advisor.get(`/invoices/${invoiceId}`);
      return res.body.status === 'paid' ? res.body : undefined;
    }, 'the Stripe webhook to settle the invoice');
    expect(paid).toMatchObject({ balanceDueMinor: 0, paidMinor: GRAND_TOTAL, paidAt: expect.any(String) });
    const head = Number((await db.query(`select max(global_position) as p from eventstore.events`)).rows[0].p);

    // The vehicle's service history shows it all.
    const history = await advisor.get(`/vehicles/${vehicleId}/history`, head).expect(200);
    expect(history.body.visits).toHaveLength(1);
    const [visit] = history.body.visits;
    expect(visit).toMatchObject({
      repairOrderId: roId, status: 'approved', mileageAtIntake: 61250, locationId,
      invoice: { invoiceId, status: 'paid', grandTotalMinor: GRAND_TOTAL, balanceDueMinor: 0 },
    });
    expect(visit.lines.map((l: { lineId: string; technicianIds: string[]; returns: number }) => [l.lineId, l.technicianIds.length, l.returns]))
      .toEqual([['line-1', 1, 0], ['line-2', 1, 1], ['line-3', 2, 0]]);

    // The dashboards, filtered to the location.
    const at = `locationId=${locationId}`;
    const board = await owner.get(`/dashboards/repair-orders?${at}`, head).expect(200);
    expect(board.body.total).toBe(1);
    expect(board.body.statuses).toEqual(expect.arrayContaining([{ status: 'approved', count: 1 }, { status: 'open', count: 0 }]));
    const techs = await owner.get(`/dashboards/technicians?${at}`, head).expect(200);
    const byTech = Object.fromEntries(techs.body.items.map((r: { technicianId: string }) => [r.technicianId, r]));
    // Asha: line-1 (1.5 h labor) + half of line-3 (a part: no hours); Vikram: line-2 (2 h) and the other half of line-3.
    expect(byTech[asha.userId]).toMatchObject({ linesCompleted: 2, soldHours: 1.5, openLines: 0 });
    expect(byTech[vikram.userId]).toMatchObject({ linesCompleted: 2, soldHours: 2, openLines: 0 });
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' });
    const revenue = await owner.get(`/dashboards/revenue?${at}&from=${today}&to=${today}`, head).expect(200);
    expect(revenue.body.totals).toEqual([{ currency: 'INR', invoiceCount: 1, invoicedMinor: GRAND_TOTAL, taxMinor: 2 * GST_HALF, collectedMinor: GRAND_TOTAL }]);
    const approval = await owner.get(`/dashboards/quote-approval?${at}`, head).expect(200);
    expect(approval.body.items).toEqual([expect.objectContaining({
      sent: 1, approved: 0, partiallyApproved: 1, declined: 0, decided: 1, approvalRate: 1,
      quotedMinor: SUBTOTAL + 89_900, approvedMinor: SUBTOTAL,
    })]);
    const outstanding = await owner.get(`/dashboards/outstanding?${at}`, head).expect(200);
    expect(outstanding.body.top).toEqual([]);

    // Billable usage for metering: one customer, one ticket, the Stripe-paid amount.
    const signals = await eventually(async () => {
      const rows = (await db.query(`select data from eventstore.events where tenant_id = $1 and type = 'BillableUsageSignalled'`, [owner.tenantId])).rows;
      return rows.length === 3 ? rows.map((r) => r.data) : undefined;
    }, 'the usage signals');
    expect(signals.map((s) => [s.metric, s.quantity]).sort()).toEqual([
      ['shop.customers_created', 1], ['shop.stripe_paid_amount', GRAND_TOTAL - CASH], ['shop.tickets_created', 1],
    ]);
  });
});
