import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, encodeCursor, NotFoundError, pageOf, RequestContext, TenantDb } from '@workbay/platform';
import { ResourcePage, ResourceView } from './resource.dto';
import { scheduleOfRow } from './resource-directory.projection';

export class ResourceDirectory extends Query<ResourcePage> {
  constructor(readonly first: number, readonly after?: string, readonly locationId?: string, readonly kind?: string, readonly status?: string) {
    super();
  }
}

export class ResourceDetail extends Query<ResourceView> {
  constructor(readonly resourceId: string) {
    super();
  }
}

export function resourceView(row: Record<string, any>): ResourceView {
  const s = scheduleOfRow(row);
  return {
    id: s.resourceId, locationId: s.locationId, kind: s.kind, name: s.name, timezone: s.timezone, status: s.active ? 'active' : 'retired',
    capacity: s.capacity, slotMinutes: s.slotMinutes, bufferBeforeMinutes: s.bufferBeforeMinutes, bufferAfterMinutes: s.bufferAfterMinutes,
    rules: s.rules, weeklyHours: s.weeklyHours, breaks: s.breaks,
    exceptions: [...s.exceptions].sort((a, b) => a.date.localeCompare(b.date) || (a.span?.start ?? '').localeCompare(b.span?.start ?? ''))
      .map((e) => ({ exceptionId: e.exceptionId, date: e.date, kind: e.kind, span: e.span ?? null, reason: e.reason ?? null })),
    registeredAt: new Date(row.registered_at).toISOString(), version: row.version,
  };
}

/** The tenant's resources, newest first, by location, kind and status. */
@QueryHandler(ResourceDirectory)
export class ResourceDirectoryHandler implements IQueryHandler<ResourceDirectory> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  execute({ first, after, locationId, kind, status }: ResourceDirectory): Promise<ResourcePage> {
    const cursor = decodeCursor(after);
    // tenant_id as well as RLS: the keys and indexes lead with it.
    const filters: Array<[string, unknown[]]> = [['tenant_id = ?', [this.context.tenantId]]];
    if (locationId) filters.push(['location_id = ?', [locationId]]);
    if (kind) filters.push(['kind = ?', [kind]]);
    if (status) filters.push(['active = ?', [status === 'active']]);
    if (cursor) filters.push(['(registered_at, resource_id) < (?, ?)', [cursor.at, cursor.id]]);
    const params = filters.flatMap(([, values]) => values);
    return this.db.run(async (em) => {
      const rows: Record<string, any>[] = await em.execute(
        `select * from scheduling.resources where ${filters.map(([sql]) => sql).join(' and ')}
         order by registered_at desc, resource_id desc limit ?`,
        [...params, first + 1],
      );
      return pageOf(rows, first, resourceView, (last) => encodeCursor(new Date(last.registered_at), last.resource_id));
    });
  }
}

@QueryHandler(ResourceDetail)
export class ResourceDetailHandler implements IQueryHandler<ResourceDetail> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  execute({ resourceId }: ResourceDetail): Promise<ResourceView> {
    return this.db.run(async (em) => {
      const [row] = await em.execute(`select * from scheduling.resources where tenant_id = ? and resource_id = ?`, [this.context.tenantId, resourceId]);
      if (!row) throw new NotFoundError('resource', resourceId);
      return resourceView(row);
    });
  }
}
