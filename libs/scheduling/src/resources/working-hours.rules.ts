/**
 * What a week of working hours and a dated exception must be before a resource takes them:
 * 'HH:mm' times (24:00 only as an end), start before end, one day's spans not overlapping, each
 * break inside a working span of its day. Availability trusts these shapes (shared/working-time),
 * so every rule here is one it would otherwise have to guess about.
 */
import type { IsoWeekday, LocalSpan, ScheduleException, ScheduleExceptionKind, WeeklySpan } from '../shared/schedule.rules';
import { CATALOG_TEXT, InvalidCatalogField, optionalText } from '../catalog/catalog-fields.rules';
import { isLocalTime } from '../shared/working-time.rules';

export const MAX_WEEKLY_SPANS = 70;
export const MAX_EXCEPTIONS = 500;
export const SCHEDULE_EXCEPTION_KINDS: readonly ScheduleExceptionKind[] = ['closed', 'time_off', 'extra_hours'];
/** 'HH:mm', 00:00 to 23:59, or 24:00 (an end at midnight): isLocalTime's rule, as a pattern for the DTOs. */
export const LOCAL_TIME_PATTERN = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$';
export const LOCAL_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const LOCAL_DATE = new RegExp(LOCAL_DATE_PATTERN);

/** Minutes after midnight of an 'HH:mm'. */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function time(field: string, value: unknown, isEnd: boolean): string {
  if (typeof value !== 'string' || !isLocalTime(value)) throw new InvalidCatalogField(field, "must be a local time 'HH:mm' (00:00 to 23:59, or 24:00 as an end)");
  if (value === '24:00' && !isEnd) throw new InvalidCatalogField(field, '24:00 is only an end');
  return value;
}

function span(field: string, value: Partial<LocalSpan> | undefined | null): LocalSpan {
  if (!value || typeof value !== 'object') throw new InvalidCatalogField(field, 'must have a start and an end');
  const start = time(`${field}.start`, value.start, false);
  const end = time(`${field}.end`, value.end, true);
  if (minutesOf(start) >= minutesOf(end)) throw new InvalidCatalogField(`${field}.end`, `must be after the start (${start})`);
  return { start, end };
}

function weekday(field: string, value: unknown): IsoWeekday {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 7) throw new InvalidCatalogField(field, 'must be an ISO weekday, 1 (Monday) to 7 (Sunday)');
  return value as IsoWeekday;
}

const overlaps = (a: LocalSpan, b: LocalSpan) => minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end);

/** Spans in their order given, each checked; the first that overlaps an earlier one of its day is named. */
function weeklySpans(field: string, spans: unknown): WeeklySpan[] {
  if (!Array.isArray(spans)) throw new InvalidCatalogField(field, 'must be a list');
  if (spans.length > MAX_WEEKLY_SPANS) throw new InvalidCatalogField(field, `at most ${MAX_WEEKLY_SPANS} spans`);
  const out: WeeklySpan[] = [];
  spans.forEach((raw: Partial<WeeklySpan>, i) => {
    const at = `${field}[${i}]`;
    const day = weekday(`${at}.day`, raw?.day);
    const s = span(at, raw);
    const clash = out.find((o) => o.day === day && overlaps(o, s));
    if (clash) throw new InvalidCatalogField(`${at}.start`, `overlaps ${clash.start}-${clash.end} of the same day`);
    out.push({ day, ...s });
  });
  return out.sort((a, b) => a.day - b.day || minutesOf(a.start) - minutesOf(b.start));
}

/** The week as a resource keeps it: spans sorted by day and start. Breaks must sit inside a working span of their day. */
export function validWeek(weeklyHours: unknown, breaks: unknown): { weeklyHours: WeeklySpan[]; breaks: WeeklySpan[] } {
  const hours = weeklySpans('weeklyHours', weeklyHours);
  const given = Array.isArray(breaks) ? breaks : breaks ?? [];
  const pauses = weeklySpans('breaks', given);
  // Find the index the caller gave (pauses is sorted) to name the right break.
  (given as Partial<WeeklySpan>[]).forEach((raw, i) => {
    const b = pauses.find((p) => p.day === raw.day && p.start === raw.start && p.end === raw.end)!;
    const inside = hours.some((h) => h.day === b.day && minutesOf(h.start) <= minutesOf(b.start) && minutesOf(b.end) <= minutesOf(h.end));
    if (!inside) throw new InvalidCatalogField(`breaks[${i}]`, `${b.start}-${b.end} on day ${b.day} is not inside a working span of that day`);
  });
  return { weeklyHours: hours, breaks: pauses };
}

/** A real calendar date 'YYYY-MM-DD' (no time zone: the resource's local day). */
function localDate(field: string, value: unknown): string {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) throw new InvalidCatalogField(field, "must be a date 'YYYY-MM-DD'");
  const [y, m, d] = value.split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (y < 2000 || y > 2199 || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) throw new InvalidCatalogField(field, 'is not a calendar date from 2000 to 2199');
  return value;
}

/**
 * One exception, checked against the resource's others: `closed` takes the whole day (no span,
 * and no other exception that day); `extra_hours` needs a span; `time_off` has a span or is the
 * whole day. Spans of one date must not overlap.
 */
export function validException(raw: Partial<ScheduleException>, existing: readonly ScheduleException[]): ScheduleException {
  const date = localDate('date', raw.date);
  if (!SCHEDULE_EXCEPTION_KINDS.includes(raw.kind as ScheduleExceptionKind)) throw new InvalidCatalogField('kind', `must be one of ${SCHEDULE_EXCEPTION_KINDS.join(', ')}`);
  const kind = raw.kind as ScheduleExceptionKind;
  if (kind === 'closed' && raw.span) throw new InvalidCatalogField('span', 'a closed day has no span');
  if (kind === 'extra_hours' && !raw.span) throw new InvalidCatalogField('span', 'extra hours need a span');
  const s = raw.span ? span('span', raw.span) : undefined;
  const reason = optionalText('reason', raw.reason, CATALOG_TEXT.reason);
  if (existing.length >= MAX_EXCEPTIONS) throw new InvalidCatalogField('date', `a resource keeps at most ${MAX_EXCEPTIONS} exceptions; remove past ones first`);
  const sameDay = existing.filter((e) => e.date === date);
  const closed = sameDay.find((e) => e.kind === 'closed');
  if (closed) throw new InvalidCatalogField('date', `${date} is already closed (exception ${closed.exceptionId})`);
  if (kind === 'closed' && sameDay.length > 0) throw new InvalidCatalogField('date', `${date} already has exceptions; remove them before closing the day`);
  const wholeDay = sameDay.find((e) => !e.span);
  if (wholeDay) throw new InvalidCatalogField('date', `${date} is already off all day (exception ${wholeDay.exceptionId})`);
  if (!s && sameDay.length > 0) throw new InvalidCatalogField('span', `${date} already has exceptions; a whole-day one would overlap them`);
  const clash = s && sameDay.find((e) => e.span && overlaps(e.span, s));
  if (clash) throw new InvalidCatalogField('span.start', `overlaps ${clash.span!.start}-${clash.span!.end} (${clash.kind}) on ${date}`);
  return { exceptionId: raw.exceptionId!, date, kind, ...(s ? { span: s } : {}), ...(reason ? { reason } : {}) };
}
