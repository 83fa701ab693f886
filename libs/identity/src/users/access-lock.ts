import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Serialises every change of access within one tenant for the rest of the transaction. Locking
 * only the target's row is not enough: two owners demoting (or deactivating) each other lock
 * different rows, each still counts the other as an owner, and both commit, leaving none. Under
 * this lock the second one waits and then reads what the first committed.
 */
export async function lockTenantAccess(em: EntityManager, tenantId: string): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtextextended('workbay.tenant-access:' || ?, 0))`, [tenantId]);
}

/**
 * The actor's roles as their record holds them now, under the lock: the token's request read
 * them before the lock, and a concurrent change may since have taken them away. No roles when
 * the actor is no longer active.
 */
export async function actorRolesNow(em: EntityManager, tenantId: string, userId: string): Promise<string[]> {
  const [row] = await em.execute<{ roles: string[] }[]>(
    `select roles from platform.users where tenant_id = ? and id = ? and status = 'active'`, [tenantId, userId],
  );
  return row?.roles ?? [];
}

/** Active owners of the tenant other than `userId`. */
export async function otherActiveOwners(em: EntityManager, tenantId: string, userId: string): Promise<number> {
  const [{ n }] = await em.execute<{ n: string }[]>(
    `select count(*) as n from platform.users where tenant_id = ? and 'owner' = any(roles) and status = 'active' and id <> ?`, [tenantId, userId],
  );
  return Number(n);
}
