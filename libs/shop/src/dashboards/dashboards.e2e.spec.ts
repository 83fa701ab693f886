import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { createWorker } from '../../../../apps/worker/src/create-worker';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient, THREE_LINES } from '../../../../test/support/shop-client';
import type { InvoiceEvent } from '../invoices/invoice.events';
import type { QuoteLine } from '../quotes/quote.events';
import type { ClockInterval, RepairOrderEvent } from '../repair-orders/repair-order.events';
import { localDay } from './dashboard.rules';
import { dashboardsProjection, SHOP_DASHBOARDS } from './dashboards.projection';
import { fieldsOf } from '../../../../test/support/problems';

const BENGALURU = { line1: '100 Feet Road', line2: 'Indiranagar', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const GST_KARNATAKA = { kind: 'IN_GST', stateCode: '29' };
const DAY = 86_400_000;

/**
 * Quotes and locations go through HTTP; repair-order and invoice events are written straight to
 * the event store (with fixed instants, so local days are known), as their commands would write them.
 */
describe('shop dashboards, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;
  let store: EventStore;
  let kolkata: string;
  let newYork: string;
  let quotesAt: string;
  let position = 0;
  const T1 = randomUUID();
  const T2 = randomUUID();
  const T3 = randomUUID();
  const T4 = randomUUID();
  const ids = { inv1: randomUUID(), inv2: randomUUID(), inv3: randomUUID(), inv4: randomUUID() };
  const now = Date.now();
  const inv4IssuedAt = new Date(now - 45 * DAY).toISOString();

  const append = async (tenantId: string, category: string, id: string, events: (RepairOrderEvent | InvoiceEvent)[]) => {
    const result = await store.append(tenantId, streamIdFor(tenantId, category, id), events, { expectedVersion: 0, metadata: { actor: 'test' } });
    position = Math.max(position, result.globalPosition);
  };

  const labor = (quantity: number): QuoteLine => ({ lineId: randomUUID(), kind: 'labor', description: 'Labor', quantity, unitPriceMinor: 100000, taxable: true });
  const part = (): QuoteLine => ({ lineId: randomUUID(), kind: 'part', description: 'Part', quantity: 1, unitPriceMinor: 5000, taxable: true });
  const opened = (repairOrderId: string, locationId: string | null, lines: QuoteLine[], openedAt: string): RepairOrderEvent => ({
    type: 'RepairOrderOpened',
    data: { repairOrderId, quoteId: randomUUID(), customerId: randomUUID(), vehicleId: randomUUID(), locationId, currency: 'INR', lines, deferred: [], openedAt },
  });
  const assign = (repairOrderId: string, lineId: string, technicianIds: string[], assignedAt: string): RepairOrderEvent =>
    ({ type: 'TechnicianAssigned', data: { repairOrderId, lineId, technicianIds, assignedAt, stoppedClocks: [] } });
  const start = (repairOrderId: string, lineId: string, technicianId: string, startedAt: string): RepairOrderEvent =>
    ({ type: 'WorkStarted', data: { repairOrderId, lineId, technicianId, startedAt } });
  const complete = (repairOrderId: string, lineId: string, technicianId: string, completedAt: string, stoppedClocks: ClockInterval[]): RepairOrderEvent =>
    ({ type: 'WorkCompleted', data: { repairOrderId, lineId, technicianId, completedAt, stoppedClocks } });
  const clock = (technicianId: string, startedAt: string, stoppedAt: string): ClockInterval => ({ technicianId, startedAt, stoppedAt });
  const money = (amountMinor: number) => ({ amountMinor, currency: 'INR' });
  const issued = (invoiceId: string, locationId: string, grand: number, tax: number, issuedAt: string): InvoiceEvent => ({
    type: 'InvoiceIssued',
    data: {
      invoiceId, number: `INV-${invoiceId.slice(0, 6)}`, repairOrderId: randomUUID(), customerId: randomUUID(), vehicleId: randomUUID(), locationId,
      currency: 'INR', currencyExponent: 2, jurisdiction: { kind: 'IN_GST', stateCode: '29' } as never, placeOfSupply: '29', lines: [], taxSummary: [],
      subtotal: money(grand - tax), taxableSubtotal: money(grand - tax), taxTotal: money(tax), grandTotal: money(grand), issuedAt,
    },
  });
  const paid = (invoiceId: string, paymentId: string, amount: number, receivedAt: string): InvoiceEvent =>
    ({ type: 'PaymentRecorded', data: { invoiceId, paymentId, method: 'cash', amount: money(amount), reference: null, receivedAt } });

  const openLocation = async (name: string, timezone: string) => {
    const res = await shop.post('/locations', { name, address: BENGALURU, timezone, taxJurisdiction: GST_KARNATAKA }).expect(201);
    position = Math.max(position, res.body.position);
    return res.body.id as string;
  };

  /** Reads after everything written so far is in (fails rather than read a stale board). */
  const get = (path: string) => shop.get(path, position).expect(200).then((res) => {
    expect(res.headers['x-read-model-caught-up']).toBe('true');
    return res.body;
  });

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
    store = platform.app.get<EventStore>(EVENT_STORE);
    kolkata = await openLocation('Indiranagar', 'Asia/Kolkata');
    newYork = await openLocation('Queens', 'America/New_York');
    quotesAt = await openLocation('Koramangala', 'Asia/Kolkata');
    const t = shop.tenantId;

    // RO1 at Kolkata: a 2 h labor line worked by T1 and T2, a 1.5 h line by T1 (later returned), a part by T2.
    const [a, b, c] = [labor(2), labor(1.5), part()];
    const ro1 = randomUUID();
    await append(t, 'repair-order', ro1, [
      opened(ro1, kolkata, [a, b, c], '2025-06-10T02:00:00.000Z'),
      assign(ro1, a.lineId, [T1, T2], '2025-06-10T02:30:00.000Z'),
      assign(ro1, b.lineId, [T1], '2025-06-10T02:30:00.000Z'),
      assign(ro1, c.lineId, [T2], '2025-06-10T02:30:00.000Z'),
      start(ro1, a.lineId, T1, '2025-06-10T03:00:00.000Z'),
      start(ro1, a.lineId, T2, '2025-06-10T03:00:00.000Z'),
      complete(ro1, a.lineId, T1, '2025-06-10T04:00:00.000Z', [clock(T1, '2025-06-10T03:00:00.000Z', '2025-06-10T04:00:00.000Z'), clock(T2, '2025-06-10T03:00:00.000Z', '2025-06-10T04:00:00.000Z')]),
      start(ro1, b.lineId, T1, '2025-06-10T04:00:00.000Z'),
      complete(ro1, b.lineId, T1, '2025-06-10T05:30:00.000Z', [clock(T1, '2025-06-10T04:00:00.000Z', '2025-06-10T05:30:00.000Z')]),
      start(ro1, c.lineId, T2, '2025-06-10T05:00:00.000Z'),
      complete(ro1, c.lineId, T2, '2025-06-10T05:30:00.000Z', [clock(T2, '2025-06-10T05:00:00.000Z', '2025-06-10T05:30:00.000Z')]),
      { type: 'AdvisorReviewRequested', data: { repairOrderId: ro1, requestedAt: '2025-06-10T06:00:00.000Z' } },
      { type: 'WorkReturned', data: { repairOrderId: ro1, lineId: b.lineId, reason: 'still squeals', returnedAt: '2025-06-10T06:30:00.000Z' } },
    ]);
    // RO2 at Kolkata, approved: T3 finishes at 20:00 UTC, which is already 11 June in Kolkata.
    const d = labor(1);
    const ro2 = randomUUID();
    await append(t, 'repair-order', ro2, [
      opened(ro2, kolkata, [d], '2025-06-10T18:00:00.000Z'),
      assign(ro2, d.lineId, [T3], '2025-06-10T18:00:00.000Z'),
      start(ro2, d.lineId, T3, '2025-06-10T19:30:00.000Z'),
      complete(ro2, d.lineId, T3, '2025-06-10T20:00:00.000Z', [clock(T3, '2025-06-10T19:30:00.000Z', '2025-06-10T20:00:00.000Z')]),
      { type: 'AdvisorReviewRequested', data: { repairOrderId: ro2, requestedAt: '2025-06-10T20:05:00.000Z' } },
      { type: 'WorkApproved', data: { repairOrderId: ro2, approvedAt: '2025-06-10T20:10:00.000Z' } },
    ]);
    // RO3 at New York, awaiting review: 02:00 UTC on 11 June is still 10 June there.
    const e = labor(0.5);
    const ro3 = randomUUID();
    await append(t, 'repair-order', ro3, [
      opened(ro3, newYork, [e], '2025-06-11T00:00:00.000Z'),
      assign(ro3, e.lineId, [T4], '2025-06-11T00:00:00.000Z'),
      start(ro3, e.lineId, T4, '2025-06-11T01:00:00.000Z'),
      complete(ro3, e.lineId, T4, '2025-06-11T02:00:00.000Z', [clock(T4, '2025-06-11T01:00:00.000Z', '2025-06-11T02:00:00.000Z')]),
      { type: 'AdvisorReviewRequested', data: { repairOrderId: ro3, requestedAt: '2025-06-11T02:05:00.000Z' } },
    ]);
    // RO4 without a location (opened before locations existed).
    const ro4 = randomUUID();
    await append(t, 'repair-order', ro4, [opened(ro4, null, [part()], '2025-06-11T00:00:00.000Z')]);

    // Invoices: INV1 at Kolkata partly paid; INV2 at New York paid then partly refunded; INV3 voided; INV4 recent and unpaid.
    await append(t, 'invoice', ids.inv1, [
      issued(ids.inv1, kolkata, 118000, 18000, '2025-06-10T20:00:00.000Z'),
      paid(ids.inv1, randomUUID(), 50000, '2025-06-11T05:00:00.000Z'),
    ]);
    const pay2 = randomUUID();
    await append(t, 'invoice', ids.inv2, [
      issued(ids.inv2, newYork, 59000, 9000, '2025-06-11T02:00:00.000Z'),
      paid(ids.inv2, pay2, 59000, '2025-06-11T03:00:00.000Z'),
      { type: 'InvoicePaid', data: { invoiceId: ids.inv2, amountPaid: money(59000), paidAt: '2025-06-11T03:00:00.000Z' } },
      { type: 'PaymentRefunded', data: { invoiceId: ids.inv2, paymentId: pay2, refundId: randomUUID(), amount: money(10000), reason: null, reference: null, refundedAt: '2025-06-12T15:00:00.000Z' } },
    ]);
    await append(t, 'invoice', ids.inv3, [
      issued(ids.inv3, kolkata, 20000, 3000, '2025-06-12T06:00:00.000Z'),
      { type: 'InvoiceVoided', data: { invoiceId: ids.inv3, reason: 'wrong customer', voidedAt: '2025-06-12T07:00:00.000Z' } },
    ]);
    await append(t, 'invoice', ids.inv4, [issued(ids.inv4, newYork, 30000, 0, inv4IssuedAt)]);
  });
  afterAll(() => platform.close());

  it('counts repair orders per location and status', async () => {
    const atKolkata = await get(`/dashboards/repair-orders?locationId=${kolkata}`);
    expect(atKolkata).toEqual({
      locations: [{ locationId: kolkata, total: 2, statuses: [{ status: 'open', count: 1 }, { status: 'awaiting_review', count: 0 }, { status: 'approved', count: 1 }] }],
      statuses: [{ status: 'open', count: 1 }, { status: 'awaiting_review', count: 0 }, { status: 'approved', count: 1 }],
      total: 2,
    });
    const all = await get('/dashboards/repair-orders');
    const row = (locationId: string | null) => all.locations.find((l: { locationId: string | null }) => l.locationId === locationId);
    expect(row(newYork).statuses).toContainEqual({ status: 'awaiting_review', count: 1 });
    expect(row(null)).toMatchObject({ total: 1, statuses: expect.arrayContaining([{ status: 'open', count: 1 }]) });

    const gql = await shop.graphql(`query($id: ID) { repairOrderStatusBoard(locationId: $id) { total statuses { status count } } }`, { id: newYork }, { 'X-Min-Position': String(position) });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.repairOrderStatusBoard).toEqual({ total: 1, statuses: [{ status: 'open', count: 0 }, { status: 'awaiting_review', count: 1 }, { status: 'approved', count: 0 }] });
  });

  it('splits sold hours among the technicians on a line, takes back a returned line, and rates efficiency', async () => {
    const { items } = await get(`/dashboards/technicians?locationId=${kolkata}`);
    expect(items).toEqual(expect.arrayContaining([
      // a (2 h, split with T2) stays completed; b (1.5 h) was returned: open again, its hours taken back, its 90 minutes kept.
      { technicianId: T1, locationId: kolkata, openLines: 1, linesCompleted: 1, clockedMinutes: 150, soldHours: 1, efficiency: 0.4 },
      { technicianId: T2, locationId: kolkata, openLines: 0, linesCompleted: 2, clockedMinutes: 90, soldHours: 1, efficiency: 0.6667 },
      { technicianId: T3, locationId: kolkata, openLines: 0, linesCompleted: 1, clockedMinutes: 30, soldHours: 1, efficiency: 2 },
    ]));
    expect(items).toHaveLength(3);

    // T3's work ended at 20:00 UTC on 10 June: 11 June in Kolkata. T1's open line shows whatever the range.
    const eleventh = await get(`/dashboards/technicians?locationId=${kolkata}&from=2025-06-11&to=2025-06-11`);
    expect(eleventh.items).toEqual([
      { technicianId: T1, locationId: kolkata, openLines: 1, linesCompleted: 0, clockedMinutes: 0, soldHours: 0, efficiency: null },
      { technicianId: T3, locationId: kolkata, openLines: 0, linesCompleted: 1, clockedMinutes: 30, soldHours: 1, efficiency: 2 },
    ].sort((x, y) => x.technicianId.localeCompare(y.technicianId)));

    const gql = await shop.graphql(`query($id: ID, $from: String, $to: String) { technicianEfficiency(locationId: $id, from: $from, to: $to) { items { technicianId soldHours clockedMinutes efficiency } } }`,
      { id: newYork, from: '2025-06-10', to: '2025-06-10' }, { 'X-Min-Position': String(position) });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.technicianEfficiency.items).toEqual([{ technicianId: T4, soldHours: 0.5, clockedMinutes: 60, efficiency: 0.5 }]);
  });

  it("sums invoiced and collected money per local day of each location, leaving voided invoices out", async () => {
    const june = await get('/dashboards/revenue?from=2025-06-01&to=2025-06-30');
    expect(june.days).toEqual([
      { day: '2025-06-10', locationId: newYork, currency: 'INR', invoiceCount: 1, invoicedMinor: 59000, taxMinor: 9000, collectedMinor: 59000 },
      { day: '2025-06-11', locationId: kolkata, currency: 'INR', invoiceCount: 1, invoicedMinor: 118000, taxMinor: 18000, collectedMinor: 50000 },
      { day: '2025-06-12', locationId: newYork, currency: 'INR', invoiceCount: 0, invoicedMinor: 0, taxMinor: 0, collectedMinor: -10000 },
    ]);
    expect(june.totals).toEqual([{ currency: 'INR', invoiceCount: 2, invoicedMinor: 177000, taxMinor: 27000, collectedMinor: 99000 }]);

    const oneDay = await get(`/dashboards/revenue?from=2025-06-11&to=2025-06-11&locationId=${newYork}`);
    expect(oneDay.days).toEqual([]);

    const recent = await get(`/dashboards/revenue?locationId=${newYork}&from=${localDay(inv4IssuedAt, 'America/New_York')}`);
    expect(recent.days).toEqual([expect.objectContaining({ invoiceCount: 1, invoicedMinor: 30000, collectedMinor: 0 })]);

    const gql = await shop.graphql(`{ revenueByDay(from: "2025-06-11", to: "2025-06-11") { days { day locationId invoicedMinor collectedMinor } } }`, {}, { 'X-Min-Position': String(position) });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.revenueByDay.days).toEqual([{ day: '2025-06-11', locationId: kolkata, invoicedMinor: 118000, collectedMinor: 50000 }]);
  });

  it('rates quote approval per location: full, partial and declined, and the approved share of value', async () => {
    const lines = THREE_LINES.map((line) => ({ ...line, lineId: randomUUID() }));
    const quote = async (locationId: string) => {
      const { customerId, vehicleId } = await shop.customerWithVehicle();
      const created = await shop.post('/quotes', { customerId, vehicleId, locationId, lines }).expect(201);
      await shop.post(`/quotes/${created.body.id}/send`, { channel: 'sms' }).expect(200);
      return created.body.id as string;
    };
    const [full, partial, declined, pending, elsewhere] = await Promise.all([quote(quotesAt), quote(quotesAt), quote(quotesAt), quote(quotesAt), quote(kolkata)]);
    const writes = await Promise.all([
      shop.post(`/quotes/${full}/approve`, { approvedByName: 'Asha Rao', channel: 'in_person' }).expect(200),
      shop.post(`/quotes/${partial}/approve`, { approvedByName: 'Asha Rao', channel: 'sms', lineIds: [lines[0].lineId, lines[1].lineId] }).expect(200),
      shop.post(`/quotes/${declined}/decline`, { channel: 'phone', reason: 'too dear' }).expect(200),
      shop.post(`/quotes/${elsewhere}/decline`, { channel: 'phone' }).expect(200),
    ]);
    expect(pending).toBeDefined();
    position = Math.max(position, ...writes.map((w) => w.body.position));

    // Around today (the decisions were made now), whatever the hour in Kolkata.
    const range = `from=${new Date(Date.now() - DAY).toISOString().slice(0, 10)}&to=${new Date(Date.now() + DAY).toISOString().slice(0, 10)}`;
    const { items } = await get(`/dashboards/quote-approval?locationId=${quotesAt}&${range}`);
    // Subtotal 625048 per quote; the partial approval keeps the labor and the pads: 525050.
    expect(items).toEqual([{
      locationId: quotesAt, currency: 'INR', sent: 4, approved: 1, partiallyApproved: 1, declined: 1, decided: 3, approvalRate: 0.6667,
      quotedMinor: 3 * 625048, approvedMinor: 625048 + 525050, approvedValueShare: Number(((625048 + 525050) / (3 * 625048)).toFixed(4)),
    }]);

    const past = await get(`/dashboards/quote-approval?locationId=${quotesAt}&from=2025-01-01&to=2025-01-31`);
    expect(past.items).toEqual([]);

    const gql = await shop.graphql(`query($id: ID) { quoteApprovalRate(locationId: $id) { items { sent declined approvalRate approvedValueShare } } }`, { id: kolkata }, { 'X-Min-Position': String(position) });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.quoteApprovalRate.items).toEqual([{ sent: 1, declined: 1, approvalRate: 0, approvedValueShare: 0 }]);
  });

  it('lists balances due with aging buckets per location, in total, and the largest first', async () => {
    const all = await get('/dashboards/outstanding?top=2');
    expect(all.totals).toEqual([{ locationId: null, currency: 'INR', invoiceCount: 3, balanceMinor: 108000, days0To30Minor: 0, days31To60Minor: 30000, days61To90Minor: 0, over90Minor: 78000 }]);
    expect(all.locations).toEqual(expect.arrayContaining([
      { locationId: kolkata, currency: 'INR', invoiceCount: 1, balanceMinor: 68000, days0To30Minor: 0, days31To60Minor: 0, days61To90Minor: 0, over90Minor: 68000 },
      { locationId: newYork, currency: 'INR', invoiceCount: 2, balanceMinor: 40000, days0To30Minor: 0, days31To60Minor: 30000, days61To90Minor: 0, over90Minor: 10000 },
    ]));
    expect(all.top.map((i: { invoiceId: string; balanceMinor: number }) => [i.invoiceId, i.balanceMinor])).toEqual([[ids.inv1, 68000], [ids.inv4, 30000]]);
    expect(all.top[1]).toMatchObject({ ageDays: 45, bucket: '31-60', paidMinor: 0, grandTotalMinor: 30000 });

    const gql = await shop.graphql(`query($id: ID) { outstandingBalances(locationId: $id) { totals { balanceMinor over90Minor } top { invoiceId paidMinor balanceMinor bucket } } }`, { id: newYork }, { 'X-Min-Position': String(position) });
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.outstandingBalances).toEqual({
      totals: [{ balanceMinor: 40000, over90Minor: 10000 }],
      top: [{ invoiceId: ids.inv4, paidMinor: 0, balanceMinor: 30000, bucket: '31-60' }, { invoiceId: ids.inv2, paidMinor: 49000, balanceMinor: 10000, bucket: '90+' }],
    });
  });

  it('rejects a bad date, a range ending before it starts and a malformed location id with 400 naming the field', async () => {
    expect(fieldsOf((await shop.get('/dashboards/revenue?from=2025-02-30').expect(400)).body)).toEqual(['from']);
    expect(fieldsOf((await shop.get('/dashboards/technicians?from=2025-06-10&to=2025-06-09').expect(400)).body)).toEqual(['to']);
    expect(fieldsOf((await shop.get('/dashboards/outstanding?locationId=nope').expect(400)).body)).toEqual(['locationId']);
    const gql = await shop.graphql(`{ quoteApprovalRate(to: "June") { items { sent } } }`);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(fieldsOf((await shop.get('/dashboards/revenue?form=2025-06-10').expect(400)).body)).toEqual(['form']);
  });

  it('waits for ?minPosition= like for the header, and names it when it is not a position', async () => {
    const res = await shop.get(`/dashboards/outstanding?locationId=${newYork}&minPosition=${position}`).expect(200);
    expect(res.headers['x-read-model-caught-up']).toBe('true');
    expect(res.body.totals).not.toEqual([]);
    expect(fieldsOf((await shop.get('/dashboards/revenue?minPosition=soon').expect(400)).body)).toEqual(['minPosition']);
  });

  it('keeps the dashboards from technicians with 403', async () => {
    const technician = await shop.invite(['technician']);
    await technician.get('/dashboards/repair-orders').expect(403);
    await technician.get('/dashboards/outstanding').expect(403);
    const gql = await technician.graphql(`{ revenueByDay { days { day } } }`);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const finance = await shop.invite(['finance']);
    await finance.get('/dashboards/revenue').expect(200);
  });

  it("shows another tenant none of this tenant's figures, even when it asks for this tenant's location", async () => {
    const other = await ShopClient.signup(platform, 'Other Garage');
    const empty = { locations: [], statuses: [{ status: 'open', count: 0 }, { status: 'awaiting_review', count: 0 }, { status: 'approved', count: 0 }], total: 0 };
    expect((await other.get('/dashboards/repair-orders', position).expect(200)).body).toEqual(empty);
    expect((await other.get(`/dashboards/repair-orders?locationId=${kolkata}`, position).expect(200)).body).toEqual(empty);
    expect((await other.get('/dashboards/technicians', position).expect(200)).body).toEqual({ items: [] });
    expect((await other.get('/dashboards/revenue', position).expect(200)).body).toEqual({ days: [], totals: [] });
    expect((await other.get('/dashboards/quote-approval', position).expect(200)).body).toEqual({ items: [] });
    expect((await other.get('/dashboards/outstanding', position).expect(200)).body).toMatchObject({ totals: [], locations: [], top: [] });
  });

  it('rebuilds from position 0 into exactly the rows the live worker wrote', async () => {
    await get('/dashboards/repair-orders');
    const db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of dashboardsProjection.tables) out[table] = (await db.query(`select * from ${table} t order by t::text`)).rows;
      return out;
    };
    try {
      const live = await snapshot();
      expect(live['shop.dashboard_technician_days'].length).toBeGreaterThan(0);
      const worker = await createWorker(platform.config);
      try {
        await worker.runner.rebuild(SHOP_DASHBOARDS);
      } finally {
        await worker.close();
      }
      expect(await snapshot()).toEqual(live);
    } finally {
      await db.end();
    }
  });
});
