import { EntityManager } from '@mikro-orm/postgresql';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock, decodeCursor, encodeCursor, NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import type { BookingsWhen } from './calendar.args';
import { CalendarEntryView, CalendarView, CustomerBookingsPage } from './calendar.dto';
import { CalendarStatus, datesBetween, dayBoundsUtc, isShown, localDate, localTime } from './calendar.rules';

export class LocationCalendar extends Query<CalendarView> {
  constructor(readonly locationId: string, readonly from: string, readonly to: string) {
    super();
  }
}

export class ResourceCalendar extends Query<CalendarView> {
  constructor(readonly resourceId: string, readonly from: string, readonly to: string) {
    super();
  }
}

export class CustomerBookings extends Query<CustomerBookingsPage> {
  constructor(readonly customerId: string, readonly when: BookingsWhen, readonly first: number, readonly after?: string) {
    super();
  }
}

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const isoOrNull = (v: unknown): string | null => (v == null ? null : iso(v));

const ENTRY_SELECT = `select e.*, s.name as service_name, coalesce(c.display_name, e.guest_name) as party_name
  from scheduling.calendar_entries e
  left join scheduling.calendar_services s on s.tenant_id = e.tenant_id and s.service_id = e.service_id
  left join scheduling.calendar_customers c on c.tenant_id = e.tenant_id and c.customer_id = e.customer_id`;

/** Entry rows as views, each with its resources (one more statement for all of them). */
async function views(em: EntityManager, tenantId: string, rows: Record<string, unknown>[]): Promise<CalendarEntryView[]> {
  if (rows.length === 0) return [];
  const taken = await em.execute(
    `select er.reservation_id, er.resource_id, er.kind, r.name from scheduling.calendar_entry_resources er
     left join scheduling.calendar_resources r on r.tenant_id = er.tenant_id and r.resource_id = er.resource_id
     where er.tenant_id = ? and er.reservation_id in (select jsonb_array_elements_text(?::jsonb)::uuid) order by er.resource_id`,
    [tenantId, JSON.stringify(rows.map((r) => r.reservation_id))],
  );
  return rows.map((r) => {
    const zone = r.timezone as string;
    const start = iso(r.starts_at);
    const end = iso(r.ends_at);
    return {
      reservationId: r.reservation_id as string, status: r.status as string, start, end, startLocal: localTime(start, zone), endLocal: localTime(end, zone),
      localDate: localDate(start, zone), timezone: zone, locationId: r.location_id as string, serviceId: r.service_id as string,
      serviceName: (r.service_name as string | null) ?? null,
      resources: taken.filter((t) => t.reservation_id === r.reservation_id).map((t) => ({ resourceId: t.resource_id, name: t.name ?? null, kind: t.kind })),
      partyName: (r.party_name as string | null) ?? null, customerId: (r.customer_id as string | null) ?? null, vehicleId: (r.vehicle_id as string | null) ?? null,
      seats: Number(r.seats), channel: r.channel as string, seriesId: (r.series_id as string | null) ?? null, holdExpiresAt: isoOrNull(r.hold_expires_at),
      notes: (r.notes as string | null) ?? null,
    };
  });
}

/** Every day of the range with the entries starting on it (in `zone`), holds only while they last. */
async function calendar(
  em: EntityManager, tenantId: string, now: Date, scope: { locationId: string; resourceId: string | null; timezone: string }, from: string, to: string,
): Promise<CalendarView> {
  const start = dayBoundsUtc(from, scope.timezone).start;
  const end = dayBoundsUtc(to, scope.timezone).end;
  const byResource = scope.resourceId
    ? `and exists (select 1 from scheduling.calendar_entry_resources er where er.tenant_id = e.tenant_id and er.reservation_id = e.reservation_id and er.resource_id = ?)`
    : 'and e.location_id = ?';
  const rows = await em.execute(
    `${ENTRY_SELECT} where e.tenant_id = ? ${byResource} and e.starts_at >= ? and e.starts_at < ?
       and e.status not in ('cancelled', 'expired') order by e.starts_at, e.reservation_id`,
    [tenantId, scope.resourceId ?? scope.locationId, start, end],
  );
  const shown = rows.filter((r) => isShown({ status: r.status as CalendarStatus, holdExpiresAt: isoOrNull(r.hold_expires_at) }, now));
  const entries = await views(em, tenantId, shown);
  return {
    locationId: scope.locationId, resourceId: scope.resourceId, timezone: scope.timezone,
    days: datesBetween(from, to).map((date) => ({ date, entries: entries.filter((e) => localDate(e.start, scope.timezone) === date) })),
  };
}

@QueryHandler(LocationCalendar)
export class LocationCalendarHandler implements IQueryHandler<LocationCalendar> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly clock: Clock) {}

  execute({ locationId, from, to }: LocationCalendar): Promise<CalendarView> {
    const tenantId = this.context.tenantId;
    return this.db.run(async (em) => {
      // Scheduling knows a location by its resources (they carry its zone): none, nothing to show.
      const [row] = await em.execute(
        `select timezone from scheduling.calendar_resources where tenant_id = ? and location_id = ? order by active desc, resource_id limit 1`, [tenantId, locationId],
      );
      if (!row) throw new NotFoundError('location', locationId);
      return calendar(em, tenantId, this.clock.now(), { locationId, resourceId: null, timezone: row.timezone as string }, from, to);
    }, tenantId);
  }
}

@QueryHandler(ResourceCalendar)
export class ResourceCalendarHandler implements IQueryHandler<ResourceCalendar> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly clock: Clock) {}

  execute({ resourceId, from, to }: ResourceCalendar): Promise<CalendarView> {
    const tenantId = this.context.tenantId;
    return this.db.run(async (em) => {
      const [row] = await em.execute(`select location_id, timezone from scheduling.calendar_resources where tenant_id = ? and resource_id = ?`, [tenantId, resourceId]);
      if (!row) throw new NotFoundError('resource', resourceId);
      return calendar(em, tenantId, this.clock.now(), { locationId: row.location_id as string, resourceId, timezone: row.timezone as string }, from, to);
    }, tenantId);
  }
}

@QueryHandler(CustomerBookings)
export class CustomerBookingsHandler implements IQueryHandler<CustomerBookings> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly clock: Clock) {}

  execute({ customerId, when, first, after }: CustomerBookings): Promise<CustomerBookingsPage> {
    const tenantId = this.context.tenantId;
    const cursor = decodeCursor(after);
    const now = this.clock.now().toISOString();
    return this.db.run(async (em) => {
      const [known] = await em.execute(`select 1 from scheduling.calendar_customers where tenant_id = ? and customer_id = ?`, [tenantId, customerId]);
      if (!known) throw new NotFoundError('customer', customerId);
      // Upcoming: soonest first, still on. Past: latest first, whatever became of them (a lapsed hold was never a booking).
      const upcoming = when === 'upcoming';
      const filter = upcoming
        ? `e.starts_at >= ? and (e.status in ('reserved', 'checked_in') or (e.status = 'held' and e.hold_expires_at > ?))`
        : `e.starts_at < ? and e.status <> 'expired' and (e.status <> 'held' or e.hold_expires_at > ?)`;
      const op = upcoming ? '>' : '<';
      const keyset = cursor ? `and (e.starts_at ${op} ? or (e.starts_at = ? and e.reservation_id ${op} ?))` : '';
      const direction = upcoming ? 'asc' : 'desc';
      const rows = await em.execute(
        `${ENTRY_SELECT} where e.tenant_id = ? and e.customer_id = ? and ${filter} ${keyset}
         order by e.starts_at ${direction}, e.reservation_id ${direction} limit ?`,
        [tenantId, customerId, now, now, ...(cursor ? [cursor.at, cursor.at, cursor.id] : []), first + 1],
      );
      const page = rows.slice(0, first);
      const last = page[page.length - 1];
      return { items: await views(em, tenantId, page), nextCursor: rows.length > first && last ? encodeCursor(new Date(last.starts_at as string), last.reservation_id as string) : null };
    }, tenantId);
  }
}
