/**
 * The booking boundary's own streams: one per resource and UTC day of the time it blocks,
 * `${tenantId}.resource-day-${resourceId}_${YYYY-MM-DD}`. A stream's state is the occupancies of
 * that resource that day; every booking decides against the streams it touches and appends to all
 * of them at once with their expected versions (see README, "what decides"). Internal facts: read
 * models consume the reservation events, not these.
 */
import type { Occupancy } from '../shared/schedule.rules';

export const resourceDayStreamCategory = 'resource-day' as const;

/** The id part of a resource-day stream: resource and UTC date. */
export const resourceDayId = (resourceId: string, utcDate: string): string => `${resourceId}_${utcDate}`;

export interface DayOccupancyTaken {
  type: 'DayOccupancyTaken';
  data: Occupancy & { capacity: number; takenAt: string };
}

/** The occupancy no longer takes time: cancelled, moved away, or an expired hold let go. */
export interface DayOccupancyReleased {
  type: 'DayOccupancyReleased';
  data: { reservationId: string; resourceId: string; reason: 'cancelled' | 'rescheduled' | 'hold_expired'; releasedAt: string };
}

/** The hold became a reservation: it no longer expires. */
export interface DayHoldConfirmed {
  type: 'DayHoldConfirmed';
  data: { reservationId: string; resourceId: string; confirmedAt: string };
}

/**
 * A booking counted against the resource's daily limit on a UTC day its local day reaches but its
 * time does not: written so that a racing booking which read this day conflicts (see dailyLimitGuards).
 */
export interface DayLimitCounted {
  type: 'DayLimitCounted';
  data: { reservationId: string; resourceId: string; localDate: string; countedAt: string };
}

export type ResourceDayEvent = DayOccupancyTaken | DayOccupancyReleased | DayHoldConfirmed | DayLimitCounted;
