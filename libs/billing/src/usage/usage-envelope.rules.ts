/**
 * The two shapes a usage event arrives in, read into one submission: Workbay's JSON
 * (`{ id, type, time, data, adjustmentOf }`) and CloudEvents 1.0 structured mode (the envelope
 * OpenMeter and other metering products ingest, so existing emitters work unchanged). Only the
 * envelope is checked here (a bad one is a 400 naming the attribute); what the meter makes of
 * `type` and `data` is the decider's (422).
 */
export type UsageFormat = 'json' | 'cloudevents';

export interface UsageSubmission {
  /** The emitter's event id: the dedupe key, unique per tenant forever. */
  id: string;
  type: string;
  /** ISO-8601 UTC (ms), or null: the event carried no time, it happened when received. */
  occurredAt: string | null;
  data: Record<string, unknown>;
  adjustmentOf: string | null;
  format: UsageFormat;
  /** CloudEvents `source` (who emitted it), null for Workbay JSON. */
  emitter: string | null;
}

export interface EnvelopeProblem {
  field: string;
  message: string;
}

export type EnvelopeRead = { ok: true; submission: UsageSubmission } | { ok: false; problem: EnvelopeProblem };

/** Long enough for any UUID, ULID or `source/id` scheme; short enough to key a stream. */
export const MAX_USAGE_ID_LENGTH = 200;
const MAX_TYPE_LENGTH = 200;
const MAX_SOURCE_LENGTH = 1000;
// RFC 3339 as CloudEvents `time` requires: a date, a time, optional fractions, an explicit offset.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
// Printable ASCII without spaces: ids and types are keys and names, not prose.
const TOKEN = /^[\x21-\x7E]+$/;
const JSON_FIELDS = new Set(['id', 'type', 'time', 'data', 'adjustmentOf']);
// CloudEvents 1.0 context attributes we read or accept; other lowercase-alphanumeric names are extensions.
const CE_KNOWN = new Set(['specversion', 'id', 'source', 'type', 'time', 'data', 'datacontenttype', 'dataschema', 'subject', 'workbayadjustmentof']);
const CE_EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
const ADJUSTMENT_EXTENSION = 'workbayadjustmentof';

const fail = (field: string, message: string): EnvelopeRead => ({ ok: false, problem: { field, message } });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `format` from the Content-Type; a JSON body carrying `specversion` is read as a CloudEvent too. */
export function readUsageEnvelope(raw: unknown, format: UsageFormat): EnvelopeRead {
  if (!isRecord(raw)) return fail('body', 'must be a JSON object (one usage event)');
  return format === 'cloudevents' || 'specversion' in raw ? readCloudEvent(raw) : readJson(raw);
}

function readJson(raw: Record<string, unknown>): EnvelopeRead {
  for (const key of Object.keys(raw)) if (!JSON_FIELDS.has(key)) return fail(key, 'is not a field of a usage event (id, type, time, data, adjustmentOf)');
  return readCommon(raw, { adjustmentField: 'adjustmentOf', format: 'json', emitter: null });
}

function readCloudEvent(raw: Record<string, unknown>): EnvelopeRead {
  if (raw.specversion !== '1.0') return fail('specversion', 'must be "1.0" (CloudEvents 1.0)');
  for (const key of Object.keys(raw)) {
    if (key === 'data_base64') return fail(key, 'binary data is not accepted: send the value and dimensions as JSON in data');
    if (!CE_KNOWN.has(key) && !CE_EXTENSION_NAME.test(key)) return fail(key, 'is not a CloudEvents attribute (lowercase letters and digits, at most 20)');
  }
  if (typeof raw.source !== 'string' || raw.source.length === 0) return fail('source', 'is required: a non-empty URI-reference naming the emitter');
  if (raw.source.length > MAX_SOURCE_LENGTH) return fail('source', `must be at most ${MAX_SOURCE_LENGTH} characters`);
  if (raw.datacontenttype !== undefined && (typeof raw.datacontenttype !== 'string' || !/^application\/(.+\+)?json\b/i.test(raw.datacontenttype))) {
    return fail('datacontenttype', 'must be application/json (data is read as JSON)');
  }
  for (const attr of ['subject', 'dataschema'] as const) {
    if (raw[attr] !== undefined && typeof raw[attr] !== 'string') return fail(attr, 'must be a string');
  }
  return readCommon(raw, { adjustmentField: ADJUSTMENT_EXTENSION, format: 'cloudevents', emitter: raw.source });
}

function readCommon(raw: Record<string, unknown>, how: { adjustmentField: string; format: UsageFormat; emitter: string | null }): EnvelopeRead {
  const id = token(raw.id, 'id', MAX_USAGE_ID_LENGTH);
  if (typeof id !== 'string') return id;
  const type = token(raw.type, 'type', MAX_TYPE_LENGTH);
  if (typeof type !== 'string') return type;
  let occurredAt: string | null = null;
  if (raw.time !== undefined && raw.time !== null) {
    if (typeof raw.time !== 'string' || !RFC3339.test(raw.time) || Number.isNaN(Date.parse(raw.time))) {
      return fail('time', 'must be an RFC 3339 timestamp with an offset, such as 2026-12-01T10:00:00Z');
    }
    occurredAt = new Date(raw.time).toISOString();
  }
  let data: Record<string, unknown> = {};
  if (raw.data !== undefined && raw.data !== null) {
    if (!isRecord(raw.data)) return fail('data', 'must be a JSON object holding the value and the dimensions');
    data = raw.data;
  }
  let adjustmentOf: string | null = null;
  const adjustment = raw[how.adjustmentField];
  if (adjustment !== undefined && adjustment !== null) {
    const original = token(adjustment, how.adjustmentField, MAX_USAGE_ID_LENGTH);
    if (typeof original !== 'string') return original;
    adjustmentOf = original;
  }
  return { ok: true, submission: { id, type, occurredAt, data, adjustmentOf, format: how.format, emitter: how.emitter } };
}

function token(value: unknown, field: string, max: number): string | EnvelopeRead {
  if (typeof value !== 'string' || value.length === 0) return fail(field, 'is required: a non-empty string');
  if (value.length > max) return fail(field, `must be at most ${max} characters`);
  if (!TOKEN.test(value)) return fail(field, 'must be printable ASCII without spaces');
  return value;
}
