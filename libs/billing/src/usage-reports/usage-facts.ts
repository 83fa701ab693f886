/**
 * What the finance reports count: one usage fact per usage event, whichever way it came in (a
 * UsageRecorded from RecordUsage / CloudEvents, or a shop or scheduling BillableUsageSignalled
 * mapped to the meter that names its metric in `fromSignal`). Pure: the projection and the recomputation from
 * the event store read facts through this one mapping, so they cannot disagree on what counts.
 */
import type { SchedulingBillableUsageSignalled } from '@workbay/scheduling/contract';
import type { BillableUsageSignalled } from '@workbay/shop/contract';
import { Aggregation, MeterDefinition, METERS } from '../meters/meters';
import type { UsageRecorded } from '../usage/usage.events';

/** One event type, published by each context that signals usage (ids and values only); scheduling's adds dimensions. */
type SignalData = BillableUsageSignalled['data'] | SchedulingBillableUsageSignalled['data'];

export const USAGE_FACT_EVENT_TYPES = ['UsageRecorded', 'BillableUsageSignalled'] as const;

export interface UsageFact {
  tenantId: string;
  /** Dedupe key: the same usage delivered twice is one fact (`usage:<usageId>` or `signal:<signalId>`). */
  factId: string;
  meter: string;
  aggregation: Aggregation;
  /** Canonical (sorted) form of `dimensions`: part of every figure's key. */
  dimensionsKey: string;
  dimensions: Record<string, string>;
  /** A number for COUNT, SUM, MAX and LATEST (COUNT ignores it); the distinct value for UNIQUE_COUNT. */
  value: number | string;
  /** ISO-8601 UTC, normalised (`toISOString`), so string order is time order. */
  occurredAt: string;
  /** `YYYY-MM-DD` (UTC) of `occurredAt`. */
  day: string;
  /** The billing period it counts in (`YYYY-MM`); an adjustment's is later than its day's month. */
  period: string;
  /** The event's global position: breaks LATEST's ties between equal `occurredAt`. */
  position: number;
  adjustmentOf: string | null;
}

/** The minimum a mapping needs from a stored event (StoredEvent satisfies it). */
export interface UsageSourceEvent {
  tenantId: string;
  type: string;
  globalPosition: number;
  data: unknown;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const METER_BY_ID = new Map<string, MeterDefinition>(METERS.map((m) => [m.id, m]));
const METER_BY_SIGNAL = new Map<string, MeterDefinition>(
  METERS.flatMap((m): [string, MeterDefinition][] => ('fromSignal' in m && m.fromSignal ? [[m.fromSignal, m]] : [])),
);

export function dimensionsKeyOf(dimensions: Record<string, string>): string {
  return JSON.stringify(Object.keys(dimensions).sort().map((k) => [k, dimensions[k]]));
}

function instant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The fact an event carries, or undefined for one that carries none a report can count: another
 * event type, a meter or metric no longer in the catalog, a value the meter's aggregation cannot
 * use. Such events are skipped alike by the projection and the recomputation.
 */
export function usageFactOf(event: UsageSourceEvent): UsageFact | undefined {
  if (event.type === 'UsageRecorded') return fromUsageRecorded(event, event.data as UsageRecorded['data']);
  if (event.type === 'BillableUsageSignalled') return fromSignal(event, event.data as SignalData);
  return undefined;
}

function fromUsageRecorded(event: UsageSourceEvent, d: UsageRecorded['data']): UsageFact | undefined {
  const meter = METER_BY_ID.get(d?.meter);
  const occurredAt = instant(d?.occurredAt);
  if (!meter || !occurredAt || typeof d.usageId !== 'string' || typeof d.period !== 'string' || !PERIOD.test(d.period)) return undefined;
  const value = valueFor(meter.aggregation, d.value);
  if (value === undefined) return undefined;
  const dimensions = stringRecord(d.dimensions);
  return {
    tenantId: event.tenantId, factId: `usage:${d.usageId}`, meter: meter.id, aggregation: meter.aggregation,
    dimensions, dimensionsKey: dimensionsKeyOf(dimensions), value, occurredAt, day: occurredAt.slice(0, 10), period: d.period,
    position: event.globalPosition, adjustmentOf: typeof d.adjustmentOf === 'string' ? d.adjustmentOf : null,
  };
}

function fromSignal(event: UsageSourceEvent, d: SignalData): UsageFact | undefined {
  const meter = METER_BY_SIGNAL.get(d?.metric);
  const occurredAt = instant(d?.occurredAt);
  if (!meter || !occurredAt || typeof d.signalId !== 'string') return undefined;
  const value = valueFor(meter.aggregation, d.quantity);
  if (value === undefined) return undefined;
  // A signal names a currency (the money meters' one dimension) and may carry others (channel), kept where the meter groups by them.
  const given: Record<string, string> = { ...('dimensions' in d ? stringRecord(d.dimensions) : {}), ...(d.currency ? { currency: d.currency } : {}) };
  const dimensions: Record<string, string> = {};
  for (const key of Object.keys(meter.groupBy ?? {})) if (given[key] !== undefined) dimensions[key] = given[key];
  return {
    tenantId: event.tenantId, factId: `signal:${d.signalId}`, meter: meter.id, aggregation: meter.aggregation,
    dimensions, dimensionsKey: dimensionsKeyOf(dimensions), value, occurredAt, day: occurredAt.slice(0, 10), period: occurredAt.slice(0, 7),
    position: event.globalPosition, adjustmentOf: null,
  };
}

function valueFor(aggregation: Aggregation, value: unknown): number | string | undefined {
  if (aggregation === 'UNIQUE_COUNT') return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  if (aggregation === 'COUNT') return typeof value === 'number' && Number.isFinite(value) ? value : 1;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}
