import type { ResourceSchedule, WeeklySpan } from './schedule.rules';
import { DEFAULT_BOOKING_RULES } from './schedule.rules';
import { instantOf, isWithinWorkingTime, localDateOf, workingIntervals } from './working-time.rules';

const everyDay = (start: string, end: string): WeeklySpan[] => ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({ day, start, end }));

const resource = (timezone: string, over: Partial<ResourceSchedule> = {}): ResourceSchedule => ({
  resourceId: 'r1', locationId: 'l1', kind: 'bay', name: 'Bay 1', timezone, capacity: 1, slotMinutes: 30,
  bufferBeforeMinutes: 0, bufferAfterMinutes: 0, weeklyHours: everyDay('01:00', '05:00'), breaks: [], exceptions: [],
  rules: DEFAULT_BOOKING_RULES, active: true, ...over,
});

const hours = (intervals: { start: string; end: string }[]) =>
  intervals.reduce((sum, i) => sum + (Date.parse(i.end) - Date.parse(i.start)) / 3_600_000, 0);

describe('working time on DST switch days', () => {
  it.each([
    // zone, local date, UTC start and end of the 01:00-05:00 span, real hours
    ['America/New_York', '2026-03-07', '2026-03-07T06:00:00.000Z', '2026-03-07T10:00:00.000Z', 4],
    ['America/New_York', '2026-03-08', '2026-03-08T06:00:00.000Z', '2026-03-08T09:00:00.000Z', 3],
    ['America/New_York', '2026-11-01', '2026-11-01T05:00:00.000Z', '2026-11-01T10:00:00.000Z', 5],
    ['Europe/Berlin', '2026-03-28', '2026-03-28T00:00:00.000Z', '2026-03-28T04:00:00.000Z', 4],
    ['Europe/Berlin', '2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T03:00:00.000Z', 3],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-25T04:00:00.000Z', 5],
  ])('in %s on %s the 01:00-05:00 span is %s to %s (%s h)', (zone, date, start, end, real) => {
    const day = workingIntervals(resource(zone), new Date(instantOf(date, '00:00', zone)).toISOString(), new Date(instantOf(date, '24:00', zone)).toISOString());
    expect(day).toEqual([{ start, end }]);
    expect(hours(day)).toBe(real);
  });

  it('has no instant whose New York local time is 02:30 on the spring-forward day', () => {
    const zone = 'America/New_York';
    // 02:30 does not exist; luxon moves it forward by the gap, to 03:30 EDT.
    expect(new Date(instantOf('2026-03-08', '02:30', zone)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localDateOf('2026-03-08T07:30:00.000Z', zone)).toBe('2026-03-08');
  });
});

describe('working time', () => {
  const zone = 'Asia/Kolkata';
  const day = (d: string) => [new Date(instantOf(d, '00:00', zone)).toISOString(), new Date(instantOf(d, '24:00', zone)).toISOString()] as const;

  it('subtracts breaks and time off, adds extra hours, and honours closed days', () => {
    const r = resource(zone, {
      weeklyHours: [{ day: 1, start: '09:00', end: '17:00' }],
      breaks: [{ day: 1, start: '13:00', end: '14:00' }],
      exceptions: [
        { exceptionId: 'x1', date: '2026-12-07', kind: 'time_off', span: { start: '09:00', end: '10:00' } },
        { exceptionId: 'x2', date: '2026-12-07', kind: 'extra_hours', span: { start: '18:00', end: '20:00' } },
        { exceptionId: 'x3', date: '2026-12-14', kind: 'closed' },
      ],
    });
    expect(workingIntervals(r, ...day('2026-12-07'))).toEqual([
      { start: '2026-12-07T04:30:00.000Z', end: '2026-12-07T07:30:00.000Z' },
      { start: '2026-12-07T08:30:00.000Z', end: '2026-12-07T11:30:00.000Z' },
      { start: '2026-12-07T12:30:00.000Z', end: '2026-12-07T14:30:00.000Z' },
    ]);
    expect(workingIntervals(r, ...day('2026-12-14'))).toEqual([]);
    expect(workingIntervals(r, ...day('2026-12-08'))).toEqual([]);
    expect(hours(workingIntervals(r, ...day('2026-12-21')))).toBe(7);
  });

  it('joins a span to midnight with the next day\'s span from midnight, and clips to the asked range', () => {
    const r = resource(zone, { weeklyHours: [{ day: 1, start: '20:00', end: '24:00' }, { day: 2, start: '00:00', end: '02:00' }] });
    expect(workingIntervals(r, '2026-12-07T00:00:00.000Z', '2026-12-09T00:00:00.000Z')).toEqual([
      { start: '2026-12-07T14:30:00.000Z', end: '2026-12-07T20:30:00.000Z' },
    ]);
    expect(workingIntervals(r, '2026-12-07T15:00:00.000Z', '2026-12-07T16:00:00.000Z')).toEqual([
      { start: '2026-12-07T15:00:00.000Z', end: '2026-12-07T16:00:00.000Z' },
    ]);
  });

  it('says whether a slot lies inside one working interval', () => {
    const r = resource(zone, { weeklyHours: [{ day: 1, start: '09:00', end: '17:00' }], breaks: [{ day: 1, start: '13:00', end: '14:00' }] });
    expect(isWithinWorkingTime(r, '2026-12-07T04:30:00.000Z', '2026-12-07T05:15:00.000Z')).toBe(true);
    expect(isWithinWorkingTime(r, '2026-12-07T07:00:00.000Z', '2026-12-07T08:00:00.000Z')).toBe(false);
    expect(isWithinWorkingTime(r, '2026-12-07T03:00:00.000Z', '2026-12-07T04:00:00.000Z')).toBe(false);
    expect(isWithinWorkingTime(r, '2026-12-07T03:30:00.000Z', '2026-12-07T07:30:00.000Z')).toBe(true);
    expect(isWithinWorkingTime({ ...r, active: false }, '2026-12-07T04:30:00.000Z', '2026-12-07T05:15:00.000Z')).toBe(false);
  });
});
