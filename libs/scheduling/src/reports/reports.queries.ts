import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock, NotFoundError, RequestContext, TenantDb } from '@workbay/platform';
import { datesBetween } from '../calendar/calendar.rules';
import type { ResourceSchedule } from '../shared/schedule.rules';
import { NoShowReportView, NoShowRowView, UtilisationView } from './reports.dto';
import { availableMinutesByDay, NoShowPeriod, noShowRateOf, utilisationOf } from './reports.rules';

export class ResourceUtilisation extends Query<UtilisationView> {
  constructor(readonly locationId: string, readonly from: string, readonly to: string) {
    super();
  }
}

export interface NoShowFilter {
  from: string;
  to: string;
  period: NoShowPeriod;
  locationId?: string;
  resourceId?: string;
}

export class NoShowRate extends Query<NoShowReportView> {
  constructor(readonly filter: NoShowFilter) {
    super();
  }
}

@QueryHandler(ResourceUtilisation)
export class ResourceUtilisationHandler implements IQueryHandler<ResourceUtilisation> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  execute({ locationId, from, to }: ResourceUtilisation): Promise<UtilisationView> {
    const tenantId = this.context.tenantId;
    return this.db.run(async (em) => {
      const resources = await em.execute(
        `select resource_id, name, kind, capacity, active, schedule from scheduling.calendar_resources where tenant_id = ? and location_id = ? order by name, resource_id`,
        [tenantId, locationId],
      );
      if (resources.length === 0) throw new NotFoundError('location', locationId);
      const booked = await em.execute(
        `select resource_id, to_char(day, 'YYYY-MM-DD') as day, booked_minutes from scheduling.utilisation_days
         where tenant_id = ? and day between ? and ? and resource_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
        [tenantId, from, to, JSON.stringify(resources.map((r) => r.resource_id))],
      );
      const bookedOn = new Map(booked.map((b) => [`${b.resource_id}|${b.day}`, Number(b.booked_minutes)]));
      const days = datesBetween(from, to);
      let offered = 0;
      let taken = 0;
      const rows = resources.map((r) => {
        // Today's week applied to every day of the range (dated exceptions stay on their dates).
        const available = availableMinutesByDay(r.schedule as ResourceSchedule, days);
        const capacity = Number(r.capacity);
        const perDay = days.map((date) => {
          const availableMinutes = available.get(date) ?? 0;
          const bookedMinutes = bookedOn.get(`${r.resource_id}|${date}`) ?? 0;
          return { date, availableMinutes, bookedMinutes, utilisation: utilisationOf(bookedMinutes, availableMinutes, capacity) };
        });
        const availableMinutes = perDay.reduce((s, d) => s + d.availableMinutes, 0);
        const bookedMinutes = perDay.reduce((s, d) => s + d.bookedMinutes, 0);
        return {
          active: r.active as boolean,
          view: {
            resourceId: r.resource_id as string, name: r.name as string, kind: r.kind as string, capacity, availableMinutes, bookedMinutes,
            utilisation: utilisationOf(bookedMinutes, availableMinutes, capacity), days: perDay,
          },
        };
      }).filter((r) => r.active || r.view.bookedMinutes !== 0).map((r) => r.view);
      for (const r of rows) (offered += r.availableMinutes * Math.max(1, r.capacity), taken += r.bookedMinutes);
      const timezone = (resources[0].schedule as ResourceSchedule).timezone;
      return { locationId, timezone, utilisation: utilisationOf(taken, offered, 1), resources: rows };
    }, tenantId);
  }
}

/** Bucket expressions by period (a fixed list: never text from the request). */
const BUCKET: Record<NoShowPeriod, string> = {
  day: `to_char(e.local_date, 'YYYY-MM-DD')`,
  week: `to_char(date_trunc('week', e.local_date::timestamp), 'YYYY-MM-DD')`,
  month: `to_char(date_trunc('month', e.local_date::timestamp), 'YYYY-MM-DD')`,
};

@QueryHandler(NoShowRate)
export class NoShowRateHandler implements IQueryHandler<NoShowRate> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly clock: Clock) {}

  execute({ filter }: NoShowRate): Promise<NoShowReportView> {
    const tenantId = this.context.tenantId;
    const now = this.clock.now().toISOString();
    return this.db.run(async (em) => {
      if (filter.locationId) {
        const [known] = await em.execute(`select 1 from scheduling.calendar_resources where tenant_id = ? and location_id = ? limit 1`, [tenantId, filter.locationId]);
        if (!known) throw new NotFoundError('location', filter.locationId);
      }
      if (filter.resourceId) {
        const [known] = await em.execute(`select 1 from scheduling.calendar_resources where tenant_id = ? and resource_id = ?`, [tenantId, filter.resourceId]);
        if (!known) throw new NotFoundError('resource', filter.resourceId);
      }
      // Reached its start while on: not cancelled before it, not a hold. Unmarked ones count as shown up.
      const where = [
        'e.tenant_id = ?', 'e.local_date between ? and ?', 'e.starts_at <= ?',
        `(e.status in ('reserved', 'checked_in', 'completed', 'no_show') or (e.status = 'cancelled' and e.cancelled_at >= e.starts_at))`,
      ];
      const params: unknown[] = [tenantId, filter.from, filter.to, now];
      if (filter.locationId) (where.push('e.location_id = ?'), params.push(filter.locationId));
      if (filter.resourceId) {
        where.push('exists (select 1 from scheduling.calendar_entry_resources x where x.tenant_id = e.tenant_id and x.reservation_id = e.reservation_id and x.resource_id = ?)');
        params.push(filter.resourceId);
      }
      const bucket = BUCKET[filter.period];
      const counts = `count(*) as reached, count(*) filter (where e.status = 'no_show') as no_shows`;
      const byLocation = await em.execute(
        `select ${bucket} as period, e.location_id, null as resource_id, ${counts} from scheduling.calendar_entries e
         where ${where.join(' and ')} group by 1, 2 order by 1, 2`, params,
      );
      const byResource = await em.execute(
        `select ${bucket} as period, e.location_id, er.resource_id, ${counts} from scheduling.calendar_entries e
         join scheduling.calendar_entry_resources er on er.tenant_id = e.tenant_id and er.reservation_id = e.reservation_id
         where ${where.join(' and ')} ${filter.resourceId ? 'and er.resource_id = ?' : ''} group by 1, 2, 3 order by 1, 3`,
        filter.resourceId ? [...params, filter.resourceId] : params,
      );
      const row = (r: Record<string, unknown>): NoShowRowView => {
        const reached = Number(r.reached);
        const noShows = Number(r.no_shows);
        return { period: r.period as string, locationId: r.location_id as string, resourceId: (r.resource_id as string | null) ?? null, reached, noShows, noShowRate: noShowRateOf(noShows, reached) };
      };
      const locations = byLocation.map(row);
      const reached = locations.reduce((s, r) => s + r.reached, 0);
      const noShows = locations.reduce((s, r) => s + r.noShows, 0);
      return { reached, noShows, noShowRate: noShowRateOf(noShows, reached), locations, resources: byResource.map(row) };
    }, tenantId);
  }
}
