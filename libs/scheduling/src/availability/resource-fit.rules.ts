/**
 * Does one appointment fit one resource? The single rule both the availability engine (what to
 * offer) and the booking boundary (what to accept) apply, so an offered slot is one the boundary
 * takes and a refused one is refused for the same reason.
 *
 * Decisions (libs/scheduling/README.md, "Availability"):
 * - The appointment [start, end) must lie inside one working interval. Its buffers need not:
 *   a before-buffer may fall before opening and an after-buffer after closing (set-up and clean-up
 *   are the resource's own time), but they count against other bookings.
 * - Blocked = [start - bufferBefore, end + bufferAfter). Two bookings conflict when their blocked
 *   intervals overlap (so buffers add up), the same test as the read side's GiST constraint.
 * - Capacity: the peak of seats taken at any instant of the new blocked interval, plus the new
 *   seats, must not pass capacity (seats that follow each other do not add up).
 * - Live: a reservation, or a hold whose expiry is after `now`.
 * - Daily limit: reservations and live holds that start on the same local day (resource's zone).
 * - Rules: the service's rule wins where it sets one, else the resource's.
 */
import type { BookingRules, Occupancy, ResourceSchedule } from '../shared/schedule.rules';
import { workingIntervals } from '../shared/working-time.rules';
import { DAY_MS, localDateOf, MINUTE_MS } from '../shared/local-time.rules';

/** Why a resource cannot take an appointment, in the order the checks run. */
export const UNFIT_REASONS = [
  'inactive', 'seats_exceed_capacity', 'in_the_past', 'too_soon', 'beyond_horizon', 'outside_working_hours', 'daily_limit', 'conflict',
] as const;
export type UnfitReason = (typeof UNFIT_REASONS)[number];

export type Fit = { ok: true } | { ok: false; reason: UnfitReason; resourceId: string; conflict?: Occupancy };

export interface FitAsk {
  /** Appointment start and end, ISO UTC (without buffers). */
  start: string;
  end: string;
  seats: number;
  now: string;
  /** The service's rules (they win over the resource's where set). */
  serviceRules?: Partial<BookingRules>;
  /** A reschedule's own reservation: its current occupancy does not count against the new time. */
  ignoreReservationId?: string;
}

export const effectiveRules = (resource: ResourceSchedule, serviceRules: Partial<BookingRules> = {}): BookingRules => ({
  minNoticeMinutes: serviceRules.minNoticeMinutes ?? resource.rules.minNoticeMinutes,
  horizonDays: serviceRules.horizonDays ?? resource.rules.horizonDays,
  dailyLimit: serviceRules.dailyLimit !== undefined ? serviceRules.dailyLimit : resource.rules.dailyLimit,
});

export const isLive = (o: Occupancy, nowMs: number): boolean => o.holdExpiresAt === null || Date.parse(o.holdExpiresAt) > nowMs;

/** The interval a booking of [start, end) takes on the resource: widened by its buffers. */
export function blockedInterval(resource: ResourceSchedule, startMs: number, endMs: number): [number, number] {
  return [startMs - resource.bufferBeforeMinutes * MINUTE_MS, endMs + resource.bufferAfterMinutes * MINUTE_MS];
}

/**
 * A resource's live occupancies prepared for many questions: sorted by blocked start, with the
 * count per local start day. The engine builds one per resource per query; `fitsResource` one per call.
 */
export class ResourceLoad {
  readonly items: Array<{ from: number; until: number; seats: number; occupancy: Occupancy }>;
  private readonly perDay = new Map<string, number>();
  /** The longest blocked interval: how far back an overlapping one can start. */
  private readonly longest: number;

  constructor(readonly resource: ResourceSchedule, occupancies: readonly Occupancy[], nowMs: number, ignoreReservationId?: string) {
    this.items = occupancies
      .filter((o) => o.resourceId === resource.resourceId && o.reservationId !== ignoreReservationId && isLive(o, nowMs))
      .map((o) => ({ from: Date.parse(o.blockedFrom), until: Date.parse(o.blockedUntil), seats: o.seats, occupancy: o }))
      .sort((a, b) => a.from - b.from || a.until - b.until);
    this.longest = this.items.reduce((m, i) => Math.max(m, i.until - i.from), 0);
    for (const i of this.items) {
      const day = localDateOf(Date.parse(i.occupancy.start), resource.timezone);
      this.perDay.set(day, (this.perDay.get(day) ?? 0) + 1);
    }
  }

  /** Reservations and live holds starting that local day. */
  bookedOn(day: string): number {
    return this.perDay.get(day) ?? 0;
  }

  /** Occupancies whose blocked interval overlaps [from, until), earliest first. */
  overlapping(from: number, until: number): ResourceLoad['items'] {
    const out: ResourceLoad['items'] = [];
    // First index whose start could still overlap: from - longest.
    let lo = 0;
    let hi = this.items.length;
    const floor = from - this.longest;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].from < floor) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.items.length && this.items[i].from < until; i++) {
      if (this.items[i].until > from) out.push(this.items[i]);
    }
    return out;
  }
}

/** Peak seats taken at any instant of [from, until) by `items` (half-open: one ending as another starts do not add up). */
export function peakSeats(items: ResourceLoad['items'], from: number, until: number): number {
  const edges: Array<[number, number]> = [];
  for (const i of items) {
    edges.push([Math.max(i.from, from), i.seats], [Math.min(i.until, until), -i.seats]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    now += delta;
    peak = Math.max(peak, now);
  }
  return peak;
}

/** Working intervals as [start, end) ms, sorted and disjoint (shared/working-time.rules.ts). */
export type Intervals = ReadonlyArray<readonly [number, number]>;

export function intervalsOf(resource: ResourceSchedule, fromMs: number, toMs: number): Intervals {
  return workingIntervals(resource, new Date(fromMs).toISOString(), new Date(toMs).toISOString())
    .map((i) => [Date.parse(i.start), Date.parse(i.end)] as const);
}

/** Whether [start, end) lies inside one of the intervals (binary search). */
export function insideOne(intervals: Intervals, startMs: number, endMs: number): boolean {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = intervals[mid];
    if (startMs < s) hi = mid - 1;
    else if (startMs >= e) lo = mid + 1;
    else return endMs <= e;
  }
  return false;
}

/** The engine's form of `fitsResource`: working intervals and load prepared once for many starts. */
export function fitsPrepared(
  load: ResourceLoad, intervals: Intervals, startMs: number, endMs: number, seats: number, nowMs: number, rules: BookingRules,
): Fit {
  const resource = load.resource;
  const refuse = (reason: UnfitReason, conflict?: Occupancy): Fit => ({ ok: false, reason, resourceId: resource.resourceId, ...(conflict ? { conflict } : {}) });
  if (!resource.active) return refuse('inactive');
  if (seats > resource.capacity) return refuse('seats_exceed_capacity');
  if (startMs < nowMs) return refuse('in_the_past');
  if (startMs < nowMs + rules.minNoticeMinutes * MINUTE_MS) return refuse('too_soon');
  if (startMs > nowMs + rules.horizonDays * DAY_MS) return refuse('beyond_horizon');
  if (!insideOne(intervals, startMs, endMs)) return refuse('outside_working_hours');
  if (rules.dailyLimit !== null && load.bookedOn(localDateOf(startMs, resource.timezone)) >= rules.dailyLimit) return refuse('daily_limit');
  const [from, until] = blockedInterval(resource, startMs, endMs);
  const overlapping = load.overlapping(from, until);
  if (overlapping.length && peakSeats(overlapping, from, until) + seats > resource.capacity) return refuse('conflict', overlapping[0].occupancy);
  return { ok: true };
}

/**
 * Whether `resource` can take [start, end) for `seats` now, given its occupancies (any list: other
 * resources' rows and dead holds are ignored). For the booking boundary: call it on the state the
 * boundary holds (not on a cache), inside the decision.
 */
export function fitsResource(resource: ResourceSchedule, occupancies: readonly Occupancy[], ask: FitAsk): Fit {
  const startMs = Date.parse(ask.start);
  const endMs = Date.parse(ask.end);
  const nowMs = Date.parse(ask.now);
  const load = new ResourceLoad(resource, occupancies, nowMs, ask.ignoreReservationId);
  // A day either side: the interval holding the start may open the evening before.
  const intervals = intervalsOf(resource, startMs - DAY_MS, endMs + DAY_MS);
  return fitsPrepared(load, intervals, startMs, endMs, ask.seats, nowMs, effectiveRules(resource, ask.serviceRules));
}
