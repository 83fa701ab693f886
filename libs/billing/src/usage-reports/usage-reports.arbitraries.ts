/**
 * Random usage for the property and integration specs: UsageRecorded of every meter (values fit
 * for its aggregation, a few dimensions, occurrence times across months, adjustments landing in
 * the next period) and shop BillableUsageSignalled, with ids drawn from small pools so values and
 * redeliveries collide often.
 */
import fc from 'fast-check';
import type { BillableUsageSignalled } from '@workbay/shop/contract';
import { METERS } from '../meters/meters';
import type { UsageRecorded } from '../usage/usage.events';

export type UsageEventBody = UsageRecorded | BillableUsageSignalled;

const START = Date.parse('2026-03-01T00:00:00.000Z');
const SPAN = 92 * 86_400_000;
/** Few distinct instants: equal occurrence times (LATEST's tie-break) happen. */
const occurredAt = fc.integer({ min: 0, max: 400 }).map((n) => new Date(START + Math.floor((n / 400) * SPAN)).toISOString());

const nextPeriod = (period: string) => {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

export const usageRecorded: fc.Arbitrary<UsageRecorded> = fc
  .record({
    meter: fc.constantFrom(...METERS),
    usageId: fc.uuid(),
    at: occurredAt,
    number: fc.integer({ min: -50, max: 100_000 }),
    staff: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6'),
    dimension: fc.constantFrom('INR', 'USD', 'EUR', '/quotes', 'phone, "web"'),
    adjustment: fc.option(fc.uuid(), { freq: 6 }),
  })
  .map(({ meter, usageId, at, number, staff, dimension, adjustment }) => {
    const dimensions = Object.fromEntries(Object.keys('groupBy' in meter ? meter.groupBy : {}).map((k) => [k, dimension]));
    const value = meter.aggregation === 'COUNT' ? 1 : meter.aggregation === 'UNIQUE_COUNT' ? staff : number;
    const period = at.slice(0, 7);
    return {
      type: 'UsageRecorded' as const,
      data: {
        usageId, meter: meter.id, eventType: meter.eventType, value, dimensions, occurredAt: at, source: 'api',
        ...(adjustment ? { period: nextPeriod(period), adjustmentOf: adjustment } : { period }),
      },
    };
  });

const SIGNAL_METERS = METERS.filter((m) => 'fromSignal' in m);

export const shopSignal: fc.Arbitrary<BillableUsageSignalled> = fc
  .record({ meter: fc.constantFrom(...SIGNAL_METERS), signalId: fc.uuid(), at: occurredAt, amount: fc.integer({ min: 1, max: 500_000 }), currency: fc.constantFrom('INR', 'USD') })
  .map(({ meter, signalId, at, amount, currency }) => {
    const money = meter.aggregation === 'SUM';
    return {
      type: 'BillableUsageSignalled' as const,
      data: {
        signalId, metric: meter.fromSignal as BillableUsageSignalled['data']['metric'], quantity: money ? amount : 1, currency: money ? currency : null,
        source: { eventId: signalId, type: 'PaymentRecorded', streamId: 'x' }, occurredAt: at,
      },
    };
  });

export const usageEvent: fc.Arbitrary<UsageEventBody> = fc.oneof({ arbitrary: usageRecorded, weight: 4 }, { arbitrary: shopSignal, weight: 1 });
