/**
 * Wall-clock arithmetic in a resource's IANA zone (luxon). Slots are laid on the local wall clock
 * ("every 30 minutes from 09:00"), then turned into instants: a local time the spring-forward
 * gap skips does not exist and gives no slot; a local time the fall-back repeats gives one
 * instant, its first (earlier-offset) occurrence, so the repeated hour is offered once.
 */
import { DateTime } from 'luxon';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/**
 * A zone's UTC offset (minutes) at an instant. luxon asks Intl for every instant (tens of
 * microseconds each), which a month of slots for several resources pays thousands of times; an
 * offset only changes at a transition, and transitions fall on quarter hours of UTC, so the
 * answer is memoised per zone and quarter hour (a memo of a pure function: same answers, faster).
 */
const QUARTER_MS = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();
export function offsetAt(ms: number, zone: string): number {
  let memo = offsets.get(zone);
  if (!memo) offsets.set(zone, (memo = new Map()));
  const quarter = Math.floor(ms / QUARTER_MS);
  let offset = memo.get(quarter);
  if (offset === undefined) {
    offset = DateTime.fromMillis(quarter * QUARTER_MS, { zone }).offset;
    if (memo.size > 500_000) memo.clear();
    memo.set(quarter, offset);
  }
  return offset;
}

/** Local calendar date 'YYYY-MM-DD' of an instant. */
export const localDateOf = (ms: number, zone: string): string => new Date(ms + offsetAt(ms, zone) * MINUTE_MS).toISOString().slice(0, 10);

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO-8601 with the zone's offset at that instant, to the second: '2026-11-01T01:30:00-04:00'. */
export function localIsoOf(ms: number, zone: string): string {
  const offset = offsetAt(ms, zone);
  const wall = new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${wall}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The instant of a naive wall-clock time (ms as if UTC) in `zone`: of the offsets half a day
 * either side, the earliest instant that reads back as that wall-clock time; null when none
 * does (the zone skips it).
 */
function instantOfWallClock(naiveMs: number, zone: string): number | null {
  const candidates = [offsetAt(naiveMs - DAY_MS / 2, zone), offsetAt(naiveMs + DAY_MS / 2, zone)].map((offset) => naiveMs - offset * MINUTE_MS);
  const valid = candidates.filter((at) => at + offsetAt(at, zone) * MINUTE_MS === naiveMs);
  return valid.length ? Math.min(...valid) : null;
}

/**
 * Starts every `stepMinutes` of wall-clock time from `startMs` while before `endMs`, as strictly
 * increasing unique instants. Without an offset change inside the interval (every ordinary day)
 * this is plain arithmetic; across a switch each wall-clock time is resolved in the zone.
 */
export function wallClockGrid(startMs: number, endMs: number, stepMinutes: number, zone: string): number[] {
  const step = stepMinutes * MINUTE_MS;
  const out: number[] = [];
  if (step <= 0 || startMs >= endMs) return out;
  if (offsetAt(startMs, zone) === offsetAt(endMs, zone)) {
    for (let t = startMs; t < endMs; t += step) out.push(t);
    return out;
  }
  const naive0 = startMs + offsetAt(startMs, zone) * MINUTE_MS;
  out.push(startMs);
  for (let naive = naive0 + step; ; naive += step) {
    const at = instantOfWallClock(naive, zone);
    if (at === null) continue;
    if (at >= endMs) break;
    if (at > out[out.length - 1]) out.push(at);
  }
  return out;
}

/** The instants of local midnight opening `from` and closing `to` (inclusive dates), in `zone`. */
export function localDaysSpan(from: string, to: string, zone: string): { fromMs: number; toMs: number } {
  const start = DateTime.fromISO(from, { zone }).startOf('day');
  const end = DateTime.fromISO(to, { zone }).startOf('day').plus({ days: 1 });
  return { fromMs: start.toMillis(), toMs: end.toMillis() };
}

/** Whole calendar days from `from` to `to`, both included (1 for one day). */
export const daysIncluded = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

/** Whether an IANA zone name is known to the runtime's time-zone data. */
export const isKnownZone = (zone: string): boolean => DateTime.now().setZone(zone).isValid;
