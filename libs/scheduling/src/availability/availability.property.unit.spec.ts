import fc from 'fast-check';
import type { IsoWeekday, Occupancy, ResourceSchedule, WeeklySpan } from '../shared/schedule.rules';
import { workingIntervals } from '../shared/working-time.rules';
import { freeSlots } from './availability.rules';
import { aResource, aService } from '../testing/availability-fixtures';
import { fitsResource, isLive } from './resource-fit.rules';

const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'];
// Switch days and an ordinary one, so the properties meet both.
const DATES = ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2026-06-10'];
const IDS = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'];
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const span = fc.tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 16 })).map(([half, len]) => ({
  start: hhmm(half * 30), end: hhmm(Math.min(24 * 60, half * 30 + len * 30)),
}));
const week = fc.array(span, { minLength: 1, maxLength: 3 }).map((spans) =>
  ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).flatMap((day): WeeklySpan[] => spans.map((s) => ({ day, ...s }))));

const resources = fc.tuple(fc.constantFrom(...ZONES), fc.integer({ min: 1, max: 3 })).chain(([zone, n]) =>
  fc.tuple(...IDS.slice(0, n).map((resourceId) => fc.record({
    weeklyHours: week, breaks: fc.array(span, { maxLength: 1 }).map((b) => b.map((s) => ({ day: 7 as IsoWeekday, ...s }))),
    capacity: fc.integer({ min: 1, max: 3 }), slotMinutes: fc.constantFrom(15, 20, 30, 60),
    bufferBeforeMinutes: fc.constantFrom(0, 10), bufferAfterMinutes: fc.constantFrom(0, 15),
  }).map((r): ResourceSchedule => aResource({ ...r, resourceId, timezone: zone })))));

function occupanciesOn(list: ResourceSchedule[], date: string) {
  const base = Date.parse(`${date}T00:00:00Z`) - 12 * 3_600_000;
  return fc.array(fc.record({
    r: fc.integer({ min: 0, max: list.length - 1 }), offset: fc.integer({ min: 0, max: 36 * 4 }), len: fc.integer({ min: 1, max: 8 }),
    seats: fc.integer({ min: 1, max: 2 }), hold: fc.option(fc.integer({ min: -60, max: 60 }), { nil: null }),
  }), { maxLength: 12 }).map((rows) => rows.map((o, i): Occupancy => {
    const start = base + o.offset * 15 * 60_000;
    const end = start + o.len * 15 * 60_000;
    const resource = list[o.r];
    return {
      reservationId: `r${i}`, resourceId: resource.resourceId, start: new Date(start).toISOString(), end: new Date(end).toISOString(),
      blockedFrom: new Date(start - resource.bufferBeforeMinutes * 60_000).toISOString(),
      blockedUntil: new Date(end + resource.bufferAfterMinutes * 60_000).toISOString(), seats: o.seats,
      holdExpiresAt: o.hold === null ? null : new Date(Date.parse(`${date}T00:00:00Z`) + o.hold * 60_000).toISOString(),
    };
  }));
}

const scenario = fc.tuple(resources, fc.constantFrom(...DATES), fc.constantFrom(15, 30, 45, 60, 90)).chain(([list, date, duration]) =>
  fc.tuple(fc.constant(list), fc.constant(date), fc.constant(duration), occupanciesOn(list, date)));

describe('free slots, for any week, occupancies and zone', () => {
  it('are sorted unique instants inside working time, never over capacity, each accepted by the boundary rule', () => {
    fc.assert(fc.property(scenario, ([list, date, duration, occupancies]) => {
      const now = `${date}T00:00:00.000Z`;
      const service = aService({ durationMinutes: duration });
      const { slots } = freeSlots({ service, resources: list, occupancies, from: date, to: date, timezone: list[0].timezone, now });
      for (let i = 1; i < slots.length; i++) expect(Date.parse(slots[i].start)).toBeGreaterThan(Date.parse(slots[i - 1].start));
      const intervals = new Map(list.map((r) => [r.resourceId,
        workingIntervals(r, new Date(Date.parse(now) - 2 * 86_400_000).toISOString(), new Date(Date.parse(now) + 3 * 86_400_000).toISOString())]));
      slots.forEach((slot, index) => {
        const start = Date.parse(slot.start);
        const end = Date.parse(slot.end);
        expect(end - start).toBe(duration * 60_000);
        expect(slot.localStart.slice(0, 10)).toBe(date);
        expect(slot.resourceIds).toHaveLength(1);
        const resource = list.find((r) => r.resourceId === slot.resourceIds[0])!;
        // Inside one working interval, read straight from the working-time rules.
        const inside = intervals.get(resource.resourceId)!.some((w) => Date.parse(w.start) <= start && end <= Date.parse(w.end));
        expect(inside).toBe(true);
        // Seats at every instant of the blocked interval, counted here without the engine's sweep.
        const from = start - resource.bufferBeforeMinutes * 60_000;
        const until = end + resource.bufferAfterMinutes * 60_000;
        const live = occupancies.filter((o) => o.resourceId === resource.resourceId && isLive(o, Date.parse(now)));
        let peak = 0;
        for (let t = from; t < until; t += 5 * 60_000) {
          peak = Math.max(peak, live.filter((o) => Date.parse(o.blockedFrom) <= t && t < Date.parse(o.blockedUntil)).reduce((n, o) => n + o.seats, 0));
        }
        if (peak + service.seatsPerBooking > resource.capacity) expect({ slot, peak, capacity: resource.capacity }).toBeUndefined();
        // The boundary's own entry (it recomputes working time): a sample of slots, it is the slow path.
        if (index % 7 === 0) expect(fitsResource(resource, occupancies, { start: slot.start, end: slot.end, seats: 1, now })).toEqual({ ok: true });
      });
    }), { numRuns: 150 });
  });

  it('never overlap a live booking of a capacity-1 resource', () => {
    fc.assert(fc.property(scenario, ([list, date, duration, occupancies]) => {
      const single = list.map((r) => ({ ...r, capacity: 1 }));
      const now = `${date}T00:00:00.000Z`;
      const { slots } = freeSlots({ service: aService({ durationMinutes: duration }), resources: single, occupancies, from: date, to: date, timezone: single[0].timezone, now });
      for (const slot of slots) {
        const resource = single.find((r) => r.resourceId === slot.resourceIds[0])!;
        const from = Date.parse(slot.start) - resource.bufferBeforeMinutes * 60_000;
        const until = Date.parse(slot.end) + resource.bufferAfterMinutes * 60_000;
        const clash = occupancies.find((o) => o.resourceId === resource.resourceId && isLive(o, Date.parse(now))
          && Date.parse(o.blockedFrom) < until && from < Date.parse(o.blockedUntil));
        expect(clash).toBeUndefined();
      }
    }), { numRuns: 150 });
  });
});
