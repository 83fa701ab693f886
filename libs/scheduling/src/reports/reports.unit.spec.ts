import type { ResourceSchedule } from '../shared/schedule.rules';
import { bookedShares, minutesByLocalDay, shareChanges } from '../calendar/calendar.rules';
import { availableMinutesByDay, noShowRateOf, utilisationOf } from './reports.rules';

const resource = (timezone: string, overrides: Partial<ResourceSchedule> = {}): ResourceSchedule => ({
  resourceId: 'r', locationId: 'l', kind: 'bay', name: 'Bay', timezone, capacity: 1, slotMinutes: 15, bufferBeforeMinutes: 0, bufferAfterMinutes: 0,
  weeklyHours: ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({ day, start: '00:00', end: '24:00' })), breaks: [], exceptions: [],
  rules: { minNoticeMinutes: 0, horizonDays: 365, dailyLimit: null }, active: true, ...overrides,
});

describe('utilisation and no-show rules', () => {
  it.each([
    ['Europe/Berlin', '2026-03-29', 23 * 60],
    ['Europe/Berlin', '2026-10-25', 25 * 60],
    ['America/New_York', '2026-03-08', 23 * 60],
    ['America/New_York', '2026-11-01', 25 * 60],
    ['America/New_York', '2026-06-01', 24 * 60],
  ])('counts a round-the-clock resource in %s on %s as working %i minutes (DST days are 23 or 25 hours)', (zone, day, minutes) => {
    expect(availableMinutesByDay(resource(zone), [day]).get(day)).toBe(minutes);
  });

  it('takes breaks, a closed day and extra hours off or on the working minutes', () => {
    const week = resource('Europe/Berlin', {
      weeklyHours: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '09:00', end: '17:00' })),
      breaks: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '12:00', end: '13:00' })),
      exceptions: [
        { exceptionId: 'x1', date: '2026-03-03', kind: 'closed' },
        { exceptionId: 'x2', date: '2026-03-07', kind: 'extra_hours', span: { start: '10:00', end: '12:00' } },
      ],
    });
    expect([...availableMinutesByDay(week, ['2026-03-02', '2026-03-03', '2026-03-07', '2026-03-08']).values()]).toEqual([420, 0, 120, 0]);
  });

  it('splits an appointment at local midnight, and books seats x minutes on each resource only while booked', () => {
    expect(minutesByLocalDay('2026-03-04T22:30:00.000Z', '2026-03-04T23:30:00.000Z', 'Europe/Berlin')).toEqual([{ day: '2026-03-04', minutes: 30 }, { day: '2026-03-05', minutes: 30 }]);
    // 01:00 to 04:00 local on the spring-forward night is two real hours.
    expect(minutesByLocalDay('2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z', 'Europe/Berlin')).toEqual([{ day: '2026-03-29', minutes: 120 }]);
    const entry = {
      reservationId: 'x', locationId: 'l', serviceId: 's', start: '2026-03-02T08:00:00.000Z', end: '2026-03-02T09:00:00.000Z', timezone: 'Europe/Berlin',
      status: 'reserved' as const, holdExpiresAt: null, seats: 2, channel: 'staff' as const, seriesId: null, party: { customerId: 'c' }, notes: null,
      resources: [{ resourceId: 'a', kind: 'room', blockedFrom: '', blockedUntil: '' }, { resourceId: 'b', kind: 'staff', blockedFrom: '', blockedUntil: '' }],
      lateCancel: null, cancelledAt: null, quoteId: null, bookedAt: '',
    };
    expect(bookedShares(entry)).toEqual([{ resourceId: 'a', day: '2026-03-02', minutes: 120 }, { resourceId: 'b', day: '2026-03-02', minutes: 120 }]);
    expect(bookedShares({ ...entry, status: 'held' })).toEqual([]);
    expect(shareChanges(bookedShares(entry), bookedShares({ ...entry, status: 'cancelled' }))).toEqual([
      { resourceId: 'a', day: '2026-03-02', minutes: -120 }, { resourceId: 'b', day: '2026-03-02', minutes: -120 },
    ]);
  });

  it('shares booked minutes over capacity, and has no rate with nothing to divide by', () => {
    expect(utilisationOf(120, 480, 1)).toBe(0.25);
    expect(utilisationOf(120, 480, 3)).toBe(0.0833);
    expect(utilisationOf(30, 0, 1)).toBeNull();
    expect(noShowRateOf(1, 3)).toBe(0.3333);
    expect(noShowRateOf(0, 0)).toBeNull();
  });
});
