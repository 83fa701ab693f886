import { Injectable } from '@nestjs/common';
import { fold } from '@workbay/eventstore/core';
import { CommandResult } from '@workbay/platform';
import { BookingBoundary, BoundaryAppend, BoundaryReads } from '../booking/booking-boundary';
import { BookingDefinitions } from '../booking/booking-definitions';
import { NotBookableReference } from '../booking/booking.errors';
import { applyWrites, dailyLimitGuards, dayKeysOfResources, DayWrites, placementWrites, releaseWrites } from '../booking/day-writes.rules';
import { appointmentEnd, dayKeysRead, placeSlot, placesOf, ResourcePick } from '../booking/placement.rules';
import { ResourceDayEvent, resourceDayStreamCategory } from '../booking/resource-day.events';
import { DayState, foldDay } from '../booking/resource-day.rules';
import type { ResourceSchedule, ServiceDefinition } from '../shared/schedule.rules';
import { BookingTerms, decideReservation, reservationDecider } from './reservation.decider';
import { ReservationEvent, reservationStreamCategory } from './reservation.events';

export interface NewBooking {
  serviceId: string;
  /** One per resource the service takes (its needs by count); null or 'any' for "any". */
  resources?: Array<string | null> | null;
  /** The reservations to make (one, or every occurrence of a series), each with its start (UTC). */
  slots: Array<{ reservationId: string; start: string }>;
  terms: BookingTerms;
  hold: boolean;
}

/**
 * The booking paths that take time (reserve, hold, series, reschedule) at the boundary: each slot
 * placed against the resource-day streams it touches (a series' occurrences against the ones
 * before them), expired holds in the way let go, all in one atomic write.
 */
@Injectable()
export class BookSlots {
  constructor(private readonly boundary: BookingBoundary, private readonly definitions: BookingDefinitions) {}

  async book(answerId: string, booking: NewBooking): Promise<CommandResult> {
    const service = await this.definitions.service(booking.serviceId);
    const picks = normalizedPicks(booking.resources, placesOf(service).length);
    const anyCandidates = await this.definitions.anyCandidates(service, picks);
    const resources = await this.definitions.resources([...picks.filter((p): p is string => p !== null), ...anyCandidates.flat()]);
    const ttl = booking.hold ? (await this.definitions.settings()).holdTtlMinutes : 0;
    const dayKeys = daysTouched(Object.values(resources), service, booking.slots.map((s) => s.start));
    const locks = [...dayKeys.map(dayLock), ...booking.slots.map((s) => `${reservationStreamCategory}-${s.reservationId}`)];
    return this.boundary.decide(answerId, locks, async (reads, now) => {
      let days = await readDays(reads, dayKeys);
      const writes: DayWrites = {};
      const reservations: BoundaryAppend[] = [];
      const expired = new Set<string>();
      const holdExpiresAt = booking.hold ? new Date(Date.parse(now) + ttl * 60_000).toISOString() : null;
      for (const [i, slot] of booking.slots.entries()) {
        const placement = placeSlot({ now, service, resources, anyCandidates, days }, slot.reservationId, slot.start, picks, holdExpiresAt);
        const own = dailyLimitGuards(placement, resources, service, now, placementWrites(placement, days, now));
        days = applyWrites(days, own);
        mergeWrites(writes, own);
        for (const h of placement.expiredHolds) expired.add(h.reservationId);
        const events = decideReservation({ type: 'Book', placement, service, terms: booking.terms, now, holdExpiresAt }, { status: 'none' });
        reservations.push({ category: reservationStreamCategory, id: slot.reservationId, events, fresh: true, keyed: i === 0 });
      }
      // Expired holds first: the occupancy projection deletes their rows before it inserts the new ones (GiST).
      return [...(await expireHolds(reads, [...expired], now)), ...reservations, ...dayAppends(writes)];
    });
  }

  /** Moves a reservation: the new time taken and the old let go in one write, or neither. */
  async reschedule(reservationId: string, start: string, resourcePicks: Array<string | null> | null | undefined): Promise<CommandResult> {
    const before = await this.definitions.reservation(reservationId);
    const service = asBooked(await this.definitions.service(before.serviceId, 'reservationId'), before);
    const picks = resourcePicks?.length ? normalizedPicks(resourcePicks, placesOf(service).length) : before.resources.map((r) => r.resourceId);
    const anyCandidates = await this.definitions.anyCandidates(service, picks);
    const resources = await this.definitions.resources([...picks.filter((p): p is string => p !== null), ...anyCandidates.flat()]);
    const newDays = daysTouched(Object.values(resources), service, [start]);
    const locks = [...new Set([...newDays, ...dayKeysOfResources(before.resources)])].map(dayLock);
    return this.boundary.decide(reservationId, [...locks, `${reservationStreamCategory}-${reservationId}`], async (reads, now) => {
      const state = fold(reservationDecider, await reads.read<ReservationEvent>(reservationStreamCategory, reservationId));
      const current = state.status === 'held' || state.status === 'reserved' ? state : null;
      const days = await readDays(reads, [...new Set([...newDays, ...dayKeysOfResources(current?.resources ?? [])])]);
      const placement = placeSlot({ now, service, resources, anyCandidates, days }, reservationId, start, picks, current?.holdExpiresAt ?? null, reservationId);
      const events = decideReservation({ type: 'Reschedule', placement, now }, state);
      const writes = releaseWrites(reservationId, current?.resources ?? [], 'rescheduled', now);
      mergeWrites(writes, dailyLimitGuards(placement, resources, service, now, placementWrites(placement, days, now)));
      const holds = placement.expiredHolds.map((h) => h.reservationId);
      return [...(await expireHolds(reads, holds, now)), { category: reservationStreamCategory, id: reservationId, events, keyed: true }, ...dayAppends(writes)];
    });
  }
}

export const dayLock = (dayKey: string) => `${resourceDayStreamCategory}-${dayKey}`;

/** A reservation keeps the terms it was booked with (duration, seats) when moved, whatever the service says now. */
const asBooked = (service: ServiceDefinition, r: { start: string; end: string; seats: number }): ServiceDefinition => ({
  ...service, durationMinutes: Math.round((Date.parse(r.end) - Date.parse(r.start)) / 60_000), seatsPerBooking: r.seats,
});

function normalizedPicks(given: Array<string | null> | null | undefined, places: number): ResourcePick[] {
  const list = given ?? [];
  if (list.length > places) throw new NotBookableReference('resources', `the service takes ${places} resource(s), ${list.length} were named`);
  return Array.from({ length: places }, (_, i) => (list[i] && list[i] !== 'any' ? (list[i] as string) : null));
}

/** Every resource-day a booking decides against: each candidate resource over each start. */
function daysTouched(resources: Array<ResourceSchedule | null>, service: ServiceDefinition, starts: string[]): string[] {
  const keys = new Set<string>();
  for (const r of resources) if (r) for (const start of starts) for (const k of dayKeysRead(r, start, appointmentEnd(service, start))) keys.add(k);
  return [...keys].sort();
}

export async function readDays(reads: BoundaryReads, keys: readonly string[]): Promise<Record<string, DayState>> {
  const streams = await reads.readAll<ResourceDayEvent>(resourceDayStreamCategory, keys);
  return Object.fromEntries(keys.map((k, i) => [k, foldDay(streams[i])]));
}

function mergeWrites(into: DayWrites, more: DayWrites): void {
  for (const [k, events] of Object.entries(more)) (into[k] ??= []).push(...events);
}

export const dayAppends = (writes: DayWrites): BoundaryAppend[] =>
  Object.entries(writes).map(([id, events]) => ({ category: resourceDayStreamCategory, id, events }));

/** HoldExpired for each expired hold this write lets go, at the version read now. */
async function expireHolds(reads: BoundaryReads, reservationIds: readonly string[], now: string): Promise<BoundaryAppend[]> {
  const appends: BoundaryAppend[] = [];
  for (const id of reservationIds) {
    const state = fold(reservationDecider, await reads.read<ReservationEvent>(reservationStreamCategory, id));
    appends.push({ category: reservationStreamCategory, id, events: decideReservation({ type: 'ExpireHold', now }, state) });
  }
  return appends;
}
