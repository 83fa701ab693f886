import { Injectable } from '@nestjs/common';
import { RequestContext, TenantDb, UserAccess, UserCandidate, UserContact, UserDirectory } from '@workbay/platform';

/**
 * The kernel's UserDirectory over identity's users table. Scoped to
 * the current tenant explicitly (the worker's role bypasses RLS): another tenant's user id is
 * answered like an unknown one, by leaving it out.
 */
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

@Injectable()
export class UserDirectoryStore extends UserDirectory {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {
    super();
  }

  async candidates(userIds: string[]): Promise<UserCandidate[]> {
    const uuids = userIds.filter(isUuid);
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

  /**
   * Asked on every authenticated request, so one round trip (TenantDb.batch) instead of a
   * transaction of its own; still read fresh each time, so a change of access made by any API
   * process holds on the very next request without a cache to invalidate.
   */
  async accessOf(tenantId: string, userId: string): Promise<UserAccess | null> {
    const [[row]] = await this.db.batch([{ text: `select roles, status from platform.users where id = $1`, values: [userId] }], tenantId);
    return (row as UserAccess | undefined) ?? null;
  }

  async holders(role: string): Promise<UserContact[]> {
    return this.contactRows(`roles @> array[?]::text[]`, [role]);
  }

  async contacts(userIds: string[]): Promise<UserContact[]> {
    const uuids = userIds.filter(isUuid);
    if (uuids.length === 0) return [];
    return this.contactRows(`id = any(?::uuid[])`, [`{${uuids.join(',')}}`]);
  }

  private async contactRows(where: string, values: unknown[]): Promise<UserContact[]> {
    const tenantId = this.context.tenantId;
    const rows = await this.db.run(
      (em) => em.execute<{ id: string; email: string; display_name: string }[]>(
        `select id, email, display_name from platform.users where tenant_id = ? and status = 'active' and ${where} order by id`,
        [tenantId, ...values],
      ),
      tenantId,
    );
    return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name }));
  }

  async namesOf(userIds: string[]): Promise<Map<string, string>> {
    const uuids = [...new Set(userIds.filter(isUuid))];
    if (uuids.length === 0) return new Map();
    const tenantId = this.context.tenantId;
    const [rows] = await this.db.batch(
      [{ text: `select id, display_name from platform.users where tenant_id = $1 and id = any($2::uuid[])`, values: [tenantId, uuids] }], tenantId,
    );
    return new Map(rows.map((r) => [r.id as string, r.display_name as string]));
  }
}
