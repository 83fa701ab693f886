import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, encodeCursor, NotFoundError, pageOf, RequestContext, TenantDb } from '@workbay/platform';
import { ServicePage, ServiceView } from './service.dto';
import { definitionOfRow } from './service-directory.projection';

export class ServiceDirectory extends Query<ServicePage> {
  constructor(readonly first: number, readonly after?: string, readonly locationId?: string, readonly kind?: string, readonly status?: string) {
    super();
  }
}

export class ServiceDetail extends Query<ServiceView> {
  constructor(readonly serviceId: string) {
    super();
  }
}

export function serviceView(row: Record<string, any>): ServiceView {
  const s = definitionOfRow(row);
  return {
    id: s.serviceId, locationId: s.locationId, name: s.name, status: s.active ? 'active' : 'retired', durationMinutes: s.durationMinutes,
    price: s.price, needs: s.needs.map((n) => ({ kind: n.kind, count: n.count, resourceIds: n.resourceIds ?? null })),
    seatsPerBooking: s.seatsPerBooking,
    rules: { minNoticeMinutes: s.rules.minNoticeMinutes ?? null, horizonDays: s.rules.horizonDays ?? null, dailyLimit: s.rules.dailyLimit ?? null },
    bookableOnline: s.bookableOnline, definedAt: new Date(row.defined_at).toISOString(), version: row.version,
  };
}

/** The tenant's services, newest first; `kind` keeps those that need a resource of that kind. */
@QueryHandler(ServiceDirectory)
export class ServiceDirectoryHandler implements IQueryHandler<ServiceDirectory> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  execute({ first, after, locationId, kind, status }: ServiceDirectory): Promise<ServicePage> {
    const cursor = decodeCursor(after);
    const filters: Array<[string, unknown[]]> = [['tenant_id = ?', [this.context.tenantId]]];
    if (locationId) filters.push(['location_id = ?', [locationId]]);
    if (kind) filters.push([`needs @> ?::jsonb`, [JSON.stringify([{ kind }])]]);
    if (status) filters.push(['active = ?', [status === 'active']]);
    if (cursor) filters.push(['(defined_at, service_id) < (?, ?)', [cursor.at, cursor.id]]);
    return this.db.run(async (em) => {
      const rows: Record<string, any>[] = await em.execute(
        `select * from scheduling.services where ${filters.map(([sql]) => sql).join(' and ')} order by defined_at desc, service_id desc limit ?`,
        [...filters.flatMap(([, values]) => values), first + 1],
      );
      return pageOf(rows, first, serviceView, (last) => encodeCursor(new Date(last.defined_at), last.service_id));
    });
  }
}

@QueryHandler(ServiceDetail)
export class ServiceDetailHandler implements IQueryHandler<ServiceDetail> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  execute({ serviceId }: ServiceDetail): Promise<ServiceView> {
    return this.db.run(async (em) => {
      const [row] = await em.execute(`select * from scheduling.services where tenant_id = ? and service_id = ?`, [this.context.tenantId, serviceId]);
      if (!row) throw new NotFoundError('service', serviceId);
      return serviceView(row);
    });
  }
}
