import { DEFAULT_BOOKING_RULES, ResourceSchedule, ServiceDefinition } from '../shared/schedule.rules';
import { DailyLimitReached, NotBookableReference, SlotUnavailable, StartNotBookable } from './booking.errors';
import { placementWrites, applyWrites, dailyLimitGuards } from './day-writes.rules';
import { dayKeysRead, placeSlot, PlacementBasis } from './placement.rules';
import { occurrenceStarts } from './recurrence.rules';
import { DayState, utcDaysOf } from './resource-day.rules';
import { InvalidRecurrence } from './booking.errors';

const week = ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({ day, start: '08:00', end: '18:00' }));
const resource = (resourceId: string, capacity = 1, extra: Partial<ResourceSchedule> = {}): ResourceSchedule => ({
  resourceId, locationId: 'loc', kind: 'bay', name: resourceId, timezone: 'UTC', capacity, slotMinutes: 30, bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0, weeklyHours: week, breaks: [], exceptions: [], rules: DEFAULT_BOOKING_RULES, active: true, ...extra,
});
const service: ServiceDefinition = {
  serviceId: 'svc', locationId: 'loc', name: 'Oil change', durationMinutes: 60, price: { amountMinor: 100, currency: 'INR' },
  needs: [{ kind: 'bay', count: 1 }], seatsPerBooking: 1, rules: {}, bookableOnline: true, active: true,
};
const now = '2030-01-01T00:00:00.000Z';
const basis = (resources: ResourceSchedule[], days: Record<string, DayState> = {}, any: string[][] = [[]]): PlacementBasis => ({
  now, service, resources: Object.fromEntries(resources.map((r) => [r.resourceId, r])), anyCandidates: any, days,
});
/** Places and applies, as a series does: each placement against the ones before it. */
const book = (b: PlacementBasis, id: string, start: string, picks: Array<string | null>, hold: string | null = null): PlacementBasis => {
  const p = placeSlot(b, id, start, picks, hold);
  return { ...b, days: applyWrites(b.days, placementWrites(p, b.days, b.now)) };
};

describe('placing a slot at the booking boundary', () => {
  it('refuses an overlapping slot of a one-seat resource, naming the reservation in the way, and takes the adjacent one', () => {
    const b = book(basis([resource('bay-1')]), 'r1', '2030-01-07T09:00:00.000Z', ['bay-1']);
    const refused = (() => { try { placeSlot(b, 'r2', '2030-01-07T09:30:00.000Z', ['bay-1'], null); } catch (e) { return e; } })();
    expect(refused).toBeInstanceOf(SlotUnavailable);
    expect((refused as SlotUnavailable).conflict).toEqual({ start: '2030-01-07T09:00:00.000Z', end: '2030-01-07T10:00:00.000Z' });
    expect(placeSlot(b, 'r3', '2030-01-07T10:00:00.000Z', ['bay-1'], null).resources[0].resourceId).toBe('bay-1');
  });

  it('counts seats by their peak, not their sum: a 2-seat room takes a third booking between two that never meet', () => {
    let b = basis([resource('room', 2)]);
    b = book(b, 'a', '2030-01-07T09:00:00.000Z', ['room']);
    b = book(b, 'b', '2030-01-07T10:00:00.000Z', ['room']);
    b = book(b, 'c', '2030-01-07T09:30:00.000Z', ['room']);
    expect(() => placeSlot(b, 'd', '2030-01-07T09:45:00.000Z', ['room'], null)).toThrow(SlotUnavailable);
  });

  it('treats a hold as free from its expiry on, and lets it go in the same write', () => {
    const held = book(basis([resource('bay-1')]), 'h', '2030-01-07T09:00:00.000Z', ['bay-1'], '2030-01-01T00:10:00.000Z');
    expect(() => placeSlot(held, 'x', '2030-01-07T09:00:00.000Z', ['bay-1'], null)).toThrow(SlotUnavailable);
    const later = { ...held, now: '2030-01-01T00:10:00.000Z' };
    const p = placeSlot(later, 'x', '2030-01-07T09:00:00.000Z', ['bay-1'], null);
    expect(p.expiredHolds.map((o) => o.reservationId)).toEqual(['h']);
    expect(Object.values(placementWrites(p, later.days, later.now)).flat().map((e) => e.type)).toEqual(['DayOccupancyReleased', 'DayOccupancyTaken']);
  });

  it('refuses the past, outside working hours, below minimum notice and beyond the horizon, naming start', () => {
    const b = basis([resource('bay-1', 1, { rules: { minNoticeMinutes: 120, horizonDays: 30, dailyLimit: null } })]);
    const code = (start: string) => { try { placeSlot(b, 'r', start, ['bay-1'], null); return null; } catch (e) { return [(e as StartNotBookable).code, (e as StartNotBookable).field]; } };
    expect(code('2029-12-31T09:00:00.000Z')).toEqual(['START_IN_PAST', 'start']);
    expect(code('2030-01-02T01:00:00.000Z')).toEqual(['OUTSIDE_WORKING_HOURS', 'start']);
    expect(code('2030-01-02T17:30:00.000Z')).toEqual(['OUTSIDE_WORKING_HOURS', 'start']);
    expect(code('2030-02-05T09:00:00.000Z')).toEqual(['BEYOND_HORIZON', 'start']);
    const soon = { ...b, now: '2030-01-07T08:00:00.000Z' };
    expect(() => placeSlot(soon, 'r', '2030-01-07T09:00:00.000Z', ['bay-1'], null)).toThrow(expect.objectContaining({ code: 'BELOW_MIN_NOTICE' }));
  });

  it('chooses "any" fairly: the least booked that day, ties by id; and names the time in the way when all are taken', () => {
    let b = basis([resource('bay-b'), resource('bay-a')], {}, [['bay-a', 'bay-b']]);
    expect(placeSlot(b, 'r1', '2030-01-07T09:00:00.000Z', [null], null).resources[0].resourceId).toBe('bay-a');
    b = book(b, 'r1', '2030-01-07T09:00:00.000Z', [null]);
    expect(placeSlot(b, 'r2', '2030-01-07T11:00:00.000Z', [null], null).resources[0].resourceId).toBe('bay-b');
    b = book(b, 'r2', '2030-01-07T09:00:00.000Z', [null]);
    expect(() => placeSlot(b, 'r3', '2030-01-07T09:30:00.000Z', [null], null)).toThrow(SlotUnavailable);
    expect(() => placeSlot(basis([resource('bay-a')], {}, [[]]), 'r4', '2030-01-07T09:00:00.000Z', [null], null)).toThrow(NotBookableReference);
  });

  it('refuses past the daily limit of the local day with 409, counting bookings from the UTC days of that local day', () => {
    const kolkata = resource('bay-in', 1, { timezone: 'Asia/Kolkata', weeklyHours: week.map((w) => ({ ...w, start: '00:00', end: '24:00' })), rules: { ...DEFAULT_BOOKING_RULES, dailyLimit: 2 } });
    let b = basis([kolkata]);
    // 01:00 and 04:00 IST on 8 Jan are 19:30Z and 22:30Z on 7 Jan: another UTC day, the same local day.
    b = book(b, 'a', '2030-01-07T19:30:00.000Z', ['bay-in']);
    b = book(b, 'b', '2030-01-07T22:30:00.000Z', ['bay-in']);
    expect(() => placeSlot(b, 'c', '2030-01-08T06:30:00.000Z', ['bay-in'], null)).toThrow(DailyLimitReached);
    expect(placeSlot(b, 'd', '2030-01-08T19:30:00.000Z', ['bay-in'], null).start).toBe('2030-01-08T19:30:00.000Z');
  });

  it('writes every UTC day a daily-limit decision read, so two bookings on one local day but different UTC days conflict', () => {
    const kolkata = resource('bay-in', 1, { timezone: 'Asia/Kolkata', weeklyHours: week.map((w) => ({ ...w, start: '00:00', end: '24:00' })), rules: { ...DEFAULT_BOOKING_RULES, dailyLimit: 1 } });
    const b = basis([kolkata]);
    // 01:00 IST on 8 Jan (19:30Z on 7 Jan) and 10:00 IST (04:30Z on 8 Jan): one local day, two UTC days.
    const early = placeSlot(b, 'a', '2030-01-07T19:30:00.000Z', ['bay-in'], null);
    const late = placeSlot(b, 'b', '2030-01-08T04:30:00.000Z', ['bay-in'], null);
    const writesOf = (p: typeof early) => Object.keys(dailyLimitGuards(p, b.resources, service, now, placementWrites(p, b.days, now))).sort();
    expect(writesOf(early)).toEqual(dayKeysRead(kolkata, early.start, early.end).sort());
    expect(writesOf(late)).toEqual(dayKeysRead(kolkata, late.start, late.end).sort());
    expect(writesOf(early)).toEqual(writesOf(late));
    expect(writesOf(early)).toEqual(['bay-in_2030-01-07', 'bay-in_2030-01-08']);
    // Time is taken only where it is blocked; the other day carries the count alone.
    const guard = dailyLimitGuards(early, b.resources, service, now, placementWrites(early, b.days, now))['bay-in_2030-01-08'];
    expect(guard).toEqual([{ type: 'DayLimitCounted', data: { reservationId: 'a', resourceId: 'bay-in', localDate: '2030-01-08', countedAt: now } }]);
    // Without a limit nothing extra is written.
    const free = basis([{ ...kolkata, rules: DEFAULT_BOOKING_RULES }]);
    const p = placeSlot(free, 'c', '2030-01-07T19:30:00.000Z', ['bay-in'], null);
    expect(Object.keys(dailyLimitGuards(p, free.resources, service, now, placementWrites(p, free.days, now)))).toEqual(['bay-in_2030-01-07']);
  });

  it('takes every resource a service needs or none', () => {
    const two: ServiceDefinition = { ...service, needs: [{ kind: 'bay', count: 1 }, { kind: 'technician', count: 1 }] };
    const tech = resource('tech-1', 1, { kind: 'technician' });
    let b: PlacementBasis = { ...basis([resource('bay-1'), tech]), service: two, anyCandidates: [[], []] };
    b = book(b, 'r1', '2030-01-07T09:00:00.000Z', [null, 'tech-1'].map((x, i) => (i === 0 ? 'bay-1' : x)));
    const other: PlacementBasis = { ...b, resources: { ...b.resources, 'bay-2': resource('bay-2') } };
    expect(() => placeSlot(other, 'r2', '2030-01-07T09:00:00.000Z', ['bay-2', 'tech-1'], null)).toThrow(SlotUnavailable);
  });

  it('finds the UTC days an interval touches, midnight exclusive', () => {
    expect(utcDaysOf('2030-01-01T23:30:00.000Z', '2030-01-02T00:30:00.000Z')).toEqual(['2030-01-01', '2030-01-02']);
    expect(utcDaysOf('2030-01-01T23:00:00.000Z', '2030-01-02T00:00:00.000Z')).toEqual(['2030-01-01']);
  });
});

describe('expanding a recurring reservation', () => {
  it('keeps the local time across a DST change in America/New_York', () => {
    // 09:00 New York on Saturdays around 2030-03-10 (spring forward): 14:00Z, then 13:00Z.
    expect(occurrenceStarts('FREQ=WEEKLY;COUNT=3', '2030-03-02T14:00:00Z', 'America/New_York')).toEqual([
      '2030-03-02T14:00:00.000Z', '2030-03-09T14:00:00.000Z', '2030-03-16T13:00:00.000Z',
    ]);
  });

  it('refuses a rule without a limit, above 52 occurrences, with DTSTART, or not RFC 5545, naming rrule', () => {
    for (const rule of ['FREQ=DAILY', 'FREQ=DAILY;COUNT=53', 'DTSTART:20300101T090000Z\nRRULE:FREQ=DAILY;COUNT=2', 'EVERY=MONDAY', 'FREQ=DAILY;UNTIL=20310101T000000Z']) {
      expect(() => occurrenceStarts(rule, '2030-01-01T09:00:00Z', 'UTC')).toThrow(InvalidRecurrence);
    }
    expect(occurrenceStarts('RRULE:FREQ=DAILY;UNTIL=20300103T235959Z', '2030-01-01T09:00:00Z', 'UTC')).toHaveLength(3);
  });
});
