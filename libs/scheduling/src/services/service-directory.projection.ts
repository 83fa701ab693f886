import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import { evolveService } from '../shared/schedule-fold.rules';
import type { ServiceDefinition } from '../shared/schedule.rules';
import { SERVICE_EVENT_TYPES, ServiceEvent } from './service.events';

export const SERVICE_DIRECTORY = 'scheduling.service-directory';

/** A row of scheduling.services as the definition it stands for. */
export function definitionOfRow(r: Record<string, any>): ServiceDefinition {
  return {
    serviceId: r.service_id, locationId: r.location_id, name: r.name, durationMinutes: r.duration_minutes,
    price: { amountMinor: Number(r.price_minor), currency: r.currency }, needs: r.needs, seatsPerBooking: r.seats_per_booking,
    rules: r.rules, bookableOnline: r.bookable_online, active: r.active,
  };
}

/** The service directory: each service folded by the shared evolve, written whole. What the staff and public pages list. */
export const serviceDirectoryProjection: Projection = {
  name: SERVICE_DIRECTORY,
  eventTypes: SERVICE_EVENT_TYPES,
  tables: ['scheduling.services'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as ServiceEvent;
    const t = stored.tenantId;
    const [row] = await em.execute(`select * from scheduling.services where tenant_id = ? and service_id = ? for update`, [t, event.data.serviceId]);
    const s = evolveService(row ? definitionOfRow(row) : null, event);
    const definedAt = event.type === 'ServiceDefined' ? event.data.definedAt : row?.defined_at;
    if (!s || !definedAt) return; // an event before its definition: nothing to show yet
    await em.execute(
      `insert into scheduling.services (tenant_id, service_id, location_id, name, duration_minutes, price_minor, currency, needs,
         seats_per_booking, rules, bookable_online, active, defined_at, version, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?)
       on conflict (tenant_id, service_id) do update set location_id = excluded.location_id, name = excluded.name,
         duration_minutes = excluded.duration_minutes, price_minor = excluded.price_minor, currency = excluded.currency, needs = excluded.needs,
         seats_per_booking = excluded.seats_per_booking, rules = excluded.rules, bookable_online = excluded.bookable_online,
         active = excluded.active, version = excluded.version, updated_at = excluded.updated_at`,
      [t, s.serviceId, s.locationId, s.name, s.durationMinutes, s.price.amountMinor, s.price.currency, JSON.stringify(s.needs),
        s.seatsPerBooking, JSON.stringify(s.rules), s.bookableOnline, s.active, definedAt, stored.streamVersion, stored.recordedAt],
    );
  },
};
