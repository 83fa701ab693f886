/** Events as the scheduling and shop commands write them, for the read-model specs (int and e2e). */
import { randomUUID } from 'node:crypto';
import type { CustomerRegistered } from '@workbay/shop/contract';
import type { BookedSlot, BookingParty, ReservationEvent } from '../../reservations/reservation.events';
import type { ResourceRegistered, WorkingHoursSet } from '../../resources/resource.events';
import type { ServiceDefined } from '../../services/service.events';
import type { ResourceKind } from '../../shared/schedule.rules';

export const registered = (resourceId: string, locationId: string, timezone: string, options: { name?: string; kind?: ResourceKind; capacity?: number } = {}): ResourceRegistered => ({
  type: 'ResourceRegistered',
  data: {
    resourceId, locationId, kind: options.kind ?? 'bay', name: options.name ?? 'Bay 1', timezone, capacity: options.capacity ?? 1, slotMinutes: 15,
    bufferBeforeMinutes: 0, bufferAfterMinutes: 10, rules: { minNoticeMinutes: 0, horizonDays: 365, dailyLimit: null }, registeredAt: '2026-01-01T00:00:00.000Z',
  },
});

/** Monday to Friday 09:00-17:00 with a 12:00-13:00 break. */
export const weekdayHours = (resourceId: string): WorkingHoursSet => ({
  type: 'WorkingHoursSet',
  data: {
    resourceId,
    weeklyHours: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '09:00', end: '17:00' })),
    breaks: ([1, 2, 3, 4, 5] as const).map((day) => ({ day, start: '12:00', end: '13:00' })),
    setAt: '2026-01-01T00:00:00.000Z',
  },
});

export const defined = (serviceId: string, locationId: string, name = 'Oil change', durationMinutes = 45): ServiceDefined => ({
  type: 'ServiceDefined',
  data: {
    serviceId, locationId, name, durationMinutes, price: { amountMinor: 4_500, currency: 'EUR' }, needs: [{ kind: 'bay', count: 1 }], seatsPerBooking: 1,
    rules: {}, bookableOnline: true, definedAt: '2026-01-01T00:00:00.000Z',
  },
});

export const customer = (customerId: string, firstName = 'Asha', lastName = 'Rao'): CustomerRegistered => ({
  type: 'CustomerRegistered', data: { customerId, firstName, lastName, email: null, phone: '+49 30 1234567', registeredAt: '2026-01-01T00:00:00.000Z' },
});

const MINUTE = 60_000;
const plus = (instant: string, minutes: number) => new Date(Date.parse(instant) + minutes * MINUTE).toISOString();

export interface SlotOptions {
  reservationId?: string;
  serviceId: string;
  locationId: string;
  resourceIds: string[];
  start: string;
  minutes: number;
  party: BookingParty;
  seats?: number;
  channel?: 'staff' | 'online';
  bufferAfterMinutes?: number;
}

export function slot(o: SlotOptions): BookedSlot {
  const end = plus(o.start, o.minutes);
  return {
    reservationId: o.reservationId ?? randomUUID(), serviceId: o.serviceId, locationId: o.locationId, start: o.start, end,
    resources: o.resourceIds.map((resourceId) => ({ resourceId, kind: 'bay', blockedFrom: o.start, blockedUntil: plus(end, o.bufferAfterMinutes ?? 10) })),
    seats: o.seats ?? 1, party: o.party, notes: null, seriesId: null, channel: o.channel ?? 'staff', price: { amountMinor: 4_500, currency: 'EUR' },
  };
}

export const reserved = (s: BookedSlot, reservedAt = '2026-02-01T08:00:00.000Z'): ReservationEvent => ({ type: 'SlotReserved', data: { ...s, reservedAt } });
export const held = (s: BookedSlot, expiresAt: string, heldAt = '2026-02-01T08:00:00.000Z'): ReservationEvent => ({ type: 'SlotHeld', data: { ...s, heldAt, expiresAt } });
export const confirmed = (reservationId: string, confirmedAt = '2026-02-01T08:05:00.000Z'): ReservationEvent => ({ type: 'HoldConfirmed', data: { reservationId, confirmedAt } });
export const expired = (reservationId: string, expiredAt = '2026-02-01T08:10:00.000Z'): ReservationEvent => ({ type: 'HoldExpired', data: { reservationId, expiredAt } });
export const cancelled = (reservationId: string, late = false, cancelledAt = '2026-02-02T08:00:00.000Z'): ReservationEvent => ({
  type: 'ReservationCancelled', data: { reservationId, late, fee: null, reason: null, cancelledAt },
});
export const noShow = (reservationId: string, markedAt = '2026-03-01T12:00:00.000Z'): ReservationEvent => ({ type: 'ReservationMarkedNoShow', data: { reservationId, markedAt } });
export const completed = (reservationId: string, completedAt = '2026-03-01T12:00:00.000Z'): ReservationEvent => ({ type: 'ReservationCompleted', data: { reservationId, completedAt } });
export const checkedIn = (reservationId: string, checkedInAt = '2026-03-01T09:00:00.000Z'): ReservationEvent => ({ type: 'ReservationCheckedIn', data: { reservationId, checkedInAt, quoteId: null } });
export function rescheduled(s: BookedSlot, start: string, minutes: number, resourceIds = s.resources.map((r) => r.resourceId)): ReservationEvent {
  const end = plus(start, minutes);
  return {
    type: 'ReservationRescheduled',
    data: {
      reservationId: s.reservationId, previous: { start: s.start, end: s.end, resources: s.resources }, start, end,
      resources: resourceIds.map((resourceId) => ({ resourceId, kind: 'bay', blockedFrom: start, blockedUntil: plus(end, 10) })),
      rescheduledAt: '2026-02-03T08:00:00.000Z',
    },
  };
}
