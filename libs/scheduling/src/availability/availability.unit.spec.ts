import { AvailabilityRangeInvalid, AvailabilityResourceNotFound, AvailabilityResourceNotNeeded } from './availability.errors';
import { freeSlots, AvailabilityAsk } from './availability.rules';
import { aResource, anOccupancy, aService, everyDay } from '../testing/availability-fixtures';
import { assignResources, chooseFairly } from './fair-assignment.rules';
import { fitsResource } from './resource-fit.rules';

// 2026-06-10 is a Wednesday; New York is at -04:00, so 09:00 local is 13:00Z.
const DAY = '2026-06-10';
const at = (hhmm: string, date = DAY) => new Date(`${date}T${hhmm}:00-04:00`).toISOString();
const NOW = '2026-06-01T00:00:00.000Z';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const BAY = '00000000-0000-4000-8000-0000000000ba';

const ask = (over: Partial<AvailabilityAsk>): AvailabilityAsk => ({
  service: aService(), resources: [aResource({ weeklyHours: everyDay('09:00', '12:00') })], occupancies: [], from: DAY, to: DAY,
  timezone: 'America/New_York', now: NOW, ...over,
});
const localTimes = (over: Partial<AvailabilityAsk>) => freeSlots(ask(over)).slots.map((s) => s.localStart.slice(11, 16));

describe('free slots: working time, grid, breaks, exceptions', () => {
  it('offers starts on the grid from the start of the working span while the appointment ends inside it', () => {
    expect(localTimes({ service: aService({ durationMinutes: 45 }) })).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00']);
  });

  it('restarts the grid after a break and offers nothing that overlaps it', () => {
    const resource = aResource({ weeklyHours: everyDay('09:00', '12:00'), breaks: everyDay('10:00', '10:45'), slotMinutes: 30 });
    expect(localTimes({ resources: [resource] })).toEqual(['09:00', '09:30', '10:45', '11:15']);
  });

  it('offers nothing on a closed day and the extra hours of an extra_hours exception', () => {
    const closed = aResource({ exceptions: [{ exceptionId: 'x', date: DAY, kind: 'closed' }] });
    expect(localTimes({ resources: [closed] })).toEqual([]);
    const extra = aResource({ weeklyHours: [], exceptions: [{ exceptionId: 'x', date: DAY, kind: 'extra_hours', span: { start: '18:00', end: '19:00' } }] });
    expect(localTimes({ resources: [extra] })).toEqual(['18:00', '18:30']);
  });

  it('keeps a live hold, drops an expired one, and is valid only until the hold expires', () => {
    const expiresAt = '2026-06-01T00:10:00.000Z';
    const hold = anOccupancy(A, at('09:00'), at('09:30'), { holdExpiresAt: expiresAt });
    const live = freeSlots(ask({ occupancies: [hold] }));
    expect(live.slots.map((s) => s.localStart.slice(11, 16))).not.toContain('09:00');
    expect(live.validUntil).toBe(expiresAt);
    expect(localTimes({ occupancies: [hold], now: expiresAt })).toContain('09:00');
  });
});

describe('free slots: buffers and capacity', () => {
  it('widens a booking by its buffers: the next start needs both buffers clear', () => {
    const resource = aResource({ weeklyHours: everyDay('09:00', '12:00'), bufferAfterMinutes: 15, bufferBeforeMinutes: 15 });
    const booked = anOccupancy(A, at('09:30'), at('10:00'), { blockedFrom: at('09:15'), blockedUntil: at('10:15') });
    // 09:00 ends 09:30 + 15 = 09:45 > 09:15; 10:00 starts 09:45 < 10:15; 10:30 starts 10:15: free.
    expect(localTimes({ resources: [resource], occupancies: [booked] })).toEqual(['10:30', '11:00', '11:30']);
  });

  it('lets buffers fall outside working time (the first slot opens the day, the last closes it)', () => {
    const resource = aResource({ weeklyHours: everyDay('09:00', '10:00'), bufferAfterMinutes: 30, bufferBeforeMinutes: 30 });
    expect(localTimes({ resources: [resource] })).toEqual(['09:00', '09:30']);
  });

  it('offers a class slot while the seats taken plus the booking fit the capacity', () => {
    const room = aResource({ kind: 'room', capacity: 3, weeklyHours: everyDay('09:00', '10:00'), slotMinutes: 60, resourceId: A });
    const service = aService({ durationMinutes: 60, needs: [{ kind: 'room', count: 1 }] });
    const seat = (n: number, seats = 1) => anOccupancy(A, at('09:00'), at('10:00'), { reservationId: `r${n}`, seats });
    expect(localTimes({ service, resources: [room], occupancies: [seat(1), seat(2)] })).toEqual(['09:00']);
    expect(localTimes({ service, resources: [room], occupancies: [seat(1), seat(2), seat(3)] })).toEqual([]);
    expect(localTimes({ service: { ...service, seatsPerBooking: 2 }, resources: [room], occupancies: [seat(1), seat(2)] })).toEqual([]);
    expect(localTimes({ service: { ...service, seatsPerBooking: 4 }, resources: [room] })).toEqual([]);
  });

  it('counts the peak of seats, not every overlapping booking (back-to-back seats do not add up)', () => {
    const room = aResource({ kind: 'room', capacity: 2, weeklyHours: everyDay('09:00', '11:00') });
    const service = aService({ durationMinutes: 60, needs: [{ kind: 'room', count: 1 }] });
    const occupancies = [anOccupancy(A, at('09:00'), at('10:00'), { reservationId: 'r1' }), anOccupancy(A, at('10:00'), at('11:00'), { reservationId: 'r2' })];
    expect(localTimes({ service, resources: [room], occupancies })).toEqual(['09:00', '09:30', '10:00']);
  });
});

describe('free slots: notice, horizon, daily limit', () => {
  it('starts no sooner than the minimum notice (the service rule wins over the resource rule)', () => {
    const now = at('08:50');
    const resource = aResource({ weeklyHours: everyDay('09:00', '12:00'), rules: { minNoticeMinutes: 30, horizonDays: 365, dailyLimit: null } });
    expect(localTimes({ resources: [resource], now })).toEqual(['09:30', '10:00', '10:30', '11:00', '11:30']);
    const result = freeSlots(ask({ resources: [resource], service: aService({ rules: { minNoticeMinutes: 120 } }), now }));
    expect(result.slots.map((s) => s.localStart.slice(11, 16))).toEqual(['11:00', '11:30']);
    // The answer changes when 11:00 falls inside the notice: at 09:00 local.
    expect(result.validUntil).toBe(at('09:00'));
  });

  it('starts no later than the horizon', () => {
    const resource = aResource({ rules: { minNoticeMinutes: 0, horizonDays: 1, dailyLimit: null } });
    expect(localTimes({ resources: [resource], now: at('10:00', '2026-06-09') })).toEqual(['09:00', '09:30', '10:00']);
  });

  it('offers nothing more on a day the resource has reached its daily limit, and the next day as usual', () => {
    const resource = aResource({ weeklyHours: everyDay('09:00', '10:00'), rules: { minNoticeMinutes: 0, horizonDays: 365, dailyLimit: 1 } });
    const result = freeSlots(ask({ resources: [resource], occupancies: [anOccupancy(A, at('09:30'), at('10:00'))], to: '2026-06-11' }));
    expect(result.slots.map((s) => s.localStart.slice(0, 16))).toEqual(['2026-06-11T09:00', '2026-06-11T09:30']);
  });
});

describe('free slots: several resources, any resource, a chosen one', () => {
  const bayAndTech = aService({ durationMinutes: 60, needs: [{ kind: 'bay', count: 1 }, { kind: 'technician', count: 1 }] });
  const bay = aResource({ resourceId: BAY, kind: 'bay', weeklyHours: everyDay('09:00', '12:00'), slotMinutes: 60 });
  const tech = aResource({ resourceId: A, kind: 'technician', weeklyHours: everyDay('10:00', '12:00') });

  it('offers a multi-resource slot only when every need is met at once', () => {
    const result = freeSlots(ask({ service: bayAndTech, resources: [bay, tech], occupancies: [anOccupancy(A, at('11:00'), at('12:00'))] }));
    // 09:00: the technician is not working; 11:00: the technician is booked.
    expect(result.slots.map((s) => [s.localStart.slice(11, 16), s.resourceIds])).toEqual([['10:00', [BAY, A]]]);
  });

  it('assigns "any" to the least booked that day, ties by resource id', () => {
    const a = aResource({ resourceId: A, weeklyHours: everyDay('09:00', '17:00') });
    const b = aResource({ resourceId: B, weeklyHours: everyDay('09:00', '17:00') });
    const free = freeSlots(ask({ resources: [b, a] })).slots;
    expect(free[0].resourceIds).toEqual([A]);
    const busyA = [anOccupancy(A, at('15:00'), at('15:30'))];
    const slots = freeSlots(ask({ resources: [a, b], occupancies: busyA })).slots;
    expect(slots.find((s) => s.localStart.slice(11, 16) === '09:00')!.resourceIds).toEqual([B]);
    expect(slots.find((s) => s.localStart.slice(11, 16) === '15:00')!.resourceIds).toEqual([B]);
    expect(chooseFairly([B, A], 1, () => 0)).toEqual([A]);
    expect(chooseFairly([A, B], 2, (id) => (id === A ? 3 : 0))).toEqual([B, A]);
    expect(chooseFairly([A], 2, () => 0)).toBeNull();
  });

  it('offers only the chosen resource\'s free slots, and refuses a resource the service cannot use', () => {
    const a = aResource({ resourceId: A, weeklyHours: everyDay('09:00', '10:00') });
    const b = aResource({ resourceId: B, weeklyHours: everyDay('09:00', '10:00') });
    const slots = freeSlots(ask({ resources: [a, b], occupancies: [anOccupancy(B, at('09:00'), at('09:30'))], resourceId: B })).slots;
    expect(slots.map((s) => [s.localStart.slice(11, 16), s.resourceIds])).toEqual([['09:30', [B]]]);
    expect(() => freeSlots(ask({ resources: [a, bay], resourceId: BAY }))).toThrow(AvailabilityResourceNotNeeded);
    expect(() => freeSlots(ask({ resources: [a], resourceId: B }))).toThrow(AvailabilityResourceNotFound);
  });
});

describe('the range', () => {
  it('refuses to before from and more than 31 days, naming to', () => {
    expect(() => freeSlots(ask({ from: '2026-06-10', to: '2026-06-09' }))).toThrow(AvailabilityRangeInvalid);
    expect(() => freeSlots(ask({ from: '2026-06-01', to: '2026-07-02' }))).toThrow(expect.objectContaining({ field: 'to' }));
    expect(freeSlots(ask({ from: '2026-06-01', to: '2026-07-01' })).slots.length).toBeGreaterThan(0);
  });
});

describe('fitsResource and assignResources (the booking boundary\'s rule)', () => {
  const resource = aResource({ weeklyHours: everyDay('09:00', '12:00'), bufferAfterMinutes: 10 });
  const booked = anOccupancy(A, at('10:00'), at('10:30'), { reservationId: 'r1', blockedUntil: at('10:40') });
  const fit = (start: string, end: string, over: Partial<Parameters<typeof fitsResource>[2]> = {}) =>
    fitsResource(resource, [booked], { start, end, seats: 1, now: NOW, ...over });

  it('takes a free start inside working time', () => expect(fit(at('09:00'), at('09:30'))).toEqual({ ok: true }));
  it('names the conflicting occupancy', () => expect(fit(at('10:30'), at('11:00'))).toEqual({ ok: false, reason: 'conflict', resourceId: A, conflict: booked }));
  it('ignores the reservation being rescheduled', () => expect(fit(at('10:15'), at('10:45'), { ignoreReservationId: 'r1' })).toEqual({ ok: true }));
  it('refuses outside working hours and in the past', () => {
    expect(fit(at('11:45'), at('12:15'))).toMatchObject({ ok: false, reason: 'outside_working_hours' });
    expect(fit(at('09:00'), at('09:30'), { now: at('09:01') })).toMatchObject({ ok: false, reason: 'in_the_past' });
  });

  it('assigns all needs with their blocked intervals, or says why not (a conflict beats outside hours)', () => {
    const service = aService({ needs: [{ kind: 'staff', count: 1 }] });
    const other = aResource({ resourceId: B, weeklyHours: everyDay('13:00', '14:00') });
    const taken = assignResources([resource, other], [booked], { service, start: at('09:00'), now: NOW });
    expect(taken).toEqual({ ok: true, start: at('09:00'), end: at('09:30'), resources: [{ resourceId: A, kind: 'staff', blockedFrom: at('09:00'), blockedUntil: at('09:40') }] });
    expect(assignResources([resource, other], [booked], { service, start: at('10:00'), now: NOW })).toMatchObject({ ok: false, reason: 'conflict', resourceId: A });
    expect(assignResources([resource, other], [booked], { service, start: at('18:00'), now: NOW })).toMatchObject({ ok: false, reason: 'outside_working_hours' });
    expect(assignResources([], [], { service, start: at('09:00'), now: NOW })).toEqual({ ok: false, reason: 'no_resource' });
  });
});
