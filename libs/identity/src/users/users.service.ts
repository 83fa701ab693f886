import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AuditOutbox, RequestContext, TenantDb, ConflictError, NotFoundError, ValidationFailed, decodeCursor, encodeCursor, pageOf } from '@workbay/platform';
import { UpdateUserInput, UserPage, UserView, UsersArgs } from './users.dto';
import { actorRolesNow, lockTenantAccess, otherActiveOwners } from './access-lock';
import { assertAccessChange } from './role-grants';
import { HomeLocationCheck } from './work-locations';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  roles: string[];
  location_id: string | null;
  status: string;
  /** As the driver hands it over through MikroORM's execute: text, not a Date. */
  created_at: string;
}

/** A page's last row, with its creation instant in the cursor's milliseconds (computed by Postgres). */
type PagedUserRow = UserRow & { page_at_ms: number };

const view = (r: UserRow): UserView => ({
  id: r.id, email: r.email, displayName: r.display_name, roles: r.roles, locationId: r.location_id, status: r.status,
});

const encode = (r: PagedUserRow) => encodeCursor(new Date(r.page_at_ms), r.id);

/**
 * The tenant's users as owners and advisors see them. Identity lives in plain tables (login needs
 * it before any projection could catch up); every change is also appended to the tenant's stream
 * so auditors see who changed whose access, as invitations are.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: TenantDb,
    private readonly outbox: AuditOutbox,
    private readonly context: RequestContext,
    private readonly homeLocation: HomeLocationCheck,
  ) {}

  list({ role, locationId, first = 50, after }: UsersArgs): Promise<UserPage> {
    const cursor = decodeCursor(after);
    return this.db.run(async (em) => {
      // created_at has microseconds (default now()) and the cursor milliseconds: page on the
      // milliseconds, or users created within one millisecond come twice or not at all.
      const rows = await em.execute<PagedUserRow[]>(
        `select id, email, display_name, roles, location_id, status, created_at,
                floor(extract(epoch from created_at) * 1000)::float8 as page_at_ms from platform.users
          where (?::text is null or ?::text = any(roles)) and (?::uuid is null or location_id = ?::uuid)
            and (?::timestamptz is null or (date_trunc('milliseconds', created_at), id) > (?::timestamptz, ?::uuid))
          order by date_trunc('milliseconds', created_at), id limit ?`,
        [role ?? null, role ?? null, locationId ?? null, locationId ?? null, cursor?.at ?? null, cursor?.at ?? null, cursor?.id ?? null, first + 1],
      );
      return pageOf(rows, first, view, encode);
    });
  }

  async update(userId: string, input: UpdateUserInput): Promise<UserView> {
    const actor = this.context.principal;
    await this.homeLocation.assertUsable(input.locationId);
    const { after, staged } = await this.db.run(async (em) => {
      await lockTenantAccess(em, actor.tenantId);
      const row = await this.userRow(em, userId);
      const roles = input.roles ? [...new Set(input.roles)] : row.roles;
      const locationId = input.locationId === undefined ? row.location_id : input.locationId;
      assertAccessChange({
        action: 'change roles',
        actor: { userId: actor.userId, roles: await actorRolesNow(em, actor.tenantId, actor.userId) },
        target: { userId: row.id, roles: row.roles },
        rolesAfter: roles,
        otherActiveOwners: await otherActiveOwners(em, actor.tenantId, userId),
      });
      await em.execute(`update platform.users set roles = ?, location_id = ? where id = ?`, [`{${roles.join(',')}}`, locationId, userId]);
      const after = { ...row, roles, location_id: locationId };
      return { after, staged: await this.outbox.stage(em, actor.tenantId, actor.userId, changesOf(row, after, actor.userId)) };
    });
    if (staged) await this.outbox.flushAfterCommit(actor.tenantId);
    return view(after);
  }

  /** Takes all access away at once: the user's tokens stop working on their next request and login refuses them. */
  deactivate(userId: string): Promise<UserView> {
    return this.changeStatus(userId, 'deactivate');
  }

  /** Gives back the access a deactivation took: active again (or invited, if they never accepted). */
  reactivate(userId: string): Promise<UserView> {
    return this.changeStatus(userId, 'reactivate');
  }

  private async changeStatus(userId: string, action: 'deactivate' | 'reactivate'): Promise<UserView> {
    const actor = this.context.principal;
    const deactivating = action === 'deactivate';
    const after = await this.db.run(async (em) => {
      await lockTenantAccess(em, actor.tenantId);
      const row = await this.userRow(em, userId);
      if (deactivating && row.status === 'deactivated') throw new ConflictError(`user ${userId} is already deactivated`, 'USER_DEACTIVATED');
      if (!deactivating && row.status !== 'deactivated') throw new ConflictError(`user ${userId} is ${row.status}, not deactivated`, 'USER_NOT_DEACTIVATED');
      // The roles stay on the record while deactivated; what changes is whether they can be used.
      assertAccessChange({
        action,
        actor: { userId: actor.userId, roles: await actorRolesNow(em, actor.tenantId, actor.userId) },
        target: { userId: row.id, roles: deactivating ? row.roles : [] },
        rolesAfter: deactivating ? [] : row.roles,
        otherActiveOwners: await otherActiveOwners(em, actor.tenantId, userId),
      });
      const [updated] = await em.execute<UserRow[]>(
        `update platform.users set status = case when ? then 'deactivated' when account_id is null then 'invited' else 'active' end
          where id = ? returning id, email, display_name, roles, location_id, status, created_at`,
        [deactivating, userId],
      );
      await this.outbox.stage(em, actor.tenantId, actor.userId, [
        deactivating
          ? { type: 'UserDeactivated', data: { userId, previousStatus: row.status, deactivatedBy: actor.userId } }
          : { type: 'UserReactivated', data: { userId, status: updated.status, reactivatedBy: actor.userId } },
      ]);
      return updated;
    });
    await this.outbox.flushAfterCommit(actor.tenantId);
    return view(after);
  }

  private async userRow(em: EntityManager, userId: string): Promise<UserRow> {
    const [row] = await em.execute<UserRow[]>(
      `select id, email, display_name, roles, location_id, status, created_at from platform.users where tenant_id = ? and id = ? for update`,
      [this.context.tenantId, userId],
    );
    if (!row) throw new NotFoundError('user', userId);
    return row;
  }
}

/** The audit events of one user update: roles and home location, each only if it changed. */
function changesOf(before: UserRow, after: UserRow, changedBy: string): { type: string; data: Record<string, unknown> }[] {
  const changes: { type: string; data: Record<string, unknown> }[] = [];
  const sameRoles = before.roles.length === after.roles.length && before.roles.every((r) => after.roles.includes(r));
  if (!sameRoles) changes.push({ type: 'UserRolesChanged', data: { userId: after.id, roles: after.roles, previousRoles: before.roles, changedBy } });
  if (before.location_id !== after.location_id) {
    changes.push({ type: 'UserLocationChanged', data: { userId: after.id, locationId: after.location_id, previousLocationId: before.location_id, changedBy } });
  }
  return changes;
}
