import { MikroORM } from '@mikro-orm/postgresql';
import { TestDatabase } from '@workbay/eventstore/testing';
import { ormOptions, RequestContext, TenantDb } from '@workbay/platform';
import { createMigratedTestDatabase } from '@workbay/platform/testing';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { ALL_MIGRATIONS } from '../../../../apps/cli/src/migrations';
import { TenantProfileStore } from './tenant-profile';

/**
 * On the worker's role (BYPASSRLS) row-level security does not narrow `platform.tenants`: a
 * command the worker runs for one tenant (a timer, a process manager's follow-up) must still read
 * that tenant's profile, never the first row of another's.
 */
describe('TenantProfileStore on the worker role', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let pool: Pool;
  const tenants: string[] = [];

  beforeAll(async () => {
    db = await createMigratedTestDatabase('tenantprofile', ALL_MIGRATIONS);
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    for (const [name, currency] of [['First', 'INR'], ['Second', 'EUR']]) {
      const id = randomUUID();
      await owner.query(`insert into platform.tenants (id, name, country, currency, plan) values ($1, $2, 'IN', $3, 'growth')`, [id, name, currency]);
      tenants.push(id);
    }
    await owner.end();
    const systemUrl = Object.assign(new URL(db.url), { username: 'workbay_system' }).toString();
    orm = await MikroORM.init(ormOptions({ clientUrl: systemUrl, entities: [], poolMax: 2 }));
    pool = new Pool({ connectionString: systemUrl, max: 2 });
  });
  afterAll(async () => {
    await orm?.close(true);
    await pool?.end();
    await db?.drop();
  });

  it("reads the current tenant's own row, whichever row comes first", async () => {
    for (const [index, tenantId] of tenants.entries()) {
      const context = { tenantId } as unknown as RequestContext;
      const profile = await new TenantProfileStore(new TenantDb(orm, context, pool)).current();
      expect(profile).toMatchObject({ id: tenantId, name: index === 0 ? 'First' : 'Second', currency: index === 0 ? 'INR' : 'EUR' });
    }
  });
});
