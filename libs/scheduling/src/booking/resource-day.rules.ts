/**
 * What a resource-day stream knows (the occupancies of one resource on one UTC day) and which
 * days an interval touches. Whether an occupancy is live and how many seats are taken at once
 * are availability's rules (availability/resource-fit.rules.ts), the same for offer and booking.
 */
import type { Occupancy } from '../shared/schedule.rules';
import type { ResourceDayEvent } from './resource-day.events';

export interface DayState {
  /** By reservation id (one occupancy per reservation and resource). */
  occupancies: Record<string, Occupancy>;
}

export const emptyDay = (): DayState => ({ occupancies: {} });

export function evolveDay(state: DayState, event: ResourceDayEvent): DayState {
  switch (event.type) {
    case 'DayOccupancyTaken': {
      const { capacity: _c, takenAt: _t, ...occupancy } = event.data;
      return { occupancies: { ...state.occupancies, [occupancy.reservationId]: occupancy } };
    }
    case 'DayOccupancyReleased': {
      const { [event.data.reservationId]: _gone, ...rest } = state.occupancies;
      return { occupancies: rest };
    }
    case 'DayHoldConfirmed': {
      const o = state.occupancies[event.data.reservationId];
      return o ? { occupancies: { ...state.occupancies, [o.reservationId]: { ...o, holdExpiresAt: null } } } : state;
    }
    case 'DayLimitCounted':
      return state;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const foldDay = (events: readonly ResourceDayEvent[]): DayState => events.reduce(evolveDay, emptyDay());

const DAY_MS = 86_400_000;

/** The UTC dates ('YYYY-MM-DD') that [from, until) touches, in order. */
export function utcDaysOf(from: string, until: string): string[] {
  const start = Math.floor(Date.parse(from) / DAY_MS);
  const end = Math.floor((Date.parse(until) - 1) / DAY_MS);
  const days: string[] = [];
  for (let d = start; d <= end; d++) days.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  return days;
}

export const overlaps = (aFrom: string, aUntil: string, bFrom: string, bUntil: string): boolean =>
  Date.parse(aFrom) < Date.parse(bUntil) && Date.parse(bFrom) < Date.parse(aUntil);
