/**
 * Free slots of a service over local days: working intervals (shared/working-time.rules.ts) minus
 * live occupancies, by the same fit rule the booking boundary applies (resource-fit.rules.ts),
 * with every need met at once and "any" resolved by the fair rule (fair-assignment.rules.ts).
 *
 * The grid: starts every `slotMinutes` of wall-clock time from the start of each working interval
 * of the first need's resources (its own grid for each), while the appointment still ends inside
 * that interval. Resources of the other needs (a technician beside a bay) only have to fit.
 * Slots are unique instants in ascending order, each with its local time and offset.
 */
import type { Occupancy, ResourceSchedule, ServiceDefinition } from '../shared/schedule.rules';
import { AvailabilityRangeInvalid } from './availability.errors';
import { assignPrepared, prepareNeeds } from './fair-assignment.rules';
import { DAY_MS, daysIncluded, localDateOf, localDaysSpan, localIsoOf, MINUTE_MS, wallClockGrid } from '../shared/local-time.rules';
import { isLive } from './resource-fit.rules';

/** A month of days at most: an unbounded range would be an unbounded computation. */
export const MAX_AVAILABILITY_DAYS = 31;

export interface AvailabilityAsk {
  service: ServiceDefinition;
  /** Resources at the service's location (others are ignored). */
  resources: readonly ResourceSchedule[];
  /** Their occupancies overlapping the range (reservations and holds; dead holds are ignored). */
  occupancies: readonly Occupancy[];
  /** Local dates 'YYYY-MM-DD', both included, in `timezone`. */
  from: string;
  to: string;
  timezone: string;
  now: string;
  /** A chosen resource; null: any. */
  resourceId?: string | null;
}

export interface OfferedSlot {
  /** ISO UTC. */
  start: string;
  end: string;
  /** The start in the location's zone with its offset: '2026-11-01T01:30:00-04:00'. */
  localStart: string;
  /** The resources a booking now would take, by the fair rule (the chosen one first). */
  resourceIds: string[];
}

export interface AvailabilityResult {
  timezone: string;
  from: string;
  to: string;
  slots: OfferedSlot[];
  /**
   * The first instant at which the answer may change by time alone (a hold expiring, a slot
   * falling inside the minimum notice or coming inside the horizon); null: not by time alone.
   * A cache keeps the answer no longer than this.
   */
  validUntil: string | null;
}

/** from <= to, at most MAX_AVAILABILITY_DAYS days (422 naming the field). */
export function checkRange(from: string, to: string, maxDays = MAX_AVAILABILITY_DAYS): void {
  if (to < from) throw new AvailabilityRangeInvalid('to', `must not be before from (${from})`);
  const days = daysIncluded(from, to);
  if (days > maxDays) throw new AvailabilityRangeInvalid('to', `the range from ${from} to ${to} is ${days} days; at most ${maxDays}`);
}

export function freeSlots(ask: AvailabilityAsk): AvailabilityResult {
  checkRange(ask.from, ask.to);
  const { service, timezone } = ask;
  const nowMs = Date.parse(ask.now);
  const { fromMs, toMs } = localDaysSpan(ask.from, ask.to, timezone);
  const durationMs = service.durationMinutes * MINUTE_MS;
  const needs = prepareNeeds(service, ask.resources, ask.occupancies, { fromMs: fromMs - DAY_MS, toMs: toMs + DAY_MS }, nowMs, ask.resourceId ?? null);
  const result: AvailabilityResult = { timezone, from: ask.from, to: ask.to, slots: [], validUntil: null };
  if (needs.length === 0 || needs.some((n) => n.candidates.length < n.count)) return result;

  // Starts on each first-need resource's own grid; which resources are on the grid at a start.
  const onGrid = new Map<number, Set<string>>();
  for (const c of needs[0].candidates) {
    for (const [s, e] of c.intervals) {
      if (e - durationMs < fromMs || s >= toMs) continue;
      for (const t of wallClockGrid(s, e - durationMs + 1, c.resource.slotMinutes, c.resource.timezone)) {
        if (t < fromMs || t >= toMs) continue;
        const set = onGrid.get(t) ?? new Set<string>();
        set.add(c.resource.resourceId);
        onGrid.set(t, set);
      }
    }
  }

  let changes = Infinity;
  const edge = (ms: number) => {
    if (ms > nowMs && ms < changes) changes = ms;
  };
  for (const need of needs) {
    for (const c of need.candidates) for (const i of c.load.items) if (i.occupancy.holdExpiresAt && isLive(i.occupancy, nowMs)) edge(Date.parse(i.occupancy.holdExpiresAt));
  }
  const starts = [...onGrid.keys()].sort((a, b) => a - b);
  const allRules = needs.flatMap((n) => n.candidates.map((c) => c.rules));
  for (const start of starts) {
    for (const r of allRules) {
      edge(start - r.minNoticeMinutes * MINUTE_MS);
      edge(start - r.horizonDays * DAY_MS);
    }
    const grid = onGrid.get(start)!;
    const assigned = assignPrepared(needs, start, start + durationMs, service.seatsPerBooking, nowMs, localDateOf(start, timezone),
      (needIndex, id) => needIndex !== 0 || grid.has(id));
    if (!assigned.ok) continue;
    result.slots.push({
      start: new Date(start).toISOString(), end: new Date(start + durationMs).toISOString(),
      localStart: localIsoOf(start, timezone), resourceIds: assigned.resourceIds,
    });
  }
  result.validUntil = changes === Infinity ? null : new Date(changes).toISOString();
  return result;
}

/** The zone a location's days are counted in: its resources' (the first by id); UTC when it has none. */
export function locationZone(resources: readonly ResourceSchedule[], locationId: string): string {
  const at = resources.filter((r) => r.locationId === locationId).sort((a, b) => (a.resourceId < b.resourceId ? -1 : 1));
  return at[0]?.timezone ?? 'UTC';
}
