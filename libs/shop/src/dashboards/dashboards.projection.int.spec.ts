import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { quoteTotals } from '../domain';
import type { LocationOpened, LocationUpdated, QuoteApproved, QuoteCreated, QuoteDeclined, QuoteRevised, QuoteSent } from '../domain';
import { SHOP_MIGRATIONS } from '../migrations';
import { clockInterval, invoiceEvents, laborLine, partLine, repairOrderEvents } from '../shared/projection-spec.fixtures';
import { ageInDays, agingBucket, efficiency } from './dashboard.rules';
import { dashboardsProjection } from './dashboards.projection';

const address = { line1: '1 Main St', line2: null, city: 'Town', region: 'R', postalCode: '1', country: 'US' };
const opened = (locationId: string, timezone: string): LocationOpened => ({
  type: 'LocationOpened', data: { locationId, name: `Shop ${timezone}`, address, timezone, taxJurisdiction: { kind: 'NONE' }, openedAt: '2026-01-01T00:00:00.000Z' },
});
const at = (day: string, hhmm: string) => `2026-${day}T${hhmm}:00.000Z`;

const revenueRows = `select to_char(day, 'YYYY-MM-DD') as day, location_id, invoice_count as n, invoiced_minor::int as invoiced, tax_minor::int as tax,
  collected_minor::int as collected from shop.dashboard_revenue_days where tenant_id = $1 order by day, location_id`;
const technicianRows = `select technician_id, to_char(day, 'YYYY-MM-DD') as day, location_id, lines_completed as lines, clocked_ms::float8 as ms, sold_hours::float8 as sold
  from shop.dashboard_technician_days where tenant_id = $1 order by technician_id`;

/**
 * One small shop, hand-computed. Kolkata is UTC+5:30; New York UTC-4 and Los Angeles UTC-7 in July.
 * L1 (Kolkata) and L2 (New York, moved to Los Angeles half-way) of tenant A; tenant B reuses L1's id in Auckland (UTC+12).
 */
describe('shop.dashboards projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const [L1, L2, unknownZone] = [randomUUID(), randomUUID(), randomUUID()];
  const [tara, vik] = [randomUUID(), randomUUID()];
  const [i1, i2, i3, i4] = [invoiceEvents(), invoiceEvents(), invoiceEvents(), invoiceEvents()];
  const p1 = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(dashboardsProjection, { migrations: SHOP_MIGRATIONS, batchSize: 7 });
    await spec.given(tenantA, 'location', L1, [opened(L1, 'Asia/Kolkata')]);
    await spec.given(tenantA, 'location', L2, [opened(L2, 'America/New_York')]);
    await spec.given(tenantB, 'location', L1, [opened(L1, 'Pacific/Auckland')]);
  });
  afterAll(() => spec?.close());

  it('adds revenue to the local day of each location, moves voided invoices out and counts collections on their own day', async () => {
    // I1 at L1, 19:00Z on 1 July = 00:30 on 2 July in Kolkata: 180.00 taxable labor + 20.00 part, 8% tax 14.40, total 214.40.
    await spec.given(tenantA, 'invoice', i1.id, [
      i1.issued({ number: 'A-1', repairOrderId: randomUUID(), locationId: L1, lines: [laborLine(1.5, 12_000), partLine(1, 2000, false)], issuedAt: at('07-01', '19:00') }),
      i1.paid(p1, 10_000, at('07-02', '03:00')),
    ]);
    // I2 at L2, 02:00Z on 2 July = 22:00 on 1 July in New York: 100.00 + 8.00 tax.
    await spec.given(tenantA, 'invoice', i2.id, [
      i2.issued({ number: 'A-2', repairOrderId: randomUUID(), locationId: L2, lines: [laborLine(1, 10_000)], issuedAt: at('07-02', '02:00') }),
    ]);
    // I3 at L2 on 2 July (New York), 54.00, then voided: it leaves its day.
    await spec.given(tenantA, 'invoice', i3.id, [
      i3.issued({ number: 'A-3', repairOrderId: randomUUID(), locationId: L2, lines: [laborLine(1, 5000)], issuedAt: at('07-02', '15:00') }),
      i3.voided(at('07-02', '16:00')),
    ]);
    // I4 at a location the dashboards never saw open: UTC days (23:30Z on 1 May stays 1 May). 30.00, no tax.
    await spec.given(tenantA, 'invoice', i4.id, [
      i4.issued({ number: 'A-4', repairOrderId: randomUUID(), locationId: unknownZone, lines: [partLine(1, 3000, false)], issuedAt: at('05-01', '23:30') }),
    ]);
    // L2 moves to Los Angeles: the payment on I2 at 05:00Z on 3 July counts on 2 July (22:00 LA), not 3 July (01:00 NY).
    await spec.given(tenantA, 'location', L2, [
      { type: 'LocationUpdated', data: { locationId: L2, name: 'Shop LA', address, timezone: 'America/Los_Angeles', updatedAt: at('07-02', '20:00') } } satisfies LocationUpdated,
    ]);
    await spec.given(tenantA, 'invoice', i2.id, [i2.paid(randomUUID(), 5000, at('07-03', '05:00'))]);
    // A refund of 25.00 on I1 at 20:00Z on 3 July = 01:30 on 4 July in Kolkata.
    await spec.given(tenantA, 'invoice', i1.id, [i1.refunded(p1, 2500, at('07-03', '20:00'))]);

    const rows = await spec.thenRows(revenueRows, [tenantA]);
    expect(rows).toEqual(expect.arrayContaining([
      { day: '2026-05-01', location_id: unknownZone, n: 1, invoiced: 3000, tax: 0, collected: 0 },
      { day: '2026-07-01', location_id: L2, n: 1, invoiced: 10_800, tax: 800, collected: 0 },
      { day: '2026-07-02', location_id: L1, n: 1, invoiced: 21_440, tax: 1440, collected: 10_000 },
      { day: '2026-07-02', location_id: L2, n: 0, invoiced: 0, tax: 0, collected: 5000 },
      { day: '2026-07-04', location_id: L1, n: 0, invoiced: 0, tax: 0, collected: -2500 },
    ]));
    expect(rows).toHaveLength(5);
  });

  it('keeps what each invoice still owes for aging: voided ones out, 30 days and some hours still 0-30', async () => {
    const rows = await spec.thenRows<{ number: string; balance: number; voided: boolean; issued_at: Date }>(
      `select number, (grand_total_minor - paid_minor)::int as balance, voided, issued_at from shop.dashboard_invoices where tenant_id = $1 order by number`, [tenantA],
    );
    const now = new Date('2026-08-01T00:00:00.000Z');
    expect(rows.map((r) => ({ number: r.number, balance: r.balance, voided: r.voided, age: ageInDays(r.issued_at, now), bucket: agingBucket(ageInDays(r.issued_at, now)) })))
      .toEqual([
        { number: 'A-1', balance: 13_940, voided: false, age: 30, bucket: '0-30' }, // 214.40 - 100.00 + 25.00 refunded
        { number: 'A-2', balance: 5800, voided: false, age: 29, bucket: '0-30' },
        { number: 'A-3', balance: 5400, voided: true, age: 29, bucket: '0-30' },
        { number: 'A-4', balance: 3000, voided: false, age: 91, bucket: '90+' },
      ]);
  });

  it("keeps tenant B's revenue under B and on B's own clock for a location id both tenants use", async () => {
    const b = invoiceEvents();
    // 13:00Z on 1 July: 18:30 on 1 July in Kolkata (tenant A's L1), 01:00 on 2 July in Auckland (tenant B's L1).
    await spec.given(tenantB, 'invoice', b.id, [b.issued({ number: 'B-1', repairOrderId: randomUUID(), locationId: L1, lines: [laborLine(1, 10_000)], issuedAt: at('07-01', '13:00') })]);
    expect(await spec.thenRows(revenueRows, [tenantB])).toEqual([{ day: '2026-07-02', location_id: L1, n: 1, invoiced: 10_800, tax: 800, collected: 0 }]);
    expect(await spec.thenRows(`select count(*)::int as n from shop.dashboard_revenue_days where tenant_id = $1 and location_id = $2`, [tenantA, L1])).toEqual([{ n: 2 }]);
  });

  it('credits sold hours and clocked time per technician and local day, takes a returned line back, and moves the status', async () => {
    const r1 = repairOrderEvents();
    const r2 = repairOrderEvents();
    const [brakes, align, pads] = [laborLine(1.5, 12_000), laborLine(1, 10_000), partLine(1, 3500)];
    const t = (hhmm: string) => at('07-02', hhmm); // 04:00Z-08:10Z = 09:30-13:40 in Kolkata, all on 2 July
    await spec.given(tenantA, 'repair-order', r1.id, [
      r1.opened([brakes, align, pads], t('03:30'), { locationId: L1 }),
      r1.assigned(brakes.lineId, [tara], t('03:35')),
      r1.assigned(align.lineId, [tara, vik], t('03:35')),
      r1.started(brakes.lineId, tara, t('04:00')),
      r1.completed(brakes.lineId, tara, t('05:15'), [clockInterval(tara, t('04:00'), t('05:15'))]), // 75 min, 1.5 h sold
      r1.started(align.lineId, vik, t('06:00')),
      r1.started(align.lineId, tara, t('06:15')),
      // Vik completes the shared line: 1.0 h split 0.5 / 0.5; Tara 30 min, Vik 45 min clocked.
      r1.completed(align.lineId, vik, t('06:45'), [clockInterval(vik, t('06:00'), t('06:45')), clockInterval(tara, t('06:15'), t('06:45'))]),
      r1.reviewRequested(t('07:00')),
    ]);
    await spec.given(tenantA, 'repair-order', r2.id, [r2.opened([brakes], t('03:30'), { locationId: L2 })]);

    expect(await spec.thenRows(technicianRows, [tenantA])).toEqual([
      { technician_id: tara, day: '2026-07-02', location_id: L1, lines: 2, ms: 105 * 60_000, sold: 2 },
      { technician_id: vik, day: '2026-07-02', location_id: L1, lines: 1, ms: 45 * 60_000, sold: 0.5 },
    ].sort((a, b) => a.technician_id.localeCompare(b.technician_id)));
    expect(await spec.thenRows(`select status from shop.dashboard_repair_orders where repair_order_id = $1`, [r1.id])).toEqual([{ status: 'awaiting_review' }]);

    // Returned: the shared line's completion and 0.5 h each come off (the clocked time stays); Vik re-does it alone in 30 min.
    await spec.given(tenantA, 'repair-order', r1.id, [
      r1.returned(align.lineId, 'steering wheel off-centre', t('07:05')),
      r1.assigned(align.lineId, [vik], t('07:10')),
      r1.started(align.lineId, vik, t('07:15')),
      r1.completed(align.lineId, vik, t('07:45'), [clockInterval(vik, t('07:15'), t('07:45'))]),
      r1.reviewRequested(t('08:00')),
      r1.approved(t('08:10')),
    ]);
    const rows = await spec.thenRows<{ technician_id: string; lines: number; ms: number; sold: number }>(technicianRows, [tenantA]);
    const byTech = Object.fromEntries(rows.map((r) => [r.technician_id, { lines: r.lines, ms: r.ms, sold: r.sold, efficiency: efficiency(r.sold, r.ms) }]));
    expect(byTech).toEqual({
      [tara]: { lines: 1, ms: 105 * 60_000, sold: 1.5, efficiency: 0.8571 }, // 1.5 h sold / 1.75 h clocked
      [vik]: { lines: 1, ms: 75 * 60_000, sold: 1, efficiency: 0.8 }, // 1.0 h sold / 1.25 h clocked
    });
    expect(await spec.thenRows(`select location_id, status from shop.dashboard_repair_orders where tenant_id = $1 order by status`, [tenantA]))
      .toEqual([{ location_id: L1, status: 'approved' }, { location_id: L2, status: 'open' }]);
  });

  it('records quote outcomes on the local days they were sent and decided', async () => {
    const [q1, q2] = [randomUUID(), randomUUID()];
    const [labor, part] = [laborLine(1.5, 12_000), partLine(1, 2000)];
    const created = (quoteId: string, locationId: string, lines = [labor, part]): QuoteCreated => ({
      type: 'QuoteCreated', data: { quoteId, customerId: randomUUID(), vehicleId: randomUUID(), locationId, currency: 'USD', lines, createdAt: at('07-01', '10:00') },
    });
    const sent = (quoteId: string, sentAt: string): QuoteSent => ({ type: 'QuoteSent', data: { quoteId, sentAt, channel: 'sms' } });
    const approved: QuoteApproved = {
      type: 'QuoteApproved',
      data: { quoteId: q1, approvedLineIds: [labor.lineId], declinedLineIds: [part.lineId], approvedBy: { name: 'Ada', customerId: null }, channel: 'phone',
        approvedAt: at('07-02', '05:00'), totals: quoteTotals({ currency: 'USD', lines: [labor, part] }, [labor.lineId]) },
    };
    const single = laborLine(1, 10_000);
    const revised: QuoteRevised = { type: 'QuoteRevised', data: { quoteId: q2, revision: 2, lines: [{ ...single, quantity: 2 }], reason: null, revisedAt: at('07-01', '11:00') } };
    const declined: QuoteDeclined = { type: 'QuoteDeclined', data: { quoteId: q2, reason: null, channel: 'email', declinedAt: at('07-02', '14:00') } };
    // Q1 (Kolkata) sent 20:00Z on 1 July = 2 July local, approved in part; Q2 (L2, now Los Angeles) sent 03:00Z on 2 July = 1 July local, revised to 200.00, declined.
    await spec.given(tenantA, 'quote', q1, [created(q1, L1), sent(q1, at('07-01', '20:00')), approved]);
    await spec.given(tenantA, 'quote', q2, [created(q2, L2, [single]), revised, sent(q2, at('07-02', '03:00')), sent(q2, at('07-03', '03:00')), declined]);
    expect(await spec.thenRows(
      `select location_id, subtotal_minor::int as subtotal, to_char(sent_day, 'YYYY-MM-DD') as sent, outcome, to_char(decided_day, 'YYYY-MM-DD') as decided,
         quoted_minor::int as quoted, approved_minor::int as approved from shop.dashboard_quotes where tenant_id = $1 order by location_id = $2 desc`, [tenantA, L1],
    )).toEqual([
      { location_id: L1, subtotal: 20_000, sent: '2026-07-02', outcome: 'partial', decided: '2026-07-02', quoted: 20_000, approved: 18_000 },
      { location_id: L2, subtotal: 20_000, sent: '2026-07-01', outcome: 'declined', decided: '2026-07-02', quoted: 20_000, approved: 0 },
    ]);
  });

  // Not idempotent on redelivery by design: revenue, collections and clocked time are added per
  // event (issue, void and a line's credit are guarded; payments and clocks are not), trusting the
  // runner's checkpoint in the same transaction. A rebuild (tables cleared) must give the same figures.
  it('takes a credit note off revenue and output tax on its own local day, and off what the invoice owes for aging', async () => {
    const tenantC = randomUUID();
    const L3 = randomUUID();
    const i5 = invoiceEvents();
    await spec.given(tenantC, 'location', L3, [opened(L3, 'Asia/Kolkata')]);
    const labor = laborLine(1.5, 12_000);
    // 180.00 labor + 20.00 untaxed part, 8% = 14.40: 214.40, issued 10:00Z 5 July; 50.00 goodwill + 4.00 tax credited at 19:00Z
    // on 6 July (00:30 on 7 July in Kolkata), after 100.00 was paid.
    await spec.given(tenantC, 'invoice', i5.id, [
      i5.issued({ number: 'C-1', repairOrderId: randomUUID(), locationId: L3, lines: [labor, partLine(1, 2000, false)], issuedAt: at('07-05', '10:00') }),
      i5.paid(randomUUID(), 10_000, at('07-05', '11:00')),
      i5.credited(labor.lineId, 5000, 400, at('07-06', '19:00')),
    ]);
    expect(await spec.thenRows(revenueRows, [tenantC])).toEqual([
      { day: '2026-07-05', location_id: L3, n: 1, invoiced: 21_440, tax: 1440, collected: 10_000 },
      { day: '2026-07-07', location_id: L3, n: 0, invoiced: -5400, tax: -400, collected: 0 },
    ]);
    expect(await spec.thenRows(`select (grand_total_minor - credited_minor - paid_minor)::int as owed, credited_minor::int as credited from shop.dashboard_invoices where tenant_id = $1`, [tenantC]))
      .toEqual([{ owed: 21_440 - 5400 - 10_000, credited: 5400 }]);
  });

  it('counts a refund that failed at Stripe as collected again on the local day the failure is booked, and in what the invoice has paid', async () => {
    const tenantC = randomUUID();
    const L3 = randomUUID();
    await spec.given(tenantC, 'location', L3, [opened(L3, 'Asia/Kolkata')]);
    const inv = invoiceEvents();
    const [p, r] = [randomUUID(), randomUUID()];
    // 100.00 + 8.00 tax on 3 July (Kolkata); paid by card, 40.00 refunded on 4 July, the refund fails 20:00Z on 5 July = 01:30 on 6 July in Kolkata.
    await spec.given(tenantC, 'invoice', inv.id, [
      inv.issued({ number: 'C-1', repairOrderId: randomUUID(), locationId: L3, lines: [laborLine(1, 10_000)], issuedAt: at('07-03', '05:00') }),
      inv.paid(p, 10_800, at('07-03', '06:00'), 'stripe'), inv.settled(10_800, at('07-03', '06:00')),
      inv.refunded(p, 4000, at('07-04', '06:00'), r),
    ]);
    await spec.given(tenantC, 'invoice', inv.id, [inv.refundFailed(p, r, 4000, at('07-05', '20:00')), inv.settled(10_800, at('07-05', '20:00'))]);
    expect(await spec.thenRows(revenueRows, [tenantC])).toEqual([
      { day: '2026-07-03', location_id: L3, n: 1, invoiced: 10_800, tax: 800, collected: 10_800 },
      { day: '2026-07-04', location_id: L3, n: 0, invoiced: 0, tax: 0, collected: -4000 },
      { day: '2026-07-06', location_id: L3, n: 0, invoiced: 0, tax: 0, collected: 4000 },
    ]);
    expect(await spec.thenRows(`select paid_minor::int as paid from shop.dashboard_invoices where tenant_id = $1`, [tenantC])).toEqual([{ paid: 10_800 }]);
  });

  it('gives the same figures on a rebuild from position 0', async () => {
    const all = async () => Object.fromEntries(await Promise.all(dashboardsProjection.tables.map(async (table) => [table, await spec.thenRows(`select * from ${table} order by 1, 2, 3`)])));
    const before = await all();
    await spec.rebuild();
    expect(await all()).toEqual(before);
  });
});
