import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { CustomerRegistered } from '@workbay/shop/contract';
import type { ReservationEvent, TakenResource } from '../reservations/reservation.events';
import { RESERVATION_EVENT_TYPES } from '../reservations/reservation.events';
import type { ResourceEvent } from '../resources/resource.events';
import { RESOURCE_EVENT_TYPES } from '../resources/resource.events';
import type { ServiceEvent } from '../services/service.events';
import { evolveResource } from '../shared/schedule-fold.rules';
import type { ResourceSchedule } from '../shared/schedule.rules';
import { bookedShares, CalendarEntry, CalendarStatus, evolveEntry, localDate, shareChanges } from './calendar.rules';

export const SCHEDULING_CALENDAR = 'scheduling.calendar';

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string | Date).toISOString());

async function loadEntry(em: EntityManager, tenantId: string, reservationId: string): Promise<{ entry: CalendarEntry; version: number } | null> {
  const [r] = await em.execute(`select * from scheduling.calendar_entries where tenant_id = ? and reservation_id = ?`, [tenantId, reservationId]);
  if (!r) return null;
  const resources = await em.execute(
    `select resource_id, kind, blocked_from, blocked_until from scheduling.calendar_entry_resources where tenant_id = ? and reservation_id = ? order by resource_id`,
    [tenantId, reservationId],
  );
  const party = r.customer_id ? { customerId: r.customer_id as string, vehicleId: (r.vehicle_id as string | null) ?? null } : { guest: { name: r.guest_name as string, email: '' } };
  return {
    version: Number(r.version),
    entry: {
      reservationId, locationId: r.location_id, serviceId: r.service_id, start: iso(r.starts_at)!, end: iso(r.ends_at)!, timezone: r.timezone,
      status: r.status as CalendarStatus, holdExpiresAt: iso(r.hold_expires_at), seats: Number(r.seats), channel: r.channel, seriesId: r.series_id ?? null,
      party, notes: r.notes ?? null, lateCancel: r.late_cancel ?? null, cancelledAt: iso(r.cancelled_at), quoteId: r.quote_id ?? null, bookedAt: iso(r.booked_at)!,
      resources: resources.map((x): TakenResource => ({ resourceId: x.resource_id, kind: x.kind, blockedFrom: iso(x.blocked_from)!, blockedUntil: iso(x.blocked_until)! })),
    },
  };
}

async function saveEntry(em: EntityManager, tenantId: string, e: CalendarEntry, version: number, isNew: boolean, resourcesChanged: boolean): Promise<void> {
  const party = e.party;
  const customerId = 'customerId' in party ? party.customerId : null;
  const vehicleId = 'customerId' in party ? party.vehicleId ?? null : null;
  const guestName = 'guest' in party ? party.guest.name : null;
  const values = [
    e.locationId, e.serviceId, e.start, e.end, e.timezone, localDate(e.start, e.timezone), e.status, e.holdExpiresAt, e.seats, e.channel, e.seriesId,
    customerId, vehicleId, guestName, e.notes, e.lateCancel, e.cancelledAt, e.quoteId, e.bookedAt, version,
  ];
  if (isNew) {
    await em.execute(
      `insert into scheduling.calendar_entries (location_id, service_id, starts_at, ends_at, timezone, local_date, status, hold_expires_at, seats, channel,
         series_id, customer_id, vehicle_id, guest_name, notes, late_cancel, cancelled_at, quote_id, booked_at, version, tenant_id, reservation_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...values, tenantId, e.reservationId],
    );
  } else {
    await em.execute(
      `update scheduling.calendar_entries set location_id = ?, service_id = ?, starts_at = ?, ends_at = ?, timezone = ?, local_date = ?, status = ?,
         hold_expires_at = ?, seats = ?, channel = ?, series_id = ?, customer_id = ?, vehicle_id = ?, guest_name = ?, notes = ?, late_cancel = ?,
         cancelled_at = ?, quote_id = ?, booked_at = ?, version = ? where tenant_id = ? and reservation_id = ?`,
      [...values, tenantId, e.reservationId],
    );
  }
  if (!resourcesChanged) return;
  await em.execute(`delete from scheduling.calendar_entry_resources where tenant_id = ? and reservation_id = ?`, [tenantId, e.reservationId]);
  for (const r of e.resources) {
    await em.execute(
      `insert into scheduling.calendar_entry_resources (tenant_id, reservation_id, resource_id, kind, blocked_from, blocked_until) values (?, ?, ?, ?, ?, ?)`,
      [tenantId, e.reservationId, r.resourceId, r.kind, r.blockedFrom, r.blockedUntil],
    );
  }
}

async function applyReservation(em: EntityManager, stored: StoredEvent, event: ReservationEvent): Promise<void> {
  const t = stored.tenantId;
  const loaded = await loadEntry(em, t, event.data.reservationId);
  // Redelivery (a rebuild, a lost checkpoint) brings events the row already has: the version says so.
  if (loaded && loaded.version >= stored.streamVersion) return;
  const before = loaded?.entry ?? null;
  let timezone = before?.timezone ?? 'UTC';
  if (!before && (event.type === 'SlotReserved' || event.type === 'SlotHeld')) {
    // The location's zone, as the resources it takes know it (they follow their location's).
    const [first] = event.data.resources;
    const [row] = first ? await em.execute(`select timezone from scheduling.calendar_resources where tenant_id = ? and resource_id = ?`, [t, first.resourceId]) : [];
    timezone = (row?.timezone as string | undefined) ?? 'UTC';
  }
  const after = evolveEntry(before, event, timezone);
  if (!after) return;
  await saveEntry(em, t, after, stored.streamVersion, !before, !before || after.resources !== before.resources);
  for (const change of shareChanges(bookedShares(before), bookedShares(after))) {
    await em.execute(
      `insert into scheduling.utilisation_days (tenant_id, resource_id, day, booked_minutes) values (?, ?, ?, ?)
       on conflict (tenant_id, resource_id, day) do update set booked_minutes = scheduling.utilisation_days.booked_minutes + excluded.booked_minutes`,
      [t, change.resourceId, change.day, change.minutes],
    );
  }
}

async function applyResource(em: EntityManager, stored: StoredEvent, event: ResourceEvent): Promise<void> {
  const t = stored.tenantId;
  const [row] = await em.execute(`select schedule, version from scheduling.calendar_resources where tenant_id = ? and resource_id = ?`, [t, event.data.resourceId]);
  if (row && Number(row.version) >= stored.streamVersion) return;
  const next = evolveResource((row?.schedule as ResourceSchedule | undefined) ?? null, event);
  if (!next) return;
  await em.execute(
    `insert into scheduling.calendar_resources (tenant_id, resource_id, location_id, name, kind, timezone, capacity, active, schedule, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
     on conflict (tenant_id, resource_id) do update set location_id = excluded.location_id, name = excluded.name, kind = excluded.kind,
       timezone = excluded.timezone, capacity = excluded.capacity, active = excluded.active, schedule = excluded.schedule, version = excluded.version`,
    [t, next.resourceId, next.locationId, next.name, next.kind, next.timezone, next.capacity, next.active, JSON.stringify(next), stored.streamVersion],
  );
}

async function applyService(em: EntityManager, stored: StoredEvent, event: ServiceEvent): Promise<void> {
  if (event.type === 'ServiceRetired') return; // a retired service's reservations keep showing its name
  const d = event.data;
  await em.execute(
    `insert into scheduling.calendar_services (tenant_id, service_id, name, duration_minutes, version) values (?, ?, ?, ?, ?)
     on conflict (tenant_id, service_id) do update set name = excluded.name, duration_minutes = excluded.duration_minutes, version = excluded.version
     where scheduling.calendar_services.version < excluded.version`,
    [stored.tenantId, d.serviceId, d.name, d.durationMinutes, stored.streamVersion],
  );
}

/**
 * The calendars (per location and per resource), customers' bookings, booked minutes per
 * resource and local day, and what the no-show rate counts: one projection (one read-your-writes
 * wait) built from reservation, resource and service events and the shop's CustomerRegistered
 * (for the name a calendar shows). It reads no other projection's tables.
 */
export const calendarProjection: Projection = {
  name: SCHEDULING_CALENDAR,
  eventTypes: [...RESERVATION_EVENT_TYPES.filter((t) => t !== 'ReservationReminderSent'), ...RESOURCE_EVENT_TYPES, 'ServiceDefined', 'ServiceRevised', 'CustomerRegistered'],
  tables: [
    'scheduling.calendar_resources', 'scheduling.calendar_services', 'scheduling.calendar_customers', 'scheduling.calendar_entries',
    'scheduling.calendar_entry_resources', 'scheduling.utilisation_days',
  ],
  async apply(em: EntityManager, stored: StoredEvent) {
    if (stored.type === 'CustomerRegistered') {
      const d = stored.data as CustomerRegistered['data'];
      await em.execute(
        `insert into scheduling.calendar_customers (tenant_id, customer_id, display_name) values (?, ?, ?) on conflict (tenant_id, customer_id) do nothing`,
        [stored.tenantId, d.customerId, `${d.firstName} ${d.lastName}`.trim()],
      );
      return;
    }
    if ((RESOURCE_EVENT_TYPES as readonly string[]).includes(stored.type)) {
      return applyResource(em, stored, { type: stored.type, data: stored.data } as ResourceEvent);
    }
    if (stored.type === 'ServiceDefined' || stored.type === 'ServiceRevised') {
      return applyService(em, stored, { type: stored.type, data: stored.data } as ServiceEvent);
    }
    return applyReservation(em, stored, { type: stored.type, data: stored.data } as ReservationEvent);
  },
};
