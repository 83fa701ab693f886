import { Injectable } from '@nestjs/common';
import { TenantDb } from '../database/tenant-db';
import { NotFoundError } from '../errors/errors';

export interface TenantProfile {
  id: string;
  name: string;
  country: string;
  currency: string;
  plan: string;
  status: string;
}

/** The current tenant's settings (country, currency, plan), read under its own RLS scope. */
@Injectable()
export class TenantProfiles {
  constructor(private readonly db: TenantDb) {}

  current(): Promise<TenantProfile> {
    return this.db.run(async (em) => {
      const [row] = await em.execute(`select id, name, country, currency, plan, status from platform.tenants`);
      if (!row) throw new NotFoundError('tenant', 'current');
      return row as TenantProfile;
    });
  }
}
