import { Injectable } from '@nestjs/common';
import { NotFoundError, TenantDb, TenantProfile, TenantProfiles } from '@workbay/platform';

/** The current tenant's settings (country, currency, plan), read under its own RLS scope. */
@Injectable()
export class TenantProfileStore extends TenantProfiles {
  constructor(private readonly db: TenantDb) {
    super();
  }

  current(): Promise<TenantProfile> {
    return this.db.run(async (em) => {
      const [row] = await em.execute(`select id, name, country, currency, plan, status from platform.tenants`);
      if (!row) throw new NotFoundError('tenant', 'current');
      return row as TenantProfile;
    });
  }
}
