import { EventStore, streamIdFor } from '@workbay/eventstore';
import { randomUUID } from 'node:crypto';

/**
 * Reservation facts appended straight to a tenant's streams, for specs of what consumes them
 * (reminders) that must not depend on how the booking boundary decides. The shapes are the
 * shared ones of libs/scheduling/src/reservations/reservation.events.ts.
 */
const append = (store: EventStore, tenantId: string, category: string, id: string, type: string, data: Record<string, unknown>) =>
  store.append(tenantId, streamIdFor(tenantId, category, id), [{ type, data }], { expectedVersion: 'any', metadata: { actor: 'test' } });

export const minutesFromNow = (minutes: number, plusMs = 0) => new Date(Date.now() + minutes * 60_000 + plusMs).toISOString();

export async function reserveAsGuest(store: EventStore, tenantId: string, start: string, email: string, name = 'Guest', resourceId: string = randomUUID()): Promise<string> {
  const reservationId = randomUUID();
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
  await append(store, tenantId, 'reservation', reservationId, 'SlotReserved', {
    reservationId, serviceId: randomUUID(), locationId: randomUUID(), start, end,
    resources: [{ resourceId, kind: 'staff', blockedFrom: start, blockedUntil: end }], seats: 1,
    party: { guest: { name, email, phone: null } }, notes: null, seriesId: null, channel: 'online',
    price: { amountMinor: 1000, currency: 'EUR' }, reservedAt: new Date().toISOString(),
  });
  return reservationId;
}

export async function rescheduleTo(store: EventStore, tenantId: string, reservationId: string, previousStart: string, start: string): Promise<void> {
  const end = new Date(Date.parse(start) + 30 * 60_000).toISOString();
  const previousEnd = new Date(Date.parse(previousStart) + 30 * 60_000).toISOString();
  await append(store, tenantId, 'reservation', reservationId, 'ReservationRescheduled', {
    reservationId, previous: { start: previousStart, end: previousEnd, resources: [] }, start, end, resources: [], rescheduledAt: new Date().toISOString(),
  });
}

export async function cancelReservation(store: EventStore, tenantId: string, reservationId: string): Promise<void> {
  await append(store, tenantId, 'reservation', reservationId, 'ReservationCancelled', {
    reservationId, late: false, fee: null, reason: null, cancelledAt: new Date().toISOString(),
  });
}

export async function setReminderOffsets(store: EventStore, tenantId: string, reminderOffsetsMinutes: number[]): Promise<void> {
  await append(store, tenantId, 'scheduling-settings', tenantId, 'SchedulingSettingsChanged', {
    cancellationWindowHours: 24, lateCancelFee: null, reminderOffsetsMinutes, holdTtlMinutes: 10, changedAt: new Date().toISOString(),
  });
}
