/** Resources, services and occupancies for the availability specs (and the bench): a week of hours by default. */
import type { IsoWeekday, Occupancy, ResourceSchedule, ServiceDefinition, WeeklySpan } from '../shared/schedule.rules';

const DAYS: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

export const everyDay = (start: string, end: string): WeeklySpan[] => DAYS.map((day) => ({ day, start, end }));

export function aResource(overrides: Partial<ResourceSchedule> = {}): ResourceSchedule {
  return {
    resourceId: '00000000-0000-4000-8000-00000000000a', locationId: 'loc-1', kind: 'staff', name: 'Chair A', timezone: 'America/New_York',
    capacity: 1, slotMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, weeklyHours: everyDay('09:00', '17:00'), breaks: [],
    exceptions: [], rules: { minNoticeMinutes: 0, horizonDays: 365, dailyLimit: null }, active: true, ...overrides,
  };
}

export function aService(overrides: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return {
    serviceId: 'svc-1', locationId: 'loc-1', name: 'Haircut', durationMinutes: 30, price: { amountMinor: 2500, currency: 'USD' },
    needs: [{ kind: 'staff', count: 1 }], seatsPerBooking: 1, rules: {}, bookableOnline: true, active: true, ...overrides,
  };
}

/** A reservation (or a hold, with `holdExpiresAt`) of [start, end) on a resource, blocked as given or as the appointment. */
export function anOccupancy(resourceId: string, start: string, end: string, overrides: Partial<Occupancy> = {}): Occupancy {
  return {
    reservationId: `res-${resourceId}-${start}`, resourceId, start, end, blockedFrom: start, blockedUntil: end, seats: 1, holdExpiresAt: null,
    ...overrides,
  };
}
