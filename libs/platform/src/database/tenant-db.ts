import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { RequestContext } from '../context/request-context';

/**
 * Every read-model query of a request runs here: in a transaction that sets `app.tenant_id`
 * with `set_config(..., true)` (transaction-local, so a pooled connection never carries one
 * request's tenant into the next) and with the MikroORM tenant filter bound to the same tenant.
 */
@Injectable()
export class TenantDb {
  constructor(private readonly orm: MikroORM, private readonly context: RequestContext) {}

  async run<T>(fn: (em: EntityManager) => Promise<T>, tenantId = this.context.tenantId): Promise<T> {
    const em = this.orm.em.fork({ clear: true }) as EntityManager;
    em.setFilterParams('tenant', { tenantId });
    return em.transactional(async (tx) => {
      await tx.execute(`select set_config('app.tenant_id', ?, true)`, [tenantId]);
      return fn(tx);
    });
  }
}
