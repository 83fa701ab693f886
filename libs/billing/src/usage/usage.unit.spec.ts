import { given } from '@workbay/eventstore/testing';
import { meterForEventType } from '../meters/meters';
import { readUsageEnvelope, UsageSubmission } from './usage-envelope.rules';
import { decidePeriod, periodEnd, periodOf, USAGE_FUTURE_SKEW_MS } from './usage-period.rules';
import { RecordUsageDecision, usageDecider } from './usage.decider';
import { UnknownUsageType, UsageAlreadyRecorded, UsagePeriodClosed, UsageTimeInFuture, UsageValueInvalid } from './usage.errors';
import { UsageRecorded } from './usage.events';

const HOUR = 3_600_000;
const GRACE = 24 * HOUR;
const NOW = '2026-12-10T12:00:00.000Z';

const submission = (overrides: Partial<UsageSubmission> = {}): UsageSubmission => ({
  id: 'evt-1', type: 'workbay.payments.paid', occurredAt: '2026-12-09T08:00:00.000Z', data: { amountMinor: 125000, currency: 'INR' },
  adjustmentOf: null, format: 'json', emitter: null, ...overrides,
});
const record = (s: Partial<UsageSubmission> = {}, now = NOW, lateGraceMs = GRACE): RecordUsageDecision => {
  const sub = submission(s);
  return { type: 'RecordUsage', submission: sub, meter: meterForEventType(sub.type), now, lateGraceMs };
};
const recorded = (data: Partial<UsageRecorded['data']> = {}): UsageRecorded => ({
  type: 'UsageRecorded',
  data: {
    usageId: 'evt-1', meter: 'stripe_paid_amount', eventType: 'workbay.payments.paid', value: 125000, dimensions: { currency: 'INR' },
    occurredAt: '2026-12-09T08:00:00.000Z', period: '2026-12', source: 'api', ...data,
  },
});

describe('usage periods: calendar months in UTC, a grace window after each closes', () => {
  it('names the UTC calendar month of an instant, also across an offset', () => {
    expect(periodOf(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12');
    expect(periodOf(new Date('2027-01-01T03:00:00+05:30'))).toBe('2026-12');
    expect(periodEnd('2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(periodEnd('2027-02').toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });

  const late = (now: string, grace = GRACE) => decidePeriod({ occurredAt: new Date('2026-11-30T23:00:00Z'), now: new Date(now), lateGraceMs: grace, adjustment: false });

  it('counts a late event in its closed period until the last millisecond of the grace window, not at its end', () => {
    expect(late('2026-12-01T23:59:59.999Z')).toEqual({ ok: true, period: '2026-11' });
    expect(late('2026-12-02T00:00:00.000Z')).toMatchObject({ ok: false, reason: 'period_closed' });
    expect(late('2026-12-01T00:00:00.000Z', 0)).toMatchObject({ ok: false, reason: 'period_closed' });
    expect(late('2026-12-01T05:59:59.999Z', 6 * HOUR)).toEqual({ ok: true, period: '2026-11' });
  });

  it('counts an event of the open period in it, and refuses one more than the clock skew ahead', () => {
    const now = new Date(NOW);
    const at = (ms: number, adjustment = false) => decidePeriod({ occurredAt: new Date(now.getTime() + ms), now, lateGraceMs: GRACE, adjustment });
    expect(at(-5 * 86_400_000)).toEqual({ ok: true, period: '2026-12' });
    expect(at(USAGE_FUTURE_SKEW_MS)).toEqual({ ok: true, period: '2026-12' });
    expect(at(USAGE_FUTURE_SKEW_MS + 1)).toMatchObject({ ok: false, reason: 'in_future' });
    expect(at(USAGE_FUTURE_SKEW_MS + 1, true)).toMatchObject({ ok: false, reason: 'in_future' });
  });

  it('puts an event within the skew but past midnight of the month end in the next period (its own calendar month)', () => {
    const now = new Date('2026-12-31T23:58:00Z');
    expect(decidePeriod({ occurredAt: new Date('2027-01-01T00:01:00Z'), now, lateGraceMs: GRACE, adjustment: false })).toEqual({ ok: true, period: '2027-01' });
  });

  it('lands an adjustment in the period open when it is sent, however old the usage it corrects', () => {
    expect(decidePeriod({ occurredAt: new Date('2026-03-04T00:00:00Z'), now: new Date(NOW), lateGraceMs: GRACE, adjustment: true })).toEqual({ ok: true, period: '2026-12' });
  });
});

describe('RecordUsage decider', () => {
  it('records a payment: the value at amountMinor, grouped by currency, in the period of its time', () => {
    given(usageDecider).when(record()).then([recorded()]);
  });

  it('counts 1 for a COUNT meter whatever data says, and keeps a CloudEvent source as the emitter', () => {
    const [event] = usageDecider.decide(record({ type: 'workbay.tickets.created', data: { anything: 7 }, format: 'cloudevents', emitter: '/pos/7' }), usageDecider.initialState());
    expect(event.data).toMatchObject({ meter: 'tickets_created', value: 1, dimensions: {}, source: 'cloudevents', emitter: '/pos/7' });
  });

  it('takes an event without a time as happening now', () => {
    const [event] = usageDecider.decide(record({ occurredAt: null }), usageDecider.initialState());
    expect(event.data).toMatchObject({ occurredAt: NOW, period: '2026-12' });
  });

  it('refuses an event type no meter has (422 naming type)', () => {
    given(usageDecider).when(record({ type: 'workbay.unknown' })).thenThrows(UnknownUsageType, { kind: 'rule', field: 'type' });
  });

  it('refuses a missing, non-numeric, fractional or negative amount (422 naming data.amountMinor)', () => {
    for (const data of [{ currency: 'INR' }, { amountMinor: '12', currency: 'INR' }, { amountMinor: 1.5, currency: 'INR' }, { amountMinor: -1, currency: 'INR' }]) {
      given(usageDecider).when(record({ data })).thenThrows(UsageValueInvalid, { field: 'data.amountMinor' });
    }
  });

  it('refuses a missing or unknown group-by dimension (422 naming it)', () => {
    given(usageDecider).when(record({ data: { amountMinor: 1 } })).thenThrows(UsageValueInvalid, { field: 'data.currency' });
    given(usageDecider).when(record({ data: { amountMinor: 1, currency: 'XYZ' } })).thenThrows(UsageValueInvalid, { field: 'data.currency' });
  });

  it('reads UNIQUE_COUNT values as text and MAX values as numbers', () => {
    const [staff] = usageDecider.decide(record({ type: 'workbay.staff.active', data: { userId: 42 } }), usageDecider.initialState());
    expect(staff.data.value).toBe('42');
    const [storage] = usageDecider.decide(record({ type: 'workbay.storage.used', data: { gb: 2.5 } }), usageDecider.initialState());
    expect(storage.data.value).toBe(2.5);
    given(usageDecider).when(record({ type: 'workbay.staff.active', data: {} })).thenThrows(UsageValueInvalid, { field: 'data.userId' });
  });

  it('counts a late event inside the grace window in its closed period, and refuses it after (422 USAGE_PERIOD_CLOSED naming time)', () => {
    const lateTime = '2026-11-30T22:00:00.000Z';
    given(usageDecider).when(record({ occurredAt: lateTime }, '2026-12-01T23:59:59.999Z')).then([recorded({ occurredAt: lateTime, period: '2026-11' })]);
    given(usageDecider).when(record({ occurredAt: lateTime }, '2026-12-02T00:00:00.000Z')).thenThrows(UsagePeriodClosed, { code: 'USAGE_PERIOD_CLOSED', field: 'time' });
  });

  it('lands an adjustment in the open period with its reference, and lets only an adjustment take a SUM back', () => {
    const lateTime = '2026-10-15T10:00:00.000Z';
    given(usageDecider)
      .when(record({ id: 'evt-1-fix', occurredAt: lateTime, adjustmentOf: 'evt-1', data: { amountMinor: -5000, currency: 'INR' } }))
      .then([recorded({ usageId: 'evt-1-fix', occurredAt: lateTime, period: '2026-12', value: -5000, adjustmentOf: 'evt-1' })]);
    given(usageDecider).when(record({ type: 'workbay.storage.used', adjustmentOf: 'x', data: { gb: -1 } })).thenThrows(UsageValueInvalid, { field: 'data.gb' });
  });

  it('refuses a time more than the clock skew ahead (422 naming time)', () => {
    given(usageDecider).when(record({ occurredAt: '2026-12-10T12:05:00.001Z' })).thenThrows(UsageTimeInFuture, { field: 'time' });
    given(usageDecider).when(record({ occurredAt: '2026-12-10T12:05:00.000Z' })).then([recorded({ occurredAt: '2026-12-10T12:05:00.000Z' })]);
  });

  it('never records one id twice', () => {
    given(usageDecider, [recorded()]).when(record()).thenThrows(UsageAlreadyRecorded, { kind: 'conflict' });
  });
});

describe('usage envelopes (Workbay JSON and CloudEvents 1.0 structured mode)', () => {
  const ce = (overrides: Record<string, unknown> = {}) => ({
    specversion: '1.0', id: 'ce-1', source: '/pos/7', type: 'workbay.api.call', time: '2026-12-01T10:00:00+05:30', data: { endpoint: '/x' }, ...overrides,
  });

  it('reads a CloudEvent: id, type, time (normalised to UTC), data, source, the adjustment extension, and ignores other extensions', () => {
    expect(readUsageEnvelope(ce({ workbayadjustmentof: 'ce-0', traceparent: 'abc' }), 'cloudevents')).toEqual({
      ok: true,
      submission: { id: 'ce-1', type: 'workbay.api.call', occurredAt: '2026-12-01T04:30:00.000Z', data: { endpoint: '/x' }, adjustmentOf: 'ce-0', format: 'cloudevents', emitter: '/pos/7' },
    });
  });

  it('reads a JSON body carrying specversion as a CloudEvent', () => {
    expect(readUsageEnvelope(ce(), 'json')).toMatchObject({ ok: true, submission: { format: 'cloudevents' } });
  });

  it.each([
    [{ specversion: '0.3' }, 'specversion'],
    [{ id: '' }, 'id'],
    [{ id: 'has space' }, 'id'],
    [{ id: 'x'.repeat(201) }, 'id'],
    [{ source: undefined }, 'source'],
    [{ type: 7 }, 'type'],
    [{ time: '2026-12-01 10:00' }, 'time'],
    [{ time: '2026-12-01T10:00:00' }, 'time'],
    [{ data: [1] }, 'data'],
    [{ data_base64: 'AAA=' }, 'data_base64'],
    [{ datacontenttype: 'text/plain' }, 'datacontenttype'],
    [{ 'Bad-Name': 1 }, 'Bad-Name'],
    [{ workbayadjustmentof: 5 }, 'workbayadjustmentof'],
  ])('refuses a CloudEvent with %j, naming %s', (overrides, field) => {
    expect(readUsageEnvelope(ce(overrides), 'cloudevents')).toEqual({ ok: false, problem: { field, message: expect.any(String) } });
  });

  it('refuses unknown fields of Workbay JSON and a body that is not an object', () => {
    expect(readUsageEnvelope({ id: 'a', type: 't', amount: 1 }, 'json')).toMatchObject({ ok: false, problem: { field: 'amount' } });
    expect(readUsageEnvelope([{ id: 'a' }], 'json')).toMatchObject({ ok: false, problem: { field: 'body' } });
    expect(readUsageEnvelope(null, 'cloudevents')).toMatchObject({ ok: false, problem: { field: 'body' } });
    expect(readUsageEnvelope({ id: 'a', type: 't', adjustmentOf: '' }, 'json')).toMatchObject({ ok: false, problem: { field: 'adjustmentOf' } });
  });
});
