/**
 * How one reservation looks on the calendars and what time it books, as its events move it.
 * Pure: the calendar projection and its specs use these, so rows and the rules cannot disagree.
 * Instants are ISO UTC; local days are 'YYYY-MM-DD' in the reservation's (its location's) zone.
 */
import { DateTime } from 'luxon';
import type { BookingParty, ReservationEvent, TakenResource } from '../reservations/reservation.events';

export const CALENDAR_STATUSES = ['held', 'reserved', 'checked_in', 'completed', 'no_show', 'cancelled', 'expired'] as const;
export type CalendarStatus = (typeof CALENDAR_STATUSES)[number];

/** The resource was kept for the customer: a no-show's time was booked too, a hold's not yet. */
export const BOOKED_STATUSES: readonly CalendarStatus[] = ['reserved', 'checked_in', 'completed', 'no_show'];

export interface CalendarEntry {
  reservationId: string;
  locationId: string;
  serviceId: string;
  start: string;
  end: string;
  timezone: string;
  status: CalendarStatus;
  holdExpiresAt: string | null;
  seats: number;
  channel: 'staff' | 'online';
  seriesId: string | null;
  party: BookingParty;
  notes: string | null;
  resources: TakenResource[];
  lateCancel: boolean | null;
  cancelledAt: string | null;
  quoteId: string | null;
  bookedAt: string;
}

/** The entry after one of its reservation's events; null = not on the calendar (nothing booked yet). */
export function evolveEntry(entry: CalendarEntry | null, event: ReservationEvent, timezone: string): CalendarEntry | null {
  switch (event.type) {
    case 'SlotReserved':
    case 'SlotHeld': {
      if (entry) return entry;
      const d = event.data;
      const held = event.type === 'SlotHeld';
      return {
        reservationId: d.reservationId, locationId: d.locationId, serviceId: d.serviceId, start: d.start, end: d.end, timezone,
        status: held ? 'held' : 'reserved', holdExpiresAt: event.type === 'SlotHeld' ? event.data.expiresAt : null,
        seats: d.seats, channel: d.channel, seriesId: d.seriesId, party: d.party, notes: d.notes, resources: d.resources,
        lateCancel: null, cancelledAt: null, quoteId: null, bookedAt: event.type === 'SlotHeld' ? event.data.heldAt : event.data.reservedAt,
      };
    }
    case 'HoldConfirmed':
      return entry && entry.status === 'held' ? { ...entry, status: 'reserved', holdExpiresAt: null, bookedAt: event.data.confirmedAt } : entry;
    case 'HoldExpired':
      return entry && entry.status === 'held' ? { ...entry, status: 'expired' } : entry;
    case 'ReservationRescheduled':
      return entry && { ...entry, start: event.data.start, end: event.data.end, resources: event.data.resources };
    case 'ReservationCancelled':
      return entry && { ...entry, status: 'cancelled', lateCancel: event.data.late, cancelledAt: event.data.cancelledAt };
    case 'ReservationCheckedIn':
      return entry && { ...entry, status: 'checked_in', quoteId: event.data.quoteId };
    case 'ReservationMarkedNoShow':
      return entry && { ...entry, status: 'no_show' };
    case 'ReservationCompleted':
      return entry && { ...entry, status: 'completed' };
    case 'ReservationReminderSent':
      return entry;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const localDate = (instant: string, zone: string): string => DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toISODate() ?? instant.slice(0, 10);

/** The instant in its zone with the offset it had there, e.g. 2026-03-29T10:00:00.000+02:00. */
export const localTime = (instant: string, zone: string): string => DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toISO() ?? instant;

/** [start, end) of a local day as UTC instants (23 or 25 hours long on a DST switch day). */
export function dayBoundsUtc(day: string, zone: string): { start: string; end: string } {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  return { start: start.toUTC().toISO()!, end: start.plus({ days: 1 }).toUTC().toISO()! };
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'utc' }); d.toISODate()! <= to; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

/** Minutes of [start, end) on each local day it touches (split at local midnights). */
export function minutesByLocalDay(start: string, end: string, zone: string): Array<{ day: string; minutes: number }> {
  const out: Array<{ day: string; minutes: number }> = [];
  const stop = DateTime.fromISO(end, { zone: 'utc' });
  let at = DateTime.fromISO(start, { zone: 'utc' }).setZone(zone);
  while (at < stop) {
    const midnight = at.startOf('day').plus({ days: 1 });
    const until = midnight < stop ? midnight : stop;
    out.push({ day: at.toISODate()!, minutes: Math.round(until.diff(at).as('minutes')) });
    at = until.setZone(zone);
  }
  return out;
}

export interface BookedShare {
  resourceId: string;
  day: string;
  minutes: number;
}

/**
 * The appointment time (buffers excluded) an entry books on each of its resources per local
 * day, times its seats (two seats of a class for 60 min are 120 seat-minutes); nothing unless booked.
 */
export function bookedShares(entry: CalendarEntry | null): BookedShare[] {
  if (!entry || !BOOKED_STATUSES.includes(entry.status)) return [];
  const days = minutesByLocalDay(entry.start, entry.end, entry.timezone);
  return entry.resources.flatMap((r) => days.map(({ day, minutes }) => ({ resourceId: r.resourceId, day, minutes: minutes * entry.seats })));
}

/** What to add per (resource, day) to go from `before` to `after`; zero changes left out. */
export function shareChanges(before: BookedShare[], after: BookedShare[]): BookedShare[] {
  const sum = new Map<string, BookedShare>();
  const add = (s: BookedShare, sign: number) => {
    const key = `${s.resourceId}|${s.day}`;
    const found = sum.get(key) ?? { resourceId: s.resourceId, day: s.day, minutes: 0 };
    found.minutes += sign * s.minutes;
    sum.set(key, found);
  };
  for (const s of before) add(s, -1);
  for (const s of after) add(s, 1);
  return [...sum.values()].filter((s) => s.minutes !== 0);
}

/** A hold shows on the calendar only while it lasts; cancelled and expired entries not at all. */
export function isShown(entry: { status: CalendarStatus; holdExpiresAt: string | null }, now: Date): boolean {
  if (entry.status === 'held') return entry.holdExpiresAt !== null && Date.parse(entry.holdExpiresAt) > now.getTime();
  return entry.status !== 'cancelled' && entry.status !== 'expired';
}
