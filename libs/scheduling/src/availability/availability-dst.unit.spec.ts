import { freeSlots } from './availability.rules';
import { aResource, aService, everyDay } from '../testing/availability-fixtures';

const NOW = '2026-01-01T00:00:00.000Z';

function localStarts(timezone: string, date: string, hours: [string, string]) {
  const resource = aResource({ timezone, weeklyHours: everyDay(...hours) });
  return freeSlots({ service: aService(), resources: [resource], occupancies: [], from: date, to: date, timezone, now: NOW }).slots;
}

/**
 * Each row: a zone, a day, working hours that cross the switch (or business hours), and the
 * slots expected as local time with offset, and the UTC instant. 30-minute grid and service.
 */
const NIGHT_TABLE: Array<{ name: string; zone: string; date: string; hours: [string, string]; local: string[]; firstUtc: string; lastUtc: string }> = [
  {
    name: 'New York spring-forward: 02:00 and 02:30 do not exist', zone: 'America/New_York', date: '2026-03-08', hours: ['00:00', '05:00'],
    local: ['00:00-05:00', '00:30-05:00', '01:00-05:00', '01:30-05:00', '03:00-04:00', '03:30-04:00', '04:00-04:00', '04:30-04:00'],
    firstUtc: '2026-03-08T05:00:00.000Z', lastUtc: '2026-03-08T08:30:00.000Z',
  },
  {
    name: 'New York fall-back: the repeated 01:00 hour is offered once', zone: 'America/New_York', date: '2026-11-01', hours: ['00:00', '03:00'],
    local: ['00:00-04:00', '00:30-04:00', '01:00-04:00', '01:30-04:00', '02:00-05:00', '02:30-05:00'],
    firstUtc: '2026-11-01T04:00:00.000Z', lastUtc: '2026-11-01T07:30:00.000Z',
  },
  {
    name: 'Berlin spring-forward: 02:00 and 02:30 do not exist', zone: 'Europe/Berlin', date: '2026-03-29', hours: ['01:00', '04:00'],
    local: ['01:00+01:00', '01:30+01:00', '03:00+02:00', '03:30+02:00'],
    firstUtc: '2026-03-29T00:00:00.000Z', lastUtc: '2026-03-29T01:30:00.000Z',
  },
  {
    name: 'Berlin fall-back: the repeated 02:00 hour is offered once', zone: 'Europe/Berlin', date: '2026-10-25', hours: ['01:00', '04:00'],
    local: ['01:00+02:00', '01:30+02:00', '02:00+02:00', '02:30+02:00', '03:00+01:00', '03:30+01:00'],
    firstUtc: '2026-10-24T23:00:00.000Z', lastUtc: '2026-10-25T02:30:00.000Z',
  },
];

describe('availability on DST switch days (night hours that cross the switch)', () => {
  it.each(NIGHT_TABLE)('$name', ({ zone, date, hours, local, firstUtc, lastUtc }) => {
    const slots = localStarts(zone, date, hours);
    expect(slots.map((s) => s.localStart.slice(11, 16) + s.localStart.slice(19))).toEqual(local);
    expect(slots[0].start).toBe(firstUtc);
    expect(slots[slots.length - 1].start).toBe(lastUtc);
    // Unique instants, each 30 real minutes long, every local start on that local date.
    expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
    for (const s of slots) {
      expect(Date.parse(s.end) - Date.parse(s.start)).toBe(30 * 60_000);
      expect(s.localStart.slice(0, 10)).toBe(date);
      expect(Date.parse(s.localStart)).toBe(Date.parse(s.start));
    }
  });
});

/** Business hours 09:00-11:00 on the switch days, the day before and a normal summer day: same local times, the offset of that day. */
const DAY_TABLE: Array<{ zone: string; date: string; utcOfNine: string; offset: string }> = [
  { zone: 'America/New_York', date: '2026-03-07', utcOfNine: '2026-03-07T14:00:00.000Z', offset: '-05:00' },
  { zone: 'America/New_York', date: '2026-03-08', utcOfNine: '2026-03-08T13:00:00.000Z', offset: '-04:00' },
  { zone: 'America/New_York', date: '2026-07-15', utcOfNine: '2026-07-15T13:00:00.000Z', offset: '-04:00' },
  { zone: 'America/New_York', date: '2026-10-31', utcOfNine: '2026-10-31T13:00:00.000Z', offset: '-04:00' },
  { zone: 'America/New_York', date: '2026-11-01', utcOfNine: '2026-11-01T14:00:00.000Z', offset: '-05:00' },
  { zone: 'Europe/Berlin', date: '2026-03-28', utcOfNine: '2026-03-28T08:00:00.000Z', offset: '+01:00' },
  { zone: 'Europe/Berlin', date: '2026-03-29', utcOfNine: '2026-03-29T07:00:00.000Z', offset: '+02:00' },
  { zone: 'Europe/Berlin', date: '2026-07-15', utcOfNine: '2026-07-15T07:00:00.000Z', offset: '+02:00' },
  { zone: 'Europe/Berlin', date: '2026-10-24', utcOfNine: '2026-10-24T07:00:00.000Z', offset: '+02:00' },
  { zone: 'Europe/Berlin', date: '2026-10-25', utcOfNine: '2026-10-25T08:00:00.000Z', offset: '+01:00' },
];

describe('availability in business hours around the switch days', () => {
  it.each(DAY_TABLE)('$zone $date: 09:00 is $utcOfNine ($offset), four slots', ({ zone, date, utcOfNine, offset }) => {
    const slots = localStarts(zone, date, ['09:00', '11:00']);
    expect(slots.map((s) => s.localStart)).toEqual(['09:00', '09:30', '10:00', '10:30'].map((t) => `${date}T${t}:00${offset}`));
    expect(slots[0].start).toBe(utcOfNine);
  });

  it('counts a range of local days across the switch in the local zone (no day lost or doubled)', () => {
    const resource = aResource({ timezone: 'America/New_York', weeklyHours: everyDay('09:00', '10:00') });
    const { slots } = freeSlots({ service: aService(), resources: [resource], occupancies: [], from: '2026-10-31', to: '2026-11-02', timezone: 'America/New_York', now: NOW });
    expect(slots.map((s) => s.localStart)).toEqual([
      '2026-10-31T09:00:00-04:00', '2026-10-31T09:30:00-04:00', '2026-11-01T09:00:00-05:00', '2026-11-01T09:30:00-05:00',
      '2026-11-02T09:00:00-05:00', '2026-11-02T09:30:00-05:00',
    ]);
  });
});
