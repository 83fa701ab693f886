import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import { evolveResource } from '../shared/schedule-fold.rules';
import type { ResourceKind, ResourceSchedule } from '../shared/schedule.rules';
import { RESOURCE_EVENT_TYPES, ResourceEvent } from './resource.events';

export const RESOURCE_DIRECTORY = 'scheduling.resource-directory';

/** A row of scheduling.resources as the schedule it stands for (jsonb columns come back parsed). */
export function scheduleOfRow(r: Record<string, any>): ResourceSchedule {
  return {
    resourceId: r.resource_id, locationId: r.location_id, kind: r.kind as ResourceKind, name: r.name, timezone: r.timezone,
    capacity: r.capacity, slotMinutes: r.slot_minutes, bufferBeforeMinutes: r.buffer_before_minutes, bufferAfterMinutes: r.buffer_after_minutes,
    weeklyHours: r.weekly_hours, breaks: r.breaks, exceptions: r.exceptions, rules: r.rules, active: r.active,
  };
}

/**
 * The resource directory: each resource folded by the same evolve the decider and the booking
 * boundary use, written whole. What availability reads, and the staff's resource list.
 */
export const resourceDirectoryProjection: Projection = {
  name: RESOURCE_DIRECTORY,
  eventTypes: RESOURCE_EVENT_TYPES,
  tables: ['scheduling.resources'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as ResourceEvent;
    const t = stored.tenantId;
    const id = (event.data as { resourceId: string }).resourceId;
    const [row] = await em.execute(`select * from scheduling.resources where tenant_id = ? and resource_id = ? for update`, [t, id]);
    const next = evolveResource(row ? scheduleOfRow(row) : null, event);
    if (!next) return;
    const s = next;
    const registeredAt = event.type === 'ResourceRegistered' ? event.data.registeredAt : row?.registered_at;
    if (!registeredAt) return; // an event before its registration: nothing to show yet
    await em.execute(
      `insert into scheduling.resources (tenant_id, resource_id, location_id, kind, name, timezone, capacity, slot_minutes,
         buffer_before_minutes, buffer_after_minutes, weekly_hours, breaks, exceptions, rules, active, registered_at, version, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
       on conflict (tenant_id, resource_id) do update set location_id = excluded.location_id, kind = excluded.kind, name = excluded.name,
         timezone = excluded.timezone, capacity = excluded.capacity, slot_minutes = excluded.slot_minutes,
         buffer_before_minutes = excluded.buffer_before_minutes, buffer_after_minutes = excluded.buffer_after_minutes,
         weekly_hours = excluded.weekly_hours, breaks = excluded.breaks, exceptions = excluded.exceptions, rules = excluded.rules,
         active = excluded.active, version = excluded.version, updated_at = excluded.updated_at`,
      [t, s.resourceId, s.locationId, s.kind, s.name, s.timezone, s.capacity, s.slotMinutes, s.bufferBeforeMinutes, s.bufferAfterMinutes,
        JSON.stringify(s.weeklyHours), JSON.stringify(s.breaks), JSON.stringify(s.exceptions), JSON.stringify(s.rules), s.active,
        registeredAt, stored.streamVersion, stored.recordedAt],
    );
  },
};
