import { Injectable } from '@nestjs/common';
import { Clock, RequestContext, TenantDb } from '@workbay/platform';
import type { QueryResultRow } from 'pg';
import type { Occupancy, ResourceSchedule, ServiceDefinition } from '../shared/schedule.rules';
import { AvailabilityCache, AvailabilityKey } from './availability-cache';
import { AvailabilityServiceElsewhere, AvailabilityServiceNotFound, AvailabilityServiceRetired } from './availability.errors';
import { checkRange, freeSlots, locationZone } from './availability.rules';
import type { AvailabilityArgs } from './availability.args';
import type { AvailabilityView } from './availability.dto';

const TENANT = `tenant_id = current_setting('app.tenant_id')::uuid`;
const iso = (at: Date | string) => new Date(at).toISOString();

const toResource = (r: QueryResultRow): ResourceSchedule => ({
  resourceId: r.resource_id, locationId: r.location_id, kind: r.kind, name: r.name, timezone: r.timezone, capacity: r.capacity,
  slotMinutes: r.slot_minutes, bufferBeforeMinutes: r.buffer_before_minutes, bufferAfterMinutes: r.buffer_after_minutes,
  weeklyHours: r.weekly_hours, breaks: r.breaks, exceptions: r.exceptions, rules: r.rules, active: r.active,
});

const toService = (s: QueryResultRow): ServiceDefinition => ({
  serviceId: s.service_id, locationId: s.location_id, name: s.name, durationMinutes: s.duration_minutes,
  price: { amountMinor: Number(s.price_minor), currency: s.currency }, needs: s.needs, seatsPerBooking: s.seats_per_booking,
  rules: s.rules, bookableOnline: s.bookable_online, active: s.active,
});

const toOccupancy = (o: QueryResultRow): Occupancy => ({
  reservationId: o.reservation_id, resourceId: o.resource_id, start: iso(o.starts_at), end: iso(o.ends_at),
  blockedFrom: iso(o.blocked_from), blockedUntil: iso(o.blocked_until), seats: o.seats,
  holdExpiresAt: o.status === 'held' && o.hold_expires_at ? iso(o.hold_expires_at) : null,
});

/**
 * The availability query for REST, GraphQL and the public booking pages alike. One round trip
 * for the tenant's generation, then Redis; on a miss one more round trip for the service, the
 * location's resources and their occupancies (read models, under the tenant's RLS), the pure
 * engine, and the answer cached under the generation read first (so an answer computed from
 * rows older than a newer generation is never filed under it).
 */
@Injectable()
export class AvailabilityReader {
  constructor(
    private readonly db: TenantDb,
    private readonly cache: AvailabilityCache,
    private readonly clock: Clock,
    private readonly context: RequestContext,
  ) {}

  /** For the caller's own tenant (the verified token's). */
  read(args: AvailabilityArgs): Promise<AvailabilityView> {
    return this.readFor(this.context.tenantId, args);
  }

  /**
   * For a tenant the caller resolved itself (the public pages: from the tenant's slug, for an
   * anonymous visitor). The caller answers for the tenant id; every read here stays inside it.
   */
  async readFor(tenantId: string, args: AvailabilityArgs): Promise<AvailabilityView> {
    checkRange(args.from, args.to);
    const [generations] = await this.db.batch([{ text: `select generation::text as generation from scheduling.availability_generations where ${TENANT}` }], tenantId);
    const key: AvailabilityKey = {
      tenantId, generation: (generations[0]?.generation as string | undefined) ?? '0', serviceId: args.serviceId, locationId: args.locationId,
      resourceId: args.resourceId ?? null, from: args.from, to: args.to,
    };
    const cached = await this.cache.get(key);
    if (cached) return cached;
    const now = this.clock.now();
    const result = await this.compute(tenantId, args, now);
    await this.cache.put(key, result, now.getTime());
    const { validUntil: _until, ...view } = result;
    return view;
  }

  private async compute(tenantId: string, args: AvailabilityArgs, now: Date) {
    // Any zone is within a day of UTC, buffers within a day of their booking: a window two days
    // wider each side holds every row the local days can meet.
    const windowFrom = new Date(Date.parse(`${args.from}T00:00:00Z`) - 2 * 86_400_000).toISOString();
    const windowTo = new Date(Date.parse(`${args.to}T00:00:00Z`) + 3 * 86_400_000).toISOString();
    const [services, resources, occupancies] = await this.db.batch([
      { text: `select * from scheduling.services where ${TENANT} and service_id = $1`, values: [args.serviceId] },
      {
        // The chosen resource too when it is at another location: "not one this service can use" (422), not "not found".
        text: `select * from scheduling.resources where ${TENANT} and (location_id = $1 or resource_id = $2) order by resource_id`,
        values: [args.locationId, args.resourceId ?? null],
      },
      {
        text: `select reservation_id, resource_id, starts_at, ends_at, lower(blocked) as blocked_from, upper(blocked) as blocked_until,
                 seats, status, hold_expires_at
               from scheduling.occupancies
               where ${TENANT} and location_id = $1 and blocked && tstzrange($2::timestamptz, $3::timestamptz)
                 and (status <> 'held' or hold_expires_at > $4::timestamptz)`,
        values: [args.locationId, windowFrom, windowTo, now.toISOString()],
      },
    ], tenantId);
    if (!services[0]) throw new AvailabilityServiceNotFound(args.serviceId);
    const service = toService(services[0]);
    if (service.locationId !== args.locationId) throw new AvailabilityServiceElsewhere(args.serviceId, args.locationId);
    if (!service.active) throw new AvailabilityServiceRetired(args.serviceId);
    const schedules = resources.map(toResource);
    return freeSlots({
      service, resources: schedules, occupancies: occupancies.map(toOccupancy), from: args.from, to: args.to,
      timezone: locationZone(schedules, args.locationId), now: now.toISOString(), resourceId: args.resourceId ?? null,
    });
  }
}
