/** The day range of a usage read, resolved against today. Pure: the clock's day comes in. */
import { DomainError } from '@workbay/eventstore/core';

/** A year and a leap day: a full period-to-period comparison fits, an unbounded scan does not. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

export class UsageRangeInvalid extends DomainError {
  readonly code = 'USAGE_RANGE_INVALID';
  constructor(readonly field: 'from' | 'to', message: string) {
    super(`${field}: ${message}`);
  }
}

export interface DayRange {
  from: string;
  to: string;
}

export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
export const utcPeriod = (at: Date): string => at.toISOString().slice(0, 7);

/** `to` defaults to today, `from` to the first day of `to`'s month; from after to, or more than MAX_RANGE_DAYS days, is refused (422). */
export function resolveRange(from: string | undefined, to: string | undefined, today: string): DayRange {
  const end = to ?? (from && from > today ? from : today);
  const start = from ?? `${end.slice(0, 7)}-01`;
  if (start > end) throw new UsageRangeInvalid('to', `must not be before from (${start})`);
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) throw new UsageRangeInvalid('to', `the range from ${start} to ${end} is ${days} days; at most ${MAX_RANGE_DAYS}`);
  return { from: start, to: end };
}
