/**
 * When a resource works, as UTC instants: its week in its IANA zone, minus breaks, time off and
 * closed days, plus extra hours. Wall-clock times are turned into instants per local date with
 * luxon, so DST days come out right: on a spring-forward day a 01:00-05:00 span is three real
 * hours and no instant has the local time 02:30; on a fall-back day it is five, the repeated hour
 * once. Availability, the booking boundary and utilisation all use this one function.
 */
import { DateTime } from 'luxon';
import { DAY_MS, localDateOf as localDateOfMs } from './local-time.rules';
import type { IsoWeekday, LocalSpan, ResourceSchedule } from './schedule.rules';

/** [start, end) in UTC, ISO-8601 with milliseconds ('2026-03-08T14:00:00.000Z'). */
export interface Interval {
  start: string;
  end: string;
}

interface Ms {
  start: number;
  end: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** True for 'HH:mm' from 00:00 to 23:59, and '24:00' (the end of a day). */
export const isLocalTime = (value: string): boolean => typeof value === 'string' && HHMM.test(value);

/**
 * luxon resolves a zone's offset through Intl on every call (tens of microseconds), and a week of
 * availability asks the same few dates and times thousands of times: a memo of a pure function.
 */
const instants = new Map<string, number>();

/** The instant of a local wall-clock time on a local date; a time in a spring-forward gap moves forward by the gap (luxon's rule). */
export function instantOf(date: string, time: string, zone: string): number {
  const key = `${zone} ${date} ${time}`;
  let at = instants.get(key);
  if (at === undefined) {
    at = instantOfUncached(date, time, zone);
    if (instants.size > 200_000) instants.clear();
    instants.set(key, at);
  }
  return at;
}

function instantOfUncached(date: string, time: string, zone: string): number {
  const day = DateTime.fromISO(date, { zone });
  if (time === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  const [h, m] = time.split(':').map(Number);
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 }).toMillis();
}

/** The local date ('YYYY-MM-DD') of an instant in a zone. */
export function localDateOf(instant: string | number, zone: string): string {
  return localDateOfMs(typeof instant === 'number' ? instant : Date.parse(instant), zone);
}

/** A calendar date's ISO weekday (1 Monday ... 7 Sunday): the same in every zone. */
const weekdayOf = (date: string): IsoWeekday => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1 as IsoWeekday;

const nextDate = (date: string, days = 1): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

function spanMs(date: string, span: LocalSpan, zone: string): Ms | null {
  const start = instantOf(date, span.start, zone);
  const end = instantOf(date, span.end, zone);
  return end > start ? { start, end } : null;
}

function union(spans: Ms[]): Ms[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Ms[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

function subtract(spans: Ms[], cuts: Ms[]): Ms[] {
  let out = spans;
  for (const cut of cuts) {
    out = out.flatMap((s) => {
      if (cut.end <= s.start || cut.start >= s.end) return [s];
      const parts: Ms[] = [];
      if (cut.start > s.start) parts.push({ start: s.start, end: cut.start });
      if (cut.end < s.end) parts.push({ start: cut.end, end: s.end });
      return parts;
    });
  }
  return out;
}

/** Working time of one local date, before clipping. */
function workingOnDate(resource: ResourceSchedule, date: string): Ms[] {
  const zone = resource.timezone;
  const weekday = weekdayOf(date);
  const exceptions = resource.exceptions.filter((e) => e.date === date);
  if (exceptions.some((e) => e.kind === 'closed' || (e.kind === 'time_off' && !e.span))) return [];
  const open = [
    ...resource.weeklyHours.filter((s) => s.day === weekday),
    ...exceptions.filter((e) => e.kind === 'extra_hours' && e.span).map((e) => e.span!),
  ].flatMap((s) => spanMs(date, s, zone) ?? []);
  const cuts = [
    ...resource.breaks.filter((s) => s.day === weekday),
    ...exceptions.filter((e) => e.kind === 'time_off' && e.span).map((e) => e.span!),
  ].flatMap((s) => spanMs(date, s, zone) ?? []);
  return subtract(union(open), cuts);
}

/** Working spans (unclipped, sorted, disjoint) of the local dates around [from, to). */
function workingAround(resource: ResourceSchedule, from: number, to: number): Ms[] {
  if (!resource.active || !(to > from)) return [];
  const zone = resource.timezone;
  // A day before and after: a local day's span can reach into the neighbouring UTC day.
  const last = nextDate(localDateOf(to, zone));
  const spans: Ms[] = [];
  for (let day = nextDate(localDateOf(from, zone), -1); day <= last; day = nextDate(day)) spans.push(...workingOnDate(resource, day));
  return union(spans);
}

/**
 * The resource's working intervals that meet [fromUtc, toUtc), clipped to it, sorted and
 * disjoint. A retired resource works never.
 */
export function workingIntervals(resource: ResourceSchedule, fromUtc: string, toUtc: string): Interval[] {
  const from = Date.parse(fromUtc);
  const to = Date.parse(toUtc);
  return workingAround(resource, from, to)
    .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start)
    .map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() }));
}

/** True when [startUtc, endUtc) lies inside one working interval of the resource. */
export function isWithinWorkingTime(resource: ResourceSchedule, startUtc: string, endUtc: string): boolean {
  const start = Date.parse(startUtc);
  const end = Date.parse(endUtc);
  if (!(end > start)) return false;
  return workingAround(resource, start, end).some((s) => s.start <= start && s.end >= end);
}
