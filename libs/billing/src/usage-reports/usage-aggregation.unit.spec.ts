import fc from 'fast-check';
import { aggregateUsage, UsageFigure } from './usage-aggregation';
import { usageEvent, UsageEventBody } from './usage-reports.arbitraries';
import { UsageFact, usageFactOf, UsageSourceEvent } from './usage-facts';
import { resolveRange, UsageRangeInvalid } from './usage-range';
import { csvField, csvLineOf } from './usage-csv';
import { parseUsageExportArgs } from './usage-export';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';

/** Events as the store would hold them: a tenant each and a unique global position. */
const stored = (bodies: { tenant: string; body: UsageEventBody }[]): UsageSourceEvent[] =>
  bodies.map(({ tenant, body }, i) => ({ tenantId: tenant, type: body.type, globalPosition: i + 1, data: body.data }));
const factsOf = (events: UsageSourceEvent[]) => events.map(usageFactOf).filter((f): f is UsageFact => f !== undefined);

const tenantEvents = fc.array(fc.record({ tenant: fc.constantFrom(T1, T2), body: usageEvent }), { maxLength: 120 });

/** The plainest recomputation: every figure straight from the list of its facts. */
function recompute(facts: UsageFact[], daily: boolean): Map<string, number> {
  const unique = new Map<string, UsageFact>();
  for (const f of [...facts].sort((a, b) => a.position - b.position)) if (!unique.has(`${f.tenantId} ${f.factId}`)) unique.set(`${f.tenantId} ${f.factId}`, f);
  const groups = new Map<string, UsageFact[]>();
  for (const f of unique.values()) {
    const key = [f.tenantId, f.meter, f.period, f.dimensionsKey, ...(daily ? [f.day] : [])].join(' ');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const out = new Map<string, number>();
  for (const [key, list] of groups) {
    const nums = list.map((f) => f.value as number);
    const value = {
      COUNT: () => list.length,
      SUM: () => nums.reduce((a, b) => a + b, 0),
      MAX: () => Math.max(...nums),
      UNIQUE_COUNT: () => new Set(list.map((f) => f.value)).size,
      LATEST: () => [...list].sort((a, b) => (a.occurredAt === b.occurredAt ? a.position - b.position : a.occurredAt < b.occurredAt ? -1 : 1)).pop()!.value as number,
    }[list[0].aggregation]();
    out.set(key, value);
  }
  return out;
}

const asMap = (figures: UsageFigure[]) =>
  new Map(figures.map((f) => [[f.tenantId, f.meter, f.period, f.dimensionsKey, ...(f.day ? [f.day] : [])].join(' '), f.value]));

describe('usage aggregation (the figures finance reads)', () => {
  it('equals a plain recomputation per tenant x meter x period x dimensions and per day, for every aggregation', () => {
    fc.assert(fc.property(tenantEvents, (bodies) => {
      const facts = factsOf(stored(bodies));
      const { byPeriod, byDay } = aggregateUsage(facts);
      expect(asMap(byPeriod)).toEqual(recompute(facts, false));
      expect(asMap(byDay)).toEqual(recompute(facts, true));
    }), { numRuns: 300 });
  });

  it('gives the same figures whatever order events arrive in and however often one is redelivered', () => {
    fc.assert(fc.property(tenantEvents.chain((bodies) => {
      const events = stored(bodies);
      return fc.tuple(fc.constant(events), fc.shuffledSubarray(events), fc.infiniteStream(fc.nat()));
    }), ([events, again, seeds]) => {
      // Arrival: every event once, some twice, shuffled.
      const arrival = [...events, ...again];
      for (let i = arrival.length - 1; i > 0; i--) {
        const j = seeds.next().value % (i + 1);
        [arrival[i], arrival[j]] = [arrival[j], arrival[i]];
      }
      expect(aggregateUsage(factsOf(arrival))).toEqual(aggregateUsage(factsOf(events)));
    }), { numRuns: 200 });
  });

  it('sums period figures from their days for COUNT and SUM meters (what the CSV totals rely on)', () => {
    fc.assert(fc.property(tenantEvents, (bodies) => {
      const { byPeriod, byDay } = aggregateUsage(factsOf(stored(bodies)));
      for (const p of byPeriod.filter((f) => f.aggregation === 'COUNT' || f.aggregation === 'SUM')) {
        const days = byDay.filter((d) => d.tenantId === p.tenantId && d.meter === p.meter && d.period === p.period && d.dimensionsKey === p.dimensionsKey);
        expect(days.reduce((s, d) => s + d.value, 0)).toBe(p.value);
        expect(days.reduce((s, d) => s + d.events, 0)).toBe(p.events);
      }
    }), { numRuns: 200 });
  });

  const locations = (value: number, occurredAt: string, usageId: string) => ({
    type: 'UsageRecorded', data: { usageId, meter: 'locations', eventType: 'workbay.locations.count', value, dimensions: {}, occurredAt, period: occurredAt.slice(0, 7), source: 'api' },
  });

  it('takes LATEST by occurrence time, not by arrival, and breaks a tie of times by global position', () => {
    const events: UsageSourceEvent[] = [
      { tenantId: T1, type: 'UsageRecorded', globalPosition: 1, data: locations(5, '2026-06-10T10:00:00.000Z', 'a').data },
      { tenantId: T1, type: 'UsageRecorded', globalPosition: 2, data: locations(3, '2026-06-09T10:00:00.000Z', 'b').data }, // arrives last, happened first
    ];
    expect(aggregateUsage(factsOf(events)).byPeriod[0]).toMatchObject({ meter: 'locations', value: 5, events: 2 });
    const tie: UsageSourceEvent[] = [
      { tenantId: T1, type: 'UsageRecorded', globalPosition: 8, data: locations(7, '2026-06-10T10:00:00.000Z', 'c').data },
      { tenantId: T1, type: 'UsageRecorded', globalPosition: 4, data: locations(9, '2026-06-10T10:00:00.000Z', 'd').data },
    ];
    expect(aggregateUsage(factsOf(tie)).byPeriod[0].value).toBe(7);
    expect(aggregateUsage(factsOf([...tie].reverse())).byPeriod[0].value).toBe(7);
  });

  it('counts distinct values once for UNIQUE_COUNT, per period and per day', () => {
    const active = (userId: string, occurredAt: string, usageId: string, globalPosition: number): UsageSourceEvent => ({
      tenantId: T1, type: 'UsageRecorded', globalPosition,
      data: { usageId, meter: 'active_staff', eventType: 'workbay.staff.active', value: userId, dimensions: {}, occurredAt, period: occurredAt.slice(0, 7), source: 'api' },
    });
    const { byPeriod, byDay } = aggregateUsage(factsOf([
      active('u1', '2026-06-01T08:00:00.000Z', 'a', 1), active('u1', '2026-06-01T09:00:00.000Z', 'b', 2),
      active('u2', '2026-06-01T10:00:00.000Z', 'c', 3), active('u1', '2026-06-02T10:00:00.000Z', 'd', 4),
    ]));
    expect(byPeriod).toEqual([expect.objectContaining({ value: 2, events: 4 })]);
    expect(byDay.map((d) => [d.day, d.value])).toEqual([['2026-06-01', 2], ['2026-06-02', 1]]);
  });

  it('counts an adjustment in its own period, on the day it occurred, and says so', () => {
    const late: UsageSourceEvent = {
      tenantId: T1, type: 'UsageRecorded', globalPosition: 3,
      data: { usageId: 'late', meter: 'sms_sent', eventType: 'workbay.messages.sms_sent', value: 4, dimensions: {}, occurredAt: '2026-05-31T23:00:00.000Z', period: '2026-06', source: 'api', adjustmentOf: 'orig' },
    };
    const { byPeriod, byDay } = aggregateUsage(factsOf([late]));
    expect(byPeriod).toEqual([expect.objectContaining({ period: '2026-06', value: 4, adjustments: 1 })]);
    expect(byDay).toEqual([expect.objectContaining({ period: '2026-06', day: '2026-05-31', value: 4, adjustments: 1 })]);
  });
});

describe('usage facts', () => {
  it('maps a shop signal to the meter naming its metric, with the currency as its dimension', () => {
    const fact = usageFactOf({
      tenantId: T1, type: 'BillableUsageSignalled', globalPosition: 5,
      data: { signalId: 's', metric: 'shop.stripe_paid_amount', quantity: 118_000, currency: 'INR', source: {}, occurredAt: '2026-06-03T10:00:00Z' },
    });
    expect(fact).toMatchObject({ factId: 'signal:s', meter: 'stripe_paid_amount', aggregation: 'SUM', value: 118_000, dimensions: { currency: 'INR' }, period: '2026-06', day: '2026-06-03', occurredAt: '2026-06-03T10:00:00.000Z' });
    expect(usageFactOf({ tenantId: T1, type: 'BillableUsageSignalled', globalPosition: 6, data: { signalId: 't', metric: 'shop.customers_created', quantity: 1, currency: null, occurredAt: '2026-06-03T10:00:00Z' } }))
      .toMatchObject({ meter: 'customers_created', dimensions: {}, value: 1 });
  });

  it("maps scheduling's appointment signal to appointments_booked, keeping only the dimensions the meter groups by", () => {
    const fact = usageFactOf({
      tenantId: T1, type: 'BillableUsageSignalled', globalPosition: 7,
      data: { signalId: 'a', metric: 'scheduling.appointments_booked', quantity: 1, currency: null, dimensions: { channel: 'online', colour: 'red' }, source: {}, occurredAt: '2026-06-04T10:00:00Z' },
    });
    expect(fact).toMatchObject({ factId: 'signal:a', meter: 'appointments_booked', aggregation: 'COUNT', value: 1, dimensions: { channel: 'online' }, period: '2026-06' });
  });

  it('skips what no report can count: other events, unknown meters or metrics, values the aggregation cannot use, bad times or periods', () => {
    const recorded = (data: Record<string, unknown>) => ({ tenantId: T1, type: 'UsageRecorded', globalPosition: 1, data: {
      usageId: 'u', meter: 'sms_sent', value: 2, dimensions: {}, occurredAt: '2026-06-01T00:00:00Z', period: '2026-06', ...data } });
    expect(usageFactOf(recorded({}))).toBeDefined();
    expect(usageFactOf({ ...recorded({}), type: 'QuoteSent' })).toBeUndefined();
    expect(usageFactOf(recorded({ meter: 'vibes' }))).toBeUndefined();
    expect(usageFactOf(recorded({ value: 'two' }))).toBeUndefined();
    expect(usageFactOf(recorded({ value: Number.NaN }))).toBeUndefined();
    expect(usageFactOf(recorded({ occurredAt: 'yesterday' }))).toBeUndefined();
    expect(usageFactOf(recorded({ period: '2026-13' }))).toBeUndefined();
    expect(usageFactOf({ tenantId: T1, type: 'BillableUsageSignalled', globalPosition: 2, data: { signalId: 's', metric: 'shop.vibes', quantity: 1, occurredAt: '2026-06-01T00:00:00Z' } })).toBeUndefined();
  });
});

describe('usage ranges', () => {
  it('defaults to the current period so far, and to the month of a given end', () => {
    expect(resolveRange(undefined, undefined, '2026-06-17')).toEqual({ from: '2026-06-01', to: '2026-06-17' });
    expect(resolveRange(undefined, '2026-02-10', '2026-06-17')).toEqual({ from: '2026-02-01', to: '2026-02-10' });
    expect(resolveRange('2026-05-20', undefined, '2026-06-17')).toEqual({ from: '2026-05-20', to: '2026-06-17' });
  });

  it('refuses from after to, and more than 366 days, naming `to` (422)', () => {
    expect(() => resolveRange('2026-06-02', '2026-06-01', '2026-06-17')).toThrow(UsageRangeInvalid);
    expect(resolveRange('2024-01-01', '2024-12-31', '2026-06-17')).toEqual({ from: '2024-01-01', to: '2024-12-31' }); // 366 days, a leap year
    try {
      resolveRange('2025-01-01', '2026-01-02', '2026-06-17');
      throw new Error('accepted 367 days');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageRangeInvalid);
      expect(error).toMatchObject({ field: 'to', kind: 'rule' });
    }
  });
});

describe('usage CSV', () => {
  it('quotes per RFC 4180 only what needs it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvLineOf({ tenant_id: T1, day: '2026-06-01', period: '2026-06', meter: 'appointments_booked', aggregation: 'COUNT', dimensions: { channel: 'phone, "web"' }, value: '3', events: '3', adjustments: '0' }))
      .toBe(`${T1},2026-06-01,2026-06,appointments_booked,COUNT,appointment,"{""channel"":""phone, \\""web\\""""}",3,3,0\r\n`);
  });
});

describe('usage:export flags', () => {
  const now = new Date('2026-06-17T12:00:00Z');
  it('reads a tenant or all tenants and the range, defaulting like the HTTP export', () => {
    expect(parseUsageExportArgs(['--all-tenants'], now)).toEqual({ range: { from: '2026-06-01', to: '2026-06-17' }, tenantId: null });
    expect(parseUsageExportArgs(['--from', '2026-05-01', '--to', '2026-05-31', '--tenant', T1], now)).toEqual({ range: { from: '2026-05-01', to: '2026-05-31' }, tenantId: T1 });
  });
  it.each([
    [[], /--tenant\) or --all-tenants/],
    [['--tenant', T1, '--all-tenants'], /--tenant\) or --all-tenants/],
    [['--tenant', 'acme'], /UUID/],
    [['--all-tenants', '--from', '2026-02-30'], /--from must be a date/],
    [['--all-tenants', '--from'], /incomplete flag --from/],
    [['--all-tenants', '--since', '2026-01-01'], /unknown or incomplete flag --since/],
    [['--all-tenants', '--from', '2025-01-01', '--to', '2026-01-02'], /at most 366/],
  ])('refuses %j', (args, message) => {
    expect(() => parseUsageExportArgs(args as string[], now)).toThrow(message);
  });
});
