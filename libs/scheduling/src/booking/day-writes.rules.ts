/**
 * The resource-day events of a decision, per stream (by `resourceDayId`): releases before takes,
 * so a reservation moved within one day leaves that day with its new time only.
 */
import { effectiveRules } from '../availability/resource-fit.rules';
import type { TakenResource } from '../reservations/reservation.events';
import type { ResourceSchedule, ServiceDefinition } from '../shared/schedule.rules';
import { localDateOf } from '../shared/working-time.rules';
import { dayKeysRead, type Placement } from './placement.rules';
import { ResourceDayEvent, resourceDayId } from './resource-day.events';
import { DayState, emptyDay, evolveDay, utcDaysOf } from './resource-day.rules';

export type DayWrites = Record<string, ResourceDayEvent[]>;

const push = (writes: DayWrites, key: string, event: ResourceDayEvent) => {
  (writes[key] ??= []).push(event);
};

const keysOf = (t: Pick<TakenResource, 'resourceId' | 'blockedFrom' | 'blockedUntil'>) =>
  utcDaysOf(t.blockedFrom, t.blockedUntil).map((d) => resourceDayId(t.resourceId, d));

/** Taking a placement: expired holds in its way let go (on the days read), then its occupancy on every day it touches. */
export function placementWrites(p: Placement, days: Record<string, DayState>, now: string, into: DayWrites = {}): DayWrites {
  for (const hold of p.expiredHolds) {
    for (const key of keysOf(hold)) {
      if (days[key]?.occupancies[hold.reservationId]) {
        push(into, key, { type: 'DayOccupancyReleased', data: { reservationId: hold.reservationId, resourceId: hold.resourceId, reason: 'hold_expired', releasedAt: now } });
      }
    }
  }
  for (const o of p.occupancies) {
    for (const key of keysOf(o)) push(into, key, { type: 'DayOccupancyTaken', data: { ...o, takenAt: now } });
  }
  return into;
}

/**
 * A daily limit is decided over every UTC day the start's local day reaches (dayKeysRead), but a
 * booking takes time only on the days of its blocked interval. Each other day read gets a
 * DayLimitCounted, so it is written too: two bookings on one local day that each read the
 * other's UTC day conflict at the atomic append instead of both passing the limit.
 */
export function dailyLimitGuards(
  p: Placement, resources: Record<string, ResourceSchedule | null>, service: ServiceDefinition, now: string, into: DayWrites,
): DayWrites {
  for (const taken of p.resources) {
    const r = resources[taken.resourceId];
    if (!r || effectiveRules(r, service.rules).dailyLimit === null) continue;
    for (const key of dayKeysRead(r, p.start, p.end)) {
      if (into[key]?.length) continue;
      push(into, key, { type: 'DayLimitCounted', data: { reservationId: p.reservationId, resourceId: r.resourceId, localDate: localDateOf(p.start, r.timezone), countedAt: now } });
    }
  }
  return into;
}

/** Letting a reservation's time go on every day it holds. */
export function releaseWrites(
  reservationId: string, resources: readonly TakenResource[], reason: 'cancelled' | 'rescheduled' | 'hold_expired', now: string, into: DayWrites = {},
): DayWrites {
  for (const r of resources) {
    for (const key of keysOf(r)) push(into, key, { type: 'DayOccupancyReleased', data: { reservationId, resourceId: r.resourceId, reason, releasedAt: now } });
  }
  return into;
}

export function confirmWrites(reservationId: string, resources: readonly TakenResource[], now: string): DayWrites {
  const into: DayWrites = {};
  for (const r of resources) for (const key of keysOf(r)) push(into, key, { type: 'DayHoldConfirmed', data: { reservationId, resourceId: r.resourceId, confirmedAt: now } });
  return into;
}

/** The day keys a reservation's resources touch. */
export const dayKeysOfResources = (resources: readonly TakenResource[]): string[] => [...new Set(resources.flatMap(keysOf))];

/** The days after the writes (a series places each occurrence against the ones before it). */
export function applyWrites(days: Record<string, DayState>, writes: DayWrites): Record<string, DayState> {
  const next = { ...days };
  for (const [key, events] of Object.entries(writes)) next[key] = events.reduce(evolveDay, days[key] ?? emptyDay());
  return next;
}
