import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import QueryStream from 'pg-query-stream';
import type { Readable } from 'node:stream';
import { RequestContext } from '../context/request-context';
import { inlineSql, Sql } from './inline-sql';

export type { Sql } from './inline-sql';

/** The raw pool of the same role as the ORM's connection (app role in the API, system role in the worker). */
export const TENANT_POOL = Symbol('TENANT_POOL');

/**
 * Every read-model query of a request runs here: in a transaction that sets `app.tenant_id`
 * with `set_config(..., true)` (transaction-local, so a pooled connection never carries one
 * request's tenant into the next) and with the MikroORM tenant filter bound to the same tenant.
 */
@Injectable()
export class TenantDb {
  constructor(
    private readonly orm: MikroORM,
    private readonly context: RequestContext,
    @Inject(TENANT_POOL) private readonly pool: Pool,
  ) {}

  async run<T>(fn: (em: EntityManager) => Promise<T>, tenantId = this.context.tenantId): Promise<T> {
    const em = this.orm.em.fork({ clear: true }) as EntityManager;
    em.setFilterParams('tenant', { tenantId });
    return em.transactional(async (tx) => {
      await tx.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
      return fn(tx);
    });
  }

  /**
   * The same guarantee as `run` in one round trip, for the hot paths whose statements are known
   * up front (the per-request access check, a read by id, idempotency bookkeeping): `set_config`
   * and the statements go as one simple-protocol message, which PostgreSQL runs as one implicit
   * transaction (all or nothing, the setting gone at its end). `run` costs four or more: BEGIN,
   * set_config, the work, COMMIT. Answers the rows of each statement, in order.
   */
  async batch(statements: Sql[], tenantId = this.context.tenantId): Promise<QueryResultRow[][]> {
    const text = [inlineSql({ text: `select set_config('app.tenant_id', $1, true)`, values: [tenantId] }), ...statements.map(inlineSql)].join(';\n');
    const results = (await this.pool.query(text)) as unknown as QueryResult[];
    return results.slice(1).map((r) => r.rows);
  }

  /**
   * Rows of one query as a stream, read from a server-side cursor (pg-query-stream, `batchSize`
   * rows a fetch) inside the tenant's RLS transaction, for exports of any size in constant
   * memory: the cursor is read only as fast as `consume` drains it (stream backpressure). The
   * transaction ends when `consume` settles; if it fails (a client that went away), the
   * connection is dropped rather than returned to the pool mid-cursor.
   */
  async stream<T>(sql: Sql, consume: (rows: Readable) => Promise<T>, tenantId = this.context.tenantId, batchSize = 500): Promise<T> {
    return streamRows(await this.pool.connect(), sql, consume, tenantId, batchSize);
  }
}

/** `TenantDb.stream` on a client of any role: with a tenant, under its RLS; with null, the role's own reach (the system role's CLI export). */
export async function streamRows<T>(client: PoolClient, sql: Sql, consume: (rows: Readable) => Promise<T>, tenantId: string | null, batchSize = 500): Promise<T> {
  let failure: Error | undefined;
  try {
    await client.query('begin read only');
    if (tenantId !== null) await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await consume(client.query(new QueryStream(sql.text, sql.values ?? [], { batchSize })));
    await client.query('commit');
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(failure);
  }
}
