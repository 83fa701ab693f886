import { Injectable } from '@nestjs/common';
import { NotFoundError, TenantDb, TenantProfile, TenantProfiles } from '@workbay/platform';

/**
 * The current tenant's settings (country, currency, plan), read under its own RLS scope and by
 * its id: the worker's role bypasses RLS, and a command it runs for a tenant (a timer, a process
 * manager's follow-up) must not read another tenant's first row.
 */
@Injectable()
export class TenantProfileStore extends TenantProfiles {
  constructor(private readonly db: TenantDb) {
    super();
  }

  current(): Promise<TenantProfile> {
    return this.db.run(async (em) => {
      const [row] = await em.execute(`select id, name, country, currency, plan, status, slug, created_at as "registeredAt" from platform.tenants where id = current_setting('app.tenant_id')::uuid`);
      if (!row) throw new NotFoundError('tenant', 'current');
      return { ...row, registeredAt: new Date(row.registeredAt).toISOString() } as TenantProfile;
    });
  }
}
