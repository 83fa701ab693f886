import { Decider } from '@workbay/eventstore/core';
import { isCurrencyCode, CURRENCY_CODE_MESSAGE } from '@workbay/platform/fields';
import { UsageSubmission } from './usage-envelope.rules';
import { UnknownUsageType, UsageAlreadyRecorded, UsagePeriodClosed, UsageTimeInFuture, UsageValueInvalid } from './usage.errors';
import { UsageRecorded } from './usage.events';
import { decidePeriod } from './usage-period.rules';

/** One usage event's stream: unrecorded until its UsageRecorded, then never again (dedupe). */
export type UsageState = { status: 'unrecorded' } | { status: 'recorded'; usageId: string; period: string };

/** What the decider needs of a meter (a `MeterDefinition` of meters.ts is one). */
export interface UsageMeter {
  id: string;
  aggregation: 'COUNT' | 'SUM' | 'MAX' | 'UNIQUE_COUNT' | 'LATEST';
  valuePath?: string;
  groupBy?: Record<string, string>;
  unit: string;
}

export interface RecordUsageDecision {
  type: 'RecordUsage';
  submission: UsageSubmission;
  /** The meter whose event type the submission names; undefined when none does. */
  meter: UsageMeter | undefined;
  /** The server's clock: the open period and the future check are taken from it. */
  now: string;
  lateGraceMs: number;
}

const MAX_DIMENSION_LENGTH = 200;
const MAX_UNIQUE_VALUE_LENGTH = 200;

export const usageDecider: Decider<UsageState, RecordUsageDecision, UsageRecorded> = {
  initialState: () => ({ status: 'unrecorded' }),
  evolve: (state, event) =>
    event.type === 'UsageRecorded' ? { status: 'recorded', usageId: event.data.usageId, period: event.data.period } : state,
  decide(command, state) {
    switch (command.type) {
      case 'RecordUsage':
        return [recordUsage(command, state)];
      default: {
        const unhandled: never = command.type;
        throw new Error(`unhandled command ${String(unhandled)}`);
      }
    }
  },
};

function recordUsage({ submission: s, meter, now, lateGraceMs }: RecordUsageDecision, state: UsageState): UsageRecorded {
  if (state.status === 'recorded') throw new UsageAlreadyRecorded(s.id);
  if (!meter) throw new UnknownUsageType(s.type);
  const value = valueOf(meter, s);
  const dimensions = dimensionsOf(meter, s.data);
  const occurredAt = s.occurredAt ?? now;
  const period = decidePeriod({ occurredAt: new Date(occurredAt), now: new Date(now), lateGraceMs, adjustment: s.adjustmentOf !== null });
  if (!period.ok) throw period.reason === 'in_future' ? new UsageTimeInFuture('time', period.message) : new UsagePeriodClosed('time', period.message);
  return {
    type: 'UsageRecorded',
    data: {
      usageId: s.id,
      meter: meter.id,
      eventType: s.type,
      value,
      dimensions,
      occurredAt,
      period: period.period,
      source: s.format === 'cloudevents' ? 'cloudevents' : 'api',
      ...(s.emitter !== null ? { emitter: s.emitter } : {}),
      ...(s.adjustmentOf !== null ? { adjustmentOf: s.adjustmentOf } : {}),
    },
  };
}

/**
 * COUNT counts the event (1). UNIQUE_COUNT keeps the value counted once, as text. SUM, MAX and
 * LATEST read a finite number, whole for amounts in minor units; only an adjustment may be
 * negative (a correction that takes usage back), and only for SUM.
 */
function valueOf(meter: UsageMeter, s: UsageSubmission): number | string {
  if (meter.aggregation === 'COUNT' || !meter.valuePath) return 1;
  const field = `data.${meter.valuePath}`;
  const raw = atPath(s.data, meter.valuePath);
  if (meter.aggregation === 'UNIQUE_COUNT') {
    if ((typeof raw !== 'string' || raw.length === 0) && !(typeof raw === 'number' && Number.isFinite(raw))) {
      throw new UsageValueInvalid(field, 'is required: the value counted once (a non-empty string or a number)');
    }
    const text = String(raw);
    if (text.length > MAX_UNIQUE_VALUE_LENGTH) throw new UsageValueInvalid(field, `must be at most ${MAX_UNIQUE_VALUE_LENGTH} characters`);
    return text;
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new UsageValueInvalid(field, `is required: a number (the ${meter.unit}s of meter ${meter.id})`);
  if (meter.unit === 'minor unit' && !Number.isSafeInteger(raw)) throw new UsageValueInvalid(field, 'must be a whole number of minor units');
  const mayTakeBack = meter.aggregation === 'SUM' && s.adjustmentOf !== null;
  if (raw < 0 && !mayTakeBack) throw new UsageValueInvalid(field, 'must not be negative (only an adjustment of a SUM meter may take usage back)');
  return raw;
}

function dimensionsOf(meter: UsageMeter, data: Record<string, unknown>): Record<string, string> {
  const dimensions: Record<string, string> = {};
  for (const [name, path] of Object.entries(meter.groupBy ?? {})) {
    const field = `data.${path}`;
    const raw = atPath(data, path);
    if ((typeof raw !== 'string' || raw.length === 0) && !(typeof raw === 'number' && Number.isFinite(raw))) {
      throw new UsageValueInvalid(field, `is required: meter ${meter.id} is grouped by ${name}`);
    }
    const text = String(raw);
    if (text.length > MAX_DIMENSION_LENGTH) throw new UsageValueInvalid(field, `must be at most ${MAX_DIMENSION_LENGTH} characters`);
    if (name === 'currency' && !isCurrencyCode(text)) throw new UsageValueInvalid(field, CURRENCY_CODE_MESSAGE);
    dimensions[name] = text;
  }
  return dimensions;
}

function atPath(data: Record<string, unknown>, path: string): unknown {
  let at: unknown = data;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
