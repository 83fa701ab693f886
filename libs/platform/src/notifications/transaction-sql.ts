import { EntityManager } from '@mikro-orm/postgresql';
import { ClientBase } from 'pg';

/** The caller's open transaction: its MikroORM EntityManager (TenantDb.run) or a pg client it began. */
export type CallerTransaction = EntityManager | ClientBase;

/** Runs `sql` ($1, $2 ... each used once, in order) in the caller's transaction; returns the rows. */
export async function queryIn<R>(tx: CallerTransaction, sql: string, params: unknown[]): Promise<R[]> {
  if ('execute' in tx && typeof tx.execute === 'function' && !('query' in tx)) {
    return (await (tx as EntityManager).execute(sql.replace(/\$\d+/g, '?'), params)) as R[];
  }
  return (await (tx as ClientBase).query(sql, params)).rows as R[];
}
