import fc from 'fast-check';
import { EventStore } from '@workbay/eventstore';
import { ReadModelWaiter, SYSTEM_EVENT_STORE } from '@workbay/platform';
import { Client } from 'pg';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { aggregateUsage, UsageFigure } from './usage-aggregation';
import { dimensionsKeyOf, UsageFact, usageFactOf } from './usage-facts';
import { FIGURE_SQL, USAGE_REPORTS } from './usage-reports.projection';

/**
 * Issue #11: usage recomputed from the event store alone equals the projection, and both equal
 * what was sent. Random event sets over every aggregation, with duplicates (the same id, sometimes
 * another payload: the first to arrive wins), adjustments, times spread over the open period and
 * the previous one (inside grace), shuffled, go through the real ingestion (HTTP batches).
 */
const HOUR = 3_600_000;
const startedAt = new Date();
const monthStart = (monthsBack: number) => Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth() - monthsBack, 1);
// The previous month stays inside grace whatever the day the suite runs (see metering-done.e2e).
const GRACE_HOURS = Math.ceil((startedAt.getTime() - monthStart(0)) / HOUR) + 2;
const OPEN = new Date(startedAt).toISOString().slice(0, 7);
const OPEN_UNTIL = Math.max(monthStart(0), startedAt.getTime() - 60_000);

interface Meter { type: string; meter: string; aggregation: 'COUNT' | 'SUM' | 'MAX' | 'UNIQUE_COUNT' | 'LATEST'; data: fc.Arbitrary<Record<string, unknown>>; value: (d: Record<string, unknown>) => number | string; dims: (d: Record<string, unknown>) => Record<string, string> }
const METERS: Meter[] = [
  { type: 'workbay.payments.paid', meter: 'stripe_paid_amount', aggregation: 'SUM', data: fc.record({ amountMinor: fc.integer({ min: 0, max: 5_000_000 }), currency: fc.constantFrom('INR', 'USD', 'EUR') }), value: (d) => d.amountMinor as number, dims: (d) => ({ currency: d.currency as string }) },
  { type: 'workbay.api.call', meter: 'api_calls', aggregation: 'COUNT', data: fc.record({ endpoint: fc.constantFrom('/quotes', '/invoices', '/a,b "c"') }), value: () => 1, dims: (d) => ({ endpoint: d.endpoint as string }) },
  { type: 'workbay.messages.sms_sent', meter: 'sms_sent', aggregation: 'SUM', data: fc.record({ segments: fc.integer({ min: 1, max: 12 }) }), value: (d) => d.segments as number, dims: () => ({}) },
  { type: 'workbay.storage.used', meter: 'storage_gb', aggregation: 'MAX', data: fc.record({ gb: fc.integer({ min: 0, max: 4000 }).map((x) => x / 4) }), value: (d) => d.gb as number, dims: () => ({}) },
  { type: 'workbay.staff.active', meter: 'active_staff', aggregation: 'UNIQUE_COUNT', data: fc.record({ userId: fc.constantFrom(...Array.from({ length: 9 }, (_, i) => `user-${i}`)) }), value: (d) => d.userId as string, dims: () => ({}) },
  { type: 'workbay.locations.count', meter: 'locations', aggregation: 'LATEST', data: fc.record({ count: fc.integer({ min: 1, max: 30 }) }), value: (d) => d.count as number, dims: () => ({}) },
];

interface Body { id: string; type: string; time: string; data: Record<string, unknown>; adjustmentOf?: string }
const time = fc.oneof(fc.integer({ min: monthStart(1), max: monthStart(0) - 1 }), fc.integer({ min: monthStart(0), max: OPEN_UNTIL })).map((ms) => new Date(ms).toISOString());
const body = (id: string) => fc.record({ meter: fc.constantFrom(...METERS), time, adjust: fc.boolean() }).chain(({ meter, time, adjust }) =>
  meter.data.map((data): Body => ({ id, type: meter.type, time, data, ...(adjust && meter.aggregation === 'SUM' ? { adjustmentOf: `orig-${id}` } : {}) })));
/** Up to 150 events, up to 50 repeats of their ids (half with another payload), in a random order, in random batches. */
const scenario = fc.integer({ min: 1, max: 150 }).chain((count) => fc.record({
  originals: fc.tuple(...Array.from({ length: count }, (_, i) => body(`u${i}`))),
  repeats: fc.array(fc.record({ of: fc.nat({ max: count - 1 }), other: fc.option(body('x'), { nil: undefined }) }), { maxLength: 50 }),
  order: fc.array(fc.nat(), { minLength: count + 50, maxLength: count + 50 }),
  batches: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 200, maxLength: 200 }),
}));

const row = (f: Pick<UsageFigure, 'meter' | 'period' | 'day' | 'dimensionsKey' | 'value' | 'events' | 'adjustments'>) =>
  ({ meter: f.meter, period: f.period, day: f.day, dimensionsKey: f.dimensionsKey, value: f.value, events: f.events, adjustments: f.adjustments });
const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

/** The figures from what was sent alone: the first of an id in sending order wins; LATEST ties go to the later sent. */
function expectedFrom(sent: Body[], byDay: boolean) {
  const first = new Map<string, { b: Body; order: number }>();
  sent.forEach((b, order) => first.has(b.id) || first.set(b.id, { b, order }));
  const groups = new Map<string, { m: Meter; period: string; day: string | null; dims: Record<string, string>; items: { b: Body; order: number }[] }>();
  for (const item of first.values()) {
    const m = METERS.find((x) => x.type === item.b.type)!;
    const period = item.b.adjustmentOf ? OPEN : item.b.time.slice(0, 7);
    const day = byDay ? item.b.time.slice(0, 10) : null;
    const key = `${m.meter} ${period} ${day} ${dimensionsKeyOf(m.dims(item.b.data))}`;
    const g = groups.get(key) ?? { m, period, day, dims: m.dims(item.b.data), items: [] };
    g.items.push(item);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ m, period, day, dims, items }) => {
    const values = items.map((i) => m.value(i.b.data));
    const latest = [...items].sort((x, y) => (x.b.time < y.b.time ? -1 : x.b.time > y.b.time ? 1 : x.order - y.order)).at(-1)!;
    const value = {
      COUNT: items.length, SUM: values.reduce<number>((s, v) => s + Number(v), 0), MAX: Math.max(...values.map(Number)),
      UNIQUE_COUNT: new Set(values.map(String)).size, LATEST: Number(m.value(latest.b.data)),
    }[m.aggregation];
    return row({ meter: m.meter, period, day, dimensionsKey: dimensionsKeyOf(dims), value, events: items.length, adjustments: items.filter((i) => i.b.adjustmentOf).length });
  });
}

describe('usage recomputed from the event store equals the projection and what was sent (property, real ingestion)', () => {
  let platform: Platform;
  let store: EventStore;
  let db: Client;
  let waiter: ReadModelWaiter;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'usage_recompute', config: { USAGE_LATE_GRACE_HOURS: String(GRACE_HOURS) } });
    store = platform.app.get<EventStore>(SYSTEM_EVENT_STORE);
    waiter = platform.app.get(ReadModelWaiter);
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const recomputed = async (tenantId: string) => {
    const facts: UsageFact[] = [];
    for (let after = 0; ;) {
      const events = await store.readTenant(tenantId, after, 500);
      if (!events.length) break;
      for (const e of events) {
        const f = usageFactOf(e);
        if (f) facts.push(f);
      }
      after = events[events.length - 1].globalPosition;
    }
    const { byPeriod, byDay } = aggregateUsage(facts);
    return { byPeriod: byPeriod.map(row), byDay: byDay.map(row) };
  };
  const projected = async (tenantId: string) => {
    const figures = async (table: 'usage_by_period' | 'usage_by_day') => (await db.query(`select meter, period, ${table === 'usage_by_day' ? 'day::text' : 'null'} as day,
      dimensions_key as "dimensionsKey", ${FIGURE_SQL}::float8 as value, events::int as events, adjustments::int as adjustments
      from billing.${table} where tenant_id = $1`, [tenantId])).rows.map(row);
    return { byPeriod: await figures('usage_by_period'), byDay: await figures('usage_by_day') };
  };

  it('for 15 random event sets with duplicates and shuffled times, each on a fresh tenant', async () => {
    await fc.assert(fc.asyncProperty(scenario, async ({ originals, repeats, order, batches }) => {
      const all: Body[] = [...originals, ...repeats.map((r) => (r.other ? { ...r.other, id: originals[r.of].id } : originals[r.of]))];
      const sent = all.map((b, i) => ({ b, k: order[i] * 1000 + i })).sort((x, y) => x.k - y.k).map((x) => x.b);
      const shop = await ShopClient.signup(platform, 'Property Garage');
      let position = 0;
      for (let i = 0, j = 0; i < sent.length; i += batches[j++]) {
        const res = await shop.post('/usage/events/batch', sent.slice(i, i + batches[j])).expect(200);
        expect(res.body.rejected).toBe(0);
        position = Math.max(position, res.body.position);
      }
      expect(await waiter.waitFor(USAGE_REPORTS, position, 30_000)).toBe(true);
      const fromStore = await recomputed(shop.tenantId);
      const fromProjection = await projected(shop.tenantId);
      expect(sorted(fromProjection.byPeriod)).toEqual(sorted(fromStore.byPeriod));
      expect(sorted(fromProjection.byDay)).toEqual(sorted(fromStore.byDay));
      expect(sorted(fromStore.byPeriod)).toEqual(sorted(expectedFrom(sent, false)));
      expect(sorted(fromStore.byDay)).toEqual(sorted(expectedFrom(sent, true)));
    }), { numRuns: 15, seed: 1111, endOnFailure: true });
  }, 120_000);
});
