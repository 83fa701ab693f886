import { randomUUID } from 'node:crypto';
import { EventStore, streamIdFor } from '@workbay/eventstore';
import { Client } from 'pg';
import type { ResourceRegistered, WorkingHoursSet } from '../resources/resource.events';
import type { ServiceDefined } from '../services/service.events';
import type { SchedulingSettingsChanged } from '../settings/settings.events';
import { DEFAULT_BOOKING_RULES, DEFAULT_SCHEDULING_SETTINGS, IsoWeekday, ResourceKind, SchedulingSettings, ServiceNeed } from '../shared/schedule.rules';

const at = '2026-01-01T00:00:00.000Z';
const meta = { actor: 'test:scheduling-fixtures' };

/**
 * Resources, services and settings written as their own streams' events, as the catalog's
 * commands write them (shared shapes in resources/ services/ settings/): the booking boundary
 * reads these streams, so a booking test needs nothing else.
 */
export async function registerResource(
  store: EventStore, tenantId: string,
  options: { locationId: string; kind: ResourceKind; capacity?: number; timezone?: string; bufferAfterMinutes?: number; hours?: { start: string; end: string } },
): Promise<string> {
  const resourceId = randomUUID();
  const registered: ResourceRegistered = {
    type: 'ResourceRegistered',
    data: {
      resourceId, locationId: options.locationId, kind: options.kind, name: `${options.kind} ${resourceId.slice(0, 4)}`, timezone: options.timezone ?? 'UTC',
      capacity: options.capacity ?? 1, slotMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: options.bufferAfterMinutes ?? 0,
      rules: DEFAULT_BOOKING_RULES, registeredAt: at,
    },
  };
  const hours = options.hours ?? { start: '00:00', end: '24:00' };
  const week: WorkingHoursSet = {
    type: 'WorkingHoursSet',
    data: { resourceId, weeklyHours: ([1, 2, 3, 4, 5, 6, 7] as IsoWeekday[]).map((day) => ({ day, ...hours })), breaks: [], setAt: at },
  };
  await store.append(tenantId, streamIdFor(tenantId, 'resource', resourceId), [registered, week], { expectedVersion: 0, metadata: meta });
  return resourceId;
}

export async function defineService(
  store: EventStore, tenantId: string, options: { locationId: string; needs: ServiceNeed[]; durationMinutes?: number; seatsPerBooking?: number },
): Promise<string> {
  const serviceId = randomUUID();
  const defined: ServiceDefined = {
    type: 'ServiceDefined',
    data: {
      serviceId, locationId: options.locationId, name: `service ${serviceId.slice(0, 4)}`, durationMinutes: options.durationMinutes ?? 60,
      price: { amountMinor: 150000, currency: 'INR' }, needs: options.needs, seatsPerBooking: options.seatsPerBooking ?? 1, rules: {},
      bookableOnline: true, definedAt: at,
    },
  };
  await store.append(tenantId, streamIdFor(tenantId, 'service', serviceId), [defined], { expectedVersion: 0, metadata: meta });
  return serviceId;
}

export async function changeSettings(store: EventStore, tenantId: string, settings: Partial<SchedulingSettings>): Promise<void> {
  const changed: SchedulingSettingsChanged = { type: 'SchedulingSettingsChanged', data: { ...DEFAULT_SCHEDULING_SETTINGS, ...settings, changedAt: at } };
  await store.append(tenantId, streamIdFor(tenantId, 'scheduling-settings', tenantId), [changed], { expectedVersion: 'any', metadata: meta });
}

/** Live occupancies as the event store's reservation events say (decoded in SQL, not by the code under test). */
const LIVE_FROM_EVENTS = `
  with ev as (
    select stream_id, type, data, global_position from eventstore.events where tenant_id = $1 and stream_id like $1 || '.reservation-%'),
  placed as (
    select distinct on (stream_id) stream_id, data->'resources' as resources from ev
     where type in ('SlotReserved', 'SlotHeld', 'ReservationRescheduled') order by stream_id, global_position desc),
  seats as (select stream_id, (data->>'seats')::int as seats from ev where type in ('SlotReserved', 'SlotHeld')),
  ended as (select stream_id from ev where type in ('ReservationCancelled', 'HoldExpired', 'ReservationMarkedNoShow', 'ReservationCompleted')),
  lapsed as (
    select h.stream_id from ev h where h.type = 'SlotHeld' and (h.data->>'expiresAt')::timestamptz <= now()
       and not exists (select 1 from ev c where c.stream_id = h.stream_id and c.type = 'HoldConfirmed'))
  select p.stream_id as reservation, r->>'resourceId' as resource_id, s.seats,
         tstzrange((r->>'blockedFrom')::timestamptz, (r->>'blockedUntil')::timestamptz, '[)') as blocked
    from placed p join seats s using (stream_id) cross join jsonb_array_elements(p.resources) r
   where p.stream_id not in (select stream_id from ended) and p.stream_id not in (select stream_id from lapsed)`;

const LIVE_FROM_READ_MODEL = `select reservation_id::text as reservation, resource_id::text, seats, blocked from scheduling.occupancies
  where tenant_id = $1 and (status <> 'held' or hold_expires_at > now())`;

/** The most seats taken at once on each resource (the peak of overlapping intervals is at some interval's start). */
const peakOver = (live: string) => `
  with live as (${live})
  select a.resource_id, max(t.taken)::int as peak, count(distinct a.reservation)::int as reservations
    from live a cross join lateral (
      select sum(b.seats) as taken from live b where b.resource_id = a.resource_id and b.blocked @> lower(a.blocked)) t
   group by a.resource_id order by a.resource_id`;

export interface Peaks {
  [resourceId: string]: { peak: number; reservations: number };
}

async function peaks(databaseUrl: string, sql: string, tenantId: string): Promise<Peaks> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ resource_id: string; peak: number; reservations: number }>(sql, [tenantId]);
    return Object.fromEntries(rows.map((r) => [r.resource_id, { peak: r.peak, reservations: r.reservations }]));
  } finally {
    await client.end();
  }
}

export const peaksFromEvents = (databaseUrl: string, tenantId: string) => peaks(databaseUrl, peakOver(LIVE_FROM_EVENTS), tenantId);
export const peaksFromReadModel = (databaseUrl: string, tenantId: string) => peaks(databaseUrl, peakOver(LIVE_FROM_READ_MODEL), tenantId);

/** Live occupancies of one resource starting within [from, until) per the events (start instants, ISO). */
export async function liveStartsFromEvents(databaseUrl: string, tenantId: string, resourceId: string, from: string, until: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ start: Date }>(
      `with live as (${LIVE_FROM_EVENTS}) select lower(blocked) as start from live where resource_id = $2 and lower(blocked) >= $3 and lower(blocked) < $4 order by 1`,
      [tenantId, resourceId, from, until]);
    return rows.map((r) => r.start.toISOString());
  } finally {
    await client.end();
  }
}
