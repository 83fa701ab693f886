/**
 * A recurring reservation's starts: an RFC 5545 RRULE expanded from the first start in the
 * location's time zone, so "every Tuesday 09:00" stays 09:00 local across a DST change. rrule
 * works on floating times (UTC fields that mean local wall clock, as its README advises); luxon
 * turns each back into an instant of the zone (a wall time a spring-forward skips moves ahead).
 */
import { DateTime } from 'luxon';
import { RRule } from 'rrule';
import { InvalidRecurrence } from './booking.errors';

/** A series is booked in one atomic write: every occurrence or none, at most this many. */
export const MAX_OCCURRENCES = 52;

export function occurrenceStarts(rule: string, firstStartUtc: string, timezone: string): string[] {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (/DTSTART|\n/i.test(text)) throw new InvalidRecurrence('give the rule only (FREQ=...;COUNT=...); the first start is `start`');
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(text);
  } catch (error) {
    throw new InvalidRecurrence(`not an RFC 5545 rule (${(error as Error).message})`);
  }
  if (options.freq === undefined) throw new InvalidRecurrence('FREQ is required');
  if (!options.count && !options.until) throw new InvalidRecurrence(`COUNT or UNTIL is required (at most ${MAX_OCCURRENCES} occurrences)`);
  if (options.count && options.count > MAX_OCCURRENCES) throw new InvalidRecurrence(`COUNT must be at most ${MAX_OCCURRENCES}`);
  const local = DateTime.fromISO(firstStartUtc, { zone: 'utc' }).setZone(timezone);
  const dtstart = new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
  const floating = new RRule({ ...options, dtstart }).all((_, i) => i <= MAX_OCCURRENCES);
  if (floating.length > MAX_OCCURRENCES) throw new InvalidRecurrence(`the rule gives more than ${MAX_OCCURRENCES} occurrences`);
  if (floating.length === 0) throw new InvalidRecurrence('the rule gives no occurrence');
  return floating.map((d) => DateTime.fromObject(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
    { zone: timezone },
  ).toUTC().toISO({ suppressMilliseconds: false }) as string);
}
