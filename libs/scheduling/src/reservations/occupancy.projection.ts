import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { BookedSlot, ReservationEvent, TakenResource } from './reservation.events';

export const OCCUPANCY_PROJECTION = 'scheduling.occupancies';

const insertRows = async (em: EntityManager, tenantId: string, slot: Pick<BookedSlot, 'reservationId' | 'serviceId' | 'locationId' | 'start' | 'end' | 'seats'>,
  resources: readonly TakenResource[], status: string, holdExpiresAt: string | null) => {
  for (const r of resources) {
    await em.execute(
      `insert into scheduling.occupancies (tenant_id, reservation_id, resource_id, service_id, location_id, starts_at, ends_at, blocked, seats, capacity, status, hold_expires_at)
       values (?, ?, ?, ?, ?, ?, ?, tstzrange(?::timestamptz, ?::timestamptz, '[)'), ?, ?, ?, ?)
       on conflict (tenant_id, reservation_id, resource_id) do nothing`,
      [tenantId, slot.reservationId, r.resourceId, slot.serviceId, slot.locationId, slot.start, slot.end, r.blockedFrom, r.blockedUntil, slot.seats, r.capacity ?? 1, status, holdExpiresAt],
    );
  }
};

/**
 * The time each reservation and live hold takes on each resource (migration 0001): one row per
 * reservation and resource while it occupies time (held, reserved, checked in); gone when
 * cancelled, expired, completed or a no-show. The GiST constraint on capacity-1 rows is the
 * second wall: the boundary decided already, so a violation here stops the projection loudly.
 * Rows are deleted before others are inserted in the same write (expired holds come first in
 * the boundary's atomic write), so the wall never sees two rows of one decided time.
 */
export const occupancyProjection: Projection = {
  name: OCCUPANCY_PROJECTION,
  eventTypes: ['SlotReserved', 'SlotHeld', 'HoldConfirmed', 'HoldExpired', 'ReservationRescheduled', 'ReservationCancelled',
    'ReservationCheckedIn', 'ReservationMarkedNoShow', 'ReservationCompleted'],
  tables: ['scheduling.occupancies'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as ReservationEvent;
    const t = stored.tenantId;
    const gone = (reservationId: string) => em.execute(`delete from scheduling.occupancies where tenant_id = ? and reservation_id = ?`, [t, reservationId]);
    const status = (reservationId: string, to: string) =>
      em.execute(`update scheduling.occupancies set status = ?, hold_expires_at = null where tenant_id = ? and reservation_id = ?`, [to, t, reservationId]);
    switch (event.type) {
      case 'SlotReserved':
        return insertRows(em, t, event.data, event.data.resources, 'reserved', null);
      case 'SlotHeld':
        return insertRows(em, t, event.data, event.data.resources, 'held', event.data.expiresAt);
      case 'HoldConfirmed':
        await status(event.data.reservationId, 'reserved');
        return;
      case 'ReservationCheckedIn':
        await status(event.data.reservationId, 'checked_in');
        return;
      case 'ReservationRescheduled': {
        const d = event.data;
        const [was] = await em.execute<Array<{ service_id: string; location_id: string; seats: number; status: string; hold_expires_at: Date | null }>>(
          `select service_id, location_id, seats, status, hold_expires_at from scheduling.occupancies where tenant_id = ? and reservation_id = ? limit 1`, [t, d.reservationId]);
        await gone(d.reservationId);
        if (!was) return;
        await insertRows(em, t, { reservationId: d.reservationId, serviceId: was.service_id, locationId: was.location_id, start: d.start, end: d.end, seats: was.seats },
          d.resources, was.status, was.hold_expires_at ? new Date(was.hold_expires_at).toISOString() : null);
        return;
      }
      case 'HoldExpired':
      case 'ReservationCancelled':
      case 'ReservationMarkedNoShow':
      case 'ReservationCompleted':
        await gone(event.data.reservationId);
        return;
      case 'ReservationReminderSent':
        return;
      default: {
        const unhandled: never = event;
        return unhandled;
      }
    }
  },
};
