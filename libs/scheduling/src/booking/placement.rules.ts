/**
 * Where a slot goes: for each resource a service needs, a resource of the right kind and location
 * that fits, decided against the resource-day states read at the boundary. "Fits" is
 * availability's `fitsResource` (rules, working time, daily limit, seats at their peak) and "any"
 * is its `chooseFairly`: one rule for what is offered and what is accepted. Pure: `now` comes in.
 */
import type { TakenResource } from '../reservations/reservation.events';
import { chooseFairly } from '../availability/fair-assignment.rules';
import { isLive, ResourceLoad, fitsResource, UnfitReason } from '../availability/resource-fit.rules';
import type { Occupancy, ResourceSchedule, ServiceDefinition } from '../shared/schedule.rules';
import { instantOf, localDateOf } from '../shared/working-time.rules';
import { DailyLimitReached, NotBookableReference, SlotUnavailable, StartNotBookable } from './booking.errors';
import { resourceDayId } from './resource-day.events';
import { DayState, emptyDay, overlaps, utcDaysOf } from './resource-day.rules';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** One place in the request per resource the service takes (its needs expanded by count): a resource id, or null for "any". */
export type ResourcePick = string | null;

export interface PlacementBasis {
  now: string;
  service: ServiceDefinition;
  /** Every resource that may be chosen, as folded from its stream (null: no such stream). */
  resources: Record<string, ResourceSchedule | null>;
  /** Per place (needs expanded by count): the candidates for "any", in a stable order. */
  anyCandidates: string[][];
  /** Resource-day states by `resourceDayId`; a missing day is empty. */
  days: Record<string, DayState>;
}

export interface Placement {
  reservationId: string;
  start: string;
  end: string;
  resources: TakenResource[];
  /** The time taken on each resource (its blocked interval) and that resource's capacity. */
  occupancies: Array<Occupancy & { capacity: number }>;
  /** Expired holds in the way: released in the same write (HoldExpired), never two rows on the read side. */
  expiredHolds: Occupancy[];
}

/** The needs of a service, one entry per resource it takes. */
export const placesOf = (service: ServiceDefinition) => service.needs.flatMap((need) => Array.from({ length: need.count }, () => need));

export const blockedInterval = (r: ResourceSchedule, start: string, end: string) => ({
  blockedFrom: iso(Date.parse(start) - r.bufferBeforeMinutes * MINUTE),
  blockedUntil: iso(Date.parse(end) + r.bufferAfterMinutes * MINUTE),
});

/** The resource-day streams a booking of the resource over the appointment writes: the UTC days of its blocked time. */
export function dayKeysFor(r: ResourceSchedule, start: string, end: string): string[] {
  const { blockedFrom, blockedUntil } = blockedInterval(r, start, end);
  return utcDaysOf(blockedFrom, blockedUntil).map((d) => resourceDayId(r.resourceId, d));
}

/** What a decision reads: the days it writes, and the UTC days of the start's local day (the daily limit counts that day). */
export function dayKeysRead(r: ResourceSchedule, start: string, end: string): string[] {
  const local = localDateOf(start, r.timezone);
  const next = new Date(Date.parse(`${local}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const dayFrom = new Date(instantOf(local, '00:00', r.timezone)).toISOString();
  const dayUntil = new Date(instantOf(next, '00:00', r.timezone)).toISOString();
  const localDays = utcDaysOf(dayFrom, dayUntil).map((d) => resourceDayId(r.resourceId, d));
  return [...new Set([...dayKeysFor(r, start, end), ...localDays])];
}

export const appointmentEnd = (service: ServiceDefinition, start: string): string => iso(Date.parse(start) + service.durationMinutes * MINUTE);

/**
 * Places one slot, or throws why not. A named resource that does not fit is refused with the
 * reason; for "any" every candidate is judged and the fair choice made among those that fit,
 * refusing with a time conflict if one was seen, else the first candidate's reason.
 * `ignore`: the reservation being moved does not stand in its own way.
 */
export function placeSlot(
  basis: PlacementBasis, reservationId: string, start: string, picks: readonly ResourcePick[], holdExpiresAt: string | null, ignore?: string,
): Placement {
  const { service, now } = basis;
  if (Date.parse(start) < Date.parse(now)) throw new StartNotBookable('START_IN_PAST', `${start} is in the past`);
  const end = appointmentEnd(service, start);
  const places = placesOf(service);
  const chosen: Array<{ r: ResourceSchedule; expired: Occupancy[] }> = [];
  for (const [i, need] of places.entries()) {
    const field = `resources[${i}]`;
    const pick = picks[i] ?? null;
    const taken = new Set(chosen.map((c) => c.r.resourceId));
    if (pick !== null) {
      if (taken.has(pick)) throw new NotBookableReference(field, 'the same resource is named twice');
      const fit = fitOf(basis, pick, need, start, end, ignore, field);
      if (fit instanceof Error) throw fit;
      chosen.push(fit);
      continue;
    }
    let first: Refusal | null = null;
    const fits = new Map<string, { r: ResourceSchedule; expired: Occupancy[] }>();
    for (const id of basis.anyCandidates[i] ?? []) {
      if (taken.has(id)) continue;
      const fit = fitOf(basis, id, need, start, end, ignore, field);
      if (fit instanceof Error) {
        // A time conflict says more to the caller than another candidate's wrong kind.
        if (!first || (fit instanceof SlotUnavailable && !(first instanceof SlotUnavailable))) first = fit;
        continue;
      }
      fits.set(id, fit);
    }
    const [choice] = chooseFairly([...fits.keys()], 1, (id) => bookedOn(basis, fits.get(id)!.r, start, end)) ?? [];
    if (!choice) throw first ?? new NotBookableReference(field, `no ${need.kind} at this location can take this service`);
    chosen.push(fits.get(choice)!);
  }
  const expired = new Map<string, Occupancy>();
  for (const c of chosen) for (const o of c.expired) expired.set(`${o.reservationId}/${o.resourceId}`, o);
  return {
    reservationId, start, end,
    resources: chosen.map(({ r }) => ({ resourceId: r.resourceId, kind: r.kind, ...blockedInterval(r, start, end), capacity: r.capacity })),
    occupancies: chosen.map(({ r }) => ({
      reservationId, resourceId: r.resourceId, start, end, ...blockedInterval(r, start, end),
      seats: service.seatsPerBooking, holdExpiresAt, capacity: r.capacity,
    })),
    expiredHolds: [...expired.values()],
  };
}

type Refusal = SlotUnavailable | StartNotBookable | NotBookableReference | DailyLimitReached;

const START_REFUSALS: Partial<Record<UnfitReason, ConstructorParameters<typeof StartNotBookable>[0]>> = {
  in_the_past: 'START_IN_PAST', too_soon: 'BELOW_MIN_NOTICE', beyond_horizon: 'BEYOND_HORIZON', outside_working_hours: 'OUTSIDE_WORKING_HOURS',
};

function fitOf(
  basis: PlacementBasis, resourceId: string, need: { kind: string; resourceIds?: string[] }, start: string, end: string,
  ignore: string | undefined, field: string,
): { r: ResourceSchedule; expired: Occupancy[] } | Refusal {
  const { service, now } = basis;
  const r = basis.resources[resourceId];
  if (!r) return new NotBookableReference(field, 'no such bookable resource in this tenant');
  if (r.kind !== need.kind || r.locationId !== service.locationId || (need.resourceIds?.length && !need.resourceIds.includes(r.resourceId))) {
    return new NotBookableReference(field, `resource ${r.name} cannot take this service (it needs a ${need.kind} at its location)`);
  }
  const occupancies = occupanciesOf(basis, r, start, end);
  const fit = fitsResource(r, occupancies, { start, end, seats: service.seatsPerBooking, now, serviceRules: service.rules, ignoreReservationId: ignore });
  if (!fit.ok) {
    const code = START_REFUSALS[fit.reason];
    if (code) return new StartNotBookable(code, `${r.name} cannot start then (${fit.reason.replace(/_/g, ' ')})`);
    if (fit.reason === 'conflict' && fit.conflict) return new SlotUnavailable(r.resourceId, { start: fit.conflict.start, end: fit.conflict.end });
    if (fit.reason === 'daily_limit') return new DailyLimitReached(r.name, localDateOf(start, r.timezone));
    return new NotBookableReference(field, `resource ${r.name} cannot take this service (${fit.reason.replace(/_/g, ' ')})`);
  }
  const { blockedFrom, blockedUntil } = blockedInterval(r, start, end);
  const nowMs = Date.parse(now);
  const expired = occupancies.filter((o) => o.reservationId !== ignore && !isLive(o, nowMs) && overlaps(o.blockedFrom, o.blockedUntil, blockedFrom, blockedUntil));
  return { r, expired };
}

/** Every occupancy of the resource on the days the decision read (each once, though it may sit in two days). */
function occupanciesOf(basis: PlacementBasis, r: ResourceSchedule, start: string, end: string): Occupancy[] {
  const seen = new Map<string, Occupancy>();
  for (const key of dayKeysRead(r, start, end)) for (const o of Object.values((basis.days[key] ?? emptyDay()).occupancies)) seen.set(o.reservationId, o);
  return [...seen.values()];
}

/** Live bookings of the resource starting on the start's local day: the fairness measure for "any". */
const bookedOn = (basis: PlacementBasis, r: ResourceSchedule, start: string, end: string): number =>
  new ResourceLoad(r, occupanciesOf(basis, r, start, end), Date.parse(basis.now)).bookedOn(localDateOf(start, r.timezone));
