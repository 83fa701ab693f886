/**
 * Field rules the catalog's deciders (resources, services, settings) and their DTOs share, so a
 * limit is stated once. Each reader returns the value or throws InvalidCatalogField naming the
 * field by its path (e.g. `weeklyHours[2].end`): a 422 whose `errors[].field` a client can show.
 */
import { DomainError } from '@workbay/eventstore/core';
import { readOptionalText, readRequiredText, TextRule } from '@workbay/platform/fields';
import { BookingRules, DEFAULT_BOOKING_RULES, RESOURCE_KINDS, ResourceKind } from '../shared/schedule.rules';

export class InvalidCatalogField extends DomainError {
  readonly code = 'SCHEDULING_FIELD_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export interface IntRule {
  min: number;
  max: number;
}

/** The bounds of every whole-number field of the catalog (the DTOs use the same). */
export const CATALOG_LIMITS = {
  capacity: { min: 1, max: 1000 },
  slotMinutes: { min: 5, max: 720 },
  bufferMinutes: { min: 0, max: 480 },
  minNoticeMinutes: { min: 0, max: 60 * 24 * 90 },
  horizonDays: { min: 1, max: 730 },
  dailyLimit: { min: 1, max: 1000 },
  durationMinutes: { min: 5, max: 24 * 60 },
  needCount: { min: 1, max: 10 },
  seatsPerBooking: { min: 1, max: 1000 },
} as const satisfies Record<string, IntRule>;

export const CATALOG_TEXT = {
  name: { max: 120, collapseSpaces: true },
  reason: { max: 300, multiline: true },
} as const satisfies Record<string, TextRule>;

export function wholeNumber(field: string, value: unknown, rule: IntRule): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InvalidCatalogField(field, 'must be a whole number');
  if (value < rule.min || value > rule.max) throw new InvalidCatalogField(field, `must be from ${rule.min} to ${rule.max}`);
  return value;
}

export function requiredText(field: string, value: unknown, rule: TextRule): string {
  const read = readRequiredText(value, rule);
  if (!read.ok) throw new InvalidCatalogField(field, read.problem);
  return read.text;
}

export function optionalText(field: string, value: unknown, rule: TextRule): string | null {
  const read = readOptionalText(value, rule);
  if (!read.ok) throw new InvalidCatalogField(field, read.problem);
  return read.text;
}

export function resourceKind(field: string, value: unknown): ResourceKind {
  if (!RESOURCE_KINDS.includes(value as ResourceKind)) throw new InvalidCatalogField(field, `must be one of ${RESOURCE_KINDS.join(', ')}`);
  return value as ResourceKind;
}

/** A resource's rules: every rule given or its default. */
export function bookingRules(field: string, rules: Partial<BookingRules> | undefined, base: BookingRules = DEFAULT_BOOKING_RULES): BookingRules {
  const merged = { ...base, ...definedOnly(rules ?? {}) };
  return {
    minNoticeMinutes: wholeNumber(`${field}.minNoticeMinutes`, merged.minNoticeMinutes, CATALOG_LIMITS.minNoticeMinutes),
    horizonDays: wholeNumber(`${field}.horizonDays`, merged.horizonDays, CATALOG_LIMITS.horizonDays),
    dailyLimit: merged.dailyLimit === null ? null : wholeNumber(`${field}.dailyLimit`, merged.dailyLimit, CATALOG_LIMITS.dailyLimit),
  };
}

/** A service's rules: only those it sets (the resource's apply to the rest). */
export function partialBookingRules(field: string, rules: Partial<BookingRules> | undefined): Partial<BookingRules> {
  const given = definedOnly(rules ?? {});
  const out: Partial<BookingRules> = {};
  if (given.minNoticeMinutes !== undefined) out.minNoticeMinutes = wholeNumber(`${field}.minNoticeMinutes`, given.minNoticeMinutes, CATALOG_LIMITS.minNoticeMinutes);
  if (given.horizonDays !== undefined) out.horizonDays = wholeNumber(`${field}.horizonDays`, given.horizonDays, CATALOG_LIMITS.horizonDays);
  // null reads as "not set": the resource's limit (or none) applies.
  if (given.dailyLimit !== undefined && given.dailyLimit !== null) out.dailyLimit = wholeNumber(`${field}.dailyLimit`, given.dailyLimit, CATALOG_LIMITS.dailyLimit);
  return out;
}

/** GraphQL and JSON give `undefined` and absent alike; a rule left out keeps its value. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Deep equality that ignores key order (stored jsonb gives keys back in its own order). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
