/**
 * The finance figures as a pure fold over usage facts: per tenant x meter x period x dimensions,
 * and the same per day. This is the definition the projection must equal (the property and
 * integration specs check it against events read back from the store), so it favours being
 * obviously right over being fast.
 *
 * Order-independent by construction: a fact delivered twice counts once (the one at the lowest
 * position is kept), LATEST is the value with the greatest (occurredAt, position), never the last
 * to arrive, and the rest are commutative (exact for integers, which every money and count meter
 * carries).
 */
import { Aggregation } from '../meters/meters';
import { UsageFact } from './usage-facts';

export interface UsageFigure {
  tenantId: string;
  meter: string;
  aggregation: Aggregation;
  period: string;
  /** `YYYY-MM-DD` for a daily figure; null for the period's. */
  day: string | null;
  dimensions: Record<string, string>;
  dimensionsKey: string;
  /** The meter's figure: COUNT events, SUM of values, MAX, UNIQUE_COUNT distinct values, LATEST value. */
  value: number;
  /** Usage events counted (adjustments included). */
  events: number;
  /** Of those, adjustments of an earlier period's usage. */
  adjustments: number;
  firstAt: string;
  lastAt: string;
}

interface Accumulator {
  fact: UsageFact;
  day: string | null;
  events: number;
  adjustments: number;
  total: number;
  max: number;
  distinct: Set<string>;
  latest: { value: number; at: string; position: number };
  firstAt: string;
  lastAt: string;
}

/** Later in time wins; at the same instant the greater global position (a deterministic tie-break). */
export function isLater(at: string, position: number, than: { at: string; position: number }): boolean {
  return at > than.at || (at === than.at && position > than.position);
}

export function figureOf(aggregation: Aggregation, a: { events: number; total: number; max: number; unique: number; latest: number }): number {
  switch (aggregation) {
    case 'COUNT': return a.events;
    case 'SUM': return a.total;
    case 'MAX': return a.max;
    case 'UNIQUE_COUNT': return a.unique;
    case 'LATEST': return a.latest;
  }
}

/** One fact per (tenant, factId): a redelivered or duplicated usage event is counted once. */
export function distinctFacts(facts: Iterable<UsageFact>): UsageFact[] {
  const kept = new Map<string, UsageFact>();
  for (const f of facts) {
    const key = `${f.tenantId} ${f.factId}`;
    const seen = kept.get(key);
    if (!seen || f.position < seen.position) kept.set(key, f);
  }
  return [...kept.values()];
}

export function aggregateUsage(facts: Iterable<UsageFact>): { byPeriod: UsageFigure[]; byDay: UsageFigure[] } {
  const byPeriod = new Map<string, Accumulator>();
  const byDay = new Map<string, Accumulator>();
  for (const fact of distinctFacts(facts)) {
    const base = `${fact.tenantId} ${fact.meter} ${fact.period} ${fact.dimensionsKey}`;
    add(byPeriod, base, fact, null);
    add(byDay, `${base} ${fact.day}`, fact, fact.day);
  }
  return { byPeriod: figures(byPeriod), byDay: figures(byDay) };
}

function add(into: Map<string, Accumulator>, key: string, fact: UsageFact, day: string | null): void {
  const numeric = typeof fact.value === 'number' ? fact.value : 0;
  let a = into.get(key);
  if (!a) {
    a = {
      fact, day, events: 0, adjustments: 0, total: 0, max: numeric, distinct: new Set(),
      latest: { value: numeric, at: fact.occurredAt, position: fact.position }, firstAt: fact.occurredAt, lastAt: fact.occurredAt,
    };
    into.set(key, a);
  }
  a.events += 1;
  if (fact.adjustmentOf !== null) a.adjustments += 1;
  a.total += numeric;
  a.max = Math.max(a.max, numeric);
  if (fact.aggregation === 'UNIQUE_COUNT') a.distinct.add(String(fact.value));
  if (isLater(fact.occurredAt, fact.position, a.latest)) a.latest = { value: numeric, at: fact.occurredAt, position: fact.position };
  if (fact.occurredAt < a.firstAt) a.firstAt = fact.occurredAt;
  if (fact.occurredAt > a.lastAt) a.lastAt = fact.occurredAt;
}

function figures(from: Map<string, Accumulator>): UsageFigure[] {
  return [...from.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([, a]) => ({
      tenantId: a.fact.tenantId, meter: a.fact.meter, aggregation: a.fact.aggregation, period: a.fact.period, day: a.day,
      dimensions: a.fact.dimensions, dimensionsKey: a.fact.dimensionsKey,
      value: figureOf(a.fact.aggregation, { events: a.events, total: a.total, max: a.max, unique: a.distinct.size, latest: a.latest.value }),
      events: a.events, adjustments: a.adjustments, firstAt: a.firstAt, lastAt: a.lastAt,
    }));
}
