/**
 * Which resources take a booking: for each need of the service (`count` distinct resources of a
 * kind), among those that fit, the least booked that local day first, ties by resource id (so
 * two runs on the same state choose the same). A multi-resource service gets every need met at
 * once or nothing. A chosen ("pinned") resource takes its place in the need of its kind first.
 */
import type { BookingRules, Occupancy, ResourceKind, ResourceSchedule, ServiceDefinition } from '../shared/schedule.rules';
import type { TakenResource } from '../reservations/reservation.events';
import { AvailabilityResourceNotFound, AvailabilityResourceNotNeeded } from './availability.errors';
import { DAY_MS, localDateOf, MINUTE_MS } from '../shared/local-time.rules';
import { blockedInterval, effectiveRules, Fit, fitsPrepared, Intervals, intervalsOf, ResourceLoad, UNFIT_REASONS, UnfitReason } from './resource-fit.rules';

/** The fair rule alone: `count` of `fitting`, least booked first, ties by id; the pinned one first when it fits. Null when too few fit. */
export function chooseFairly(fitting: readonly string[], count: number, bookedThatDay: (resourceId: string) => number, pinned?: string | null): string[] | null {
  if (fitting.length < count) return null;
  if (pinned && !fitting.includes(pinned)) return null;
  const rest = fitting
    .filter((id) => id !== pinned)
    .map((id) => ({ id, booked: bookedThatDay(id) }))
    .sort((a, b) => a.booked - b.booked || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.id);
  return [...(pinned ? [pinned] : []), ...rest].slice(0, count);
}

export interface PreparedCandidate {
  resource: ResourceSchedule;
  load: ResourceLoad;
  intervals: Intervals;
  rules: BookingRules;
}

export interface PreparedNeed {
  kind: ResourceKind;
  count: number;
  candidates: PreparedCandidate[];
  /** The chosen resource, when it belongs to this need. */
  pinned: string | null;
}

/** The need a chosen resource belongs to: the first whose kind (and resourceIds filter) admits it; 422 naming resourceId otherwise. */
export function pinnedNeedIndex(service: ServiceDefinition, resource: ResourceSchedule): number {
  const index = service.needs.findIndex((n) => n.kind === resource.kind && (!n.resourceIds || n.resourceIds.includes(resource.resourceId)));
  if (index < 0 || resource.locationId !== service.locationId) throw new AvailabilityResourceNotNeeded(resource.resourceId, service.serviceId);
  return index;
}

/** Candidates per need: active resources of the kind at the service's location (and in the need's resourceIds, when set). */
export function prepareNeeds(
  service: ServiceDefinition, resources: readonly ResourceSchedule[], occupancies: readonly Occupancy[],
  window: { fromMs: number; toMs: number }, nowMs: number, pinned: string | null = null, ignoreReservationId?: string,
): PreparedNeed[] {
  const pinnedResource = pinned ? resources.find((r) => r.resourceId === pinned) : undefined;
  if (pinned && !pinnedResource) throw new AvailabilityResourceNotFound(pinned);
  const pinnedIndex = pinnedResource ? pinnedNeedIndex(service, pinnedResource) : -1;
  const byResource = new Map<string, Occupancy[]>();
  for (const o of occupancies) byResource.set(o.resourceId, [...(byResource.get(o.resourceId) ?? []), o]);
  const prepared = new Map<string, PreparedCandidate>();
  const prepare = (r: ResourceSchedule): PreparedCandidate => {
    const known = prepared.get(r.resourceId);
    if (known) return known;
    const candidate = {
      resource: r, load: new ResourceLoad(r, byResource.get(r.resourceId) ?? [], nowMs, ignoreReservationId),
      intervals: intervalsOf(r, window.fromMs, window.toMs), rules: effectiveRules(r, service.rules),
    };
    prepared.set(r.resourceId, candidate);
    return candidate;
  };
  return service.needs.map((need, i) => ({
    kind: need.kind,
    count: need.count,
    pinned: i === pinnedIndex ? pinned : null,
    candidates: resources
      .filter((r) => r.active && r.kind === need.kind && r.locationId === service.locationId && (!need.resourceIds || need.resourceIds.includes(r.resourceId)))
      .filter((r) => i !== pinnedIndex || need.count > 1 || r.resourceId === pinned)
      .sort((a, b) => (a.resourceId < b.resourceId ? -1 : 1))
      .map(prepare),
  }));
}

export type PreparedAssignment = { ok: true; resourceIds: string[] } | { ok: false; refusal: Exclude<Fit, { ok: true }> | null };

/** The furthest a refused candidate got through the checks: what the caller is told (a conflict beats "outside working hours"). */
const furthest = (a: Exclude<Fit, { ok: true }> | null, b: Exclude<Fit, { ok: true }>) =>
  !a || UNFIT_REASONS.indexOf(b.reason) > UNFIT_REASONS.indexOf(a.reason) ? b : a;

/**
 * Every need met at once for [start, end), or the reason it is not. `admit` narrows a need's
 * candidates further (the engine's grid). `day` is the start's local day (for the fair rule).
 */
export function assignPrepared(
  needs: readonly PreparedNeed[], startMs: number, endMs: number, seats: number, nowMs: number, day: string,
  admit: (needIndex: number, resourceId: string) => boolean = () => true,
): PreparedAssignment {
  const taken = new Set<string>();
  const chosen: string[] = [];
  let refusal: Exclude<Fit, { ok: true }> | null = null;
  for (let i = 0; i < needs.length; i++) {
    const need = needs[i];
    const fitting: string[] = [];
    const loads = new Map<string, ResourceLoad>();
    for (const c of need.candidates) {
      const id = c.resource.resourceId;
      if (taken.has(id) || !admit(i, id)) continue;
      const fit = fitsPrepared(c.load, c.intervals, startMs, endMs, seats, nowMs, c.rules);
      if (fit.ok) {
        fitting.push(id);
        loads.set(id, c.load);
      } else refusal = furthest(refusal, fit);
    }
    const picked = chooseFairly(fitting, need.count, (id) => loads.get(id)!.bookedOn(day), need.pinned);
    if (!picked) return { ok: false, refusal };
    for (const id of picked) {
      taken.add(id);
      chosen.push(id);
    }
  }
  return { ok: true, resourceIds: chosen };
}

export interface AssignAsk {
  service: ServiceDefinition;
  /** Appointment start, ISO UTC; the end is start + the service's duration. */
  start: string;
  now: string;
  /** A chosen resource; null or absent: "any" (the fair rule). */
  resourceId?: string | null;
  /** A reschedule's own reservation: its occupancy does not count against the new time. */
  ignoreReservationId?: string;
}

export type Assignment =
  | { ok: true; start: string; end: string; resources: TakenResource[] }
  | { ok: false; reason: UnfitReason | 'no_resource'; resourceId?: string; conflict?: Occupancy };

/**
 * For the booking boundary: the resources a booking of `service` at `start` takes (each with its
 * blocked interval), chosen by the fair rule, or why none can. `resources` and `occupancies` are
 * what the boundary holds for the service's location (extra rows are ignored).
 */
export function assignResources(resources: readonly ResourceSchedule[], occupancies: readonly Occupancy[], ask: AssignAsk): Assignment {
  const startMs = Date.parse(ask.start);
  const endMs = startMs + ask.service.durationMinutes * MINUTE_MS;
  const nowMs = Date.parse(ask.now);
  const needs = prepareNeeds(ask.service, resources, occupancies, { fromMs: startMs - DAY_MS, toMs: endMs + DAY_MS }, nowMs, ask.resourceId ?? null, ask.ignoreReservationId);
  const zone = needs[0]?.candidates[0]?.resource.timezone ?? 'UTC';
  const result = assignPrepared(needs, startMs, endMs, ask.service.seatsPerBooking, nowMs, localDateOf(startMs, zone));
  if (!result.ok) {
    const r = result.refusal;
    return r ? { ok: false, reason: r.reason, resourceId: r.resourceId, ...(r.conflict ? { conflict: r.conflict } : {}) } : { ok: false, reason: 'no_resource' };
  }
  const byId = new Map(resources.map((r) => [r.resourceId, r]));
  return {
    ok: true,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    resources: result.resourceIds.map((id) => {
      const r = byId.get(id)!;
      const [from, until] = blockedInterval(r, startMs, endMs);
      return { resourceId: id, kind: r.kind, blockedFrom: new Date(from).toISOString(), blockedUntil: new Date(until).toISOString() };
    }),
  };
}
