/**
 * What the scheduling reports compute from the calendar's rows. Pure.
 * Utilisation = booked seat-minutes / (working minutes x capacity); the working minutes come from
 * the one working-time function availability and booking use.
 */
import { dayBoundsUtc } from '../calendar/calendar.rules';
import type { ResourceSchedule } from '../shared/schedule.rules';
import { workingIntervals } from '../shared/working-time.rules';

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Working minutes of the resource on each local day (in its zone): 23- and 25-hour days included. */
export function availableMinutesByDay(resource: ResourceSchedule, days: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const day of days) {
    const { start, end } = dayBoundsUtc(day, resource.timezone);
    const ms = workingIntervals(resource, start, end).reduce((sum, i) => sum + Date.parse(i.end) - Date.parse(i.start), 0);
    out.set(day, Math.round(ms / 60_000));
  }
  return out;
}

/** Share of the capacity booked; null when the resource did not work (nothing to share). Over 1 when booked outside working time. */
export function utilisationOf(bookedMinutes: number, availableMinutes: number, capacity: number): number | null {
  const offered = availableMinutes * Math.max(1, capacity);
  return offered > 0 ? round4(bookedMinutes / offered) : null;
}

/** No-shows over reservations that reached their start; null when none did. */
export function noShowRateOf(noShows: number, reached: number): number | null {
  return reached > 0 ? round4(noShows / reached) : null;
}

export const NO_SHOW_PERIODS = ['day', 'week', 'month'] as const;
export type NoShowPeriod = (typeof NO_SHOW_PERIODS)[number];
