import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { TenantDb } from '../database/tenant-db';

/** Who a user is for work assignment: roles and home location, as stored now (not as in a token). */
export interface UserCandidate {
  userId: string;
  roles: string[];
  locationId: string | null;
}

/**
 * The identity store as other contexts need it, without reaching into platform tables. Scoped to
 * the current tenant explicitly (the worker's role bypasses RLS): another tenant's user id is
 * answered like an unknown one, by leaving it out.
 */
@Injectable()
export class UserDirectory {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  async candidates(userIds: string[]): Promise<UserCandidate[]> {
    const uuids = userIds.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
    if (uuids.length === 0) return [];
    const tenantId = this.context.tenantId;
    const rows = await this.db.run(
      (em) =>
        em.execute<{ id: string; roles: string[]; location_id: string | null }[]>(
          `select id, roles, location_id from platform.users where tenant_id = ? and id = any(?::uuid[]) and status = 'active'`,
          [tenantId, `{${uuids.join(',')}}`],
        ),
      tenantId,
    );
    return rows.map((r) => ({ userId: r.id, roles: r.roles, locationId: r.location_id }));
  }
}
