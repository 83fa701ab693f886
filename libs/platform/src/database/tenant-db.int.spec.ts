import { createTestDatabase, TestDatabase } from '@workbay/eventstore/testing';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { migrate } from './migrate';
import { PLATFORM_MIGRATIONS } from './migrations';
import { TenantDb } from './tenant-db';

/** TenantDb.batch keeps run's guarantees in one round trip: RLS bound to the tenant, nothing left on the pooled connection, all or nothing. */
describe('TenantDb.batch', () => {
  let db: TestDatabase;
  let owner: Client;
  let appPool: Pool;
  let tenantDb: TenantDb;
  const tenants: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('tenantdb');
    await migrate(db.url, PLATFORM_MIGRATIONS);
    owner = new Client({ connectionString: db.url });
    await owner.connect();
    for (const name of ['A', 'B']) {
      const id = randomUUID();
      await owner.query(`insert into platform.tenants (id, name, country, currency, plan) values ($1, $2, 'IN', 'INR', 'growth')`, [id, name]);
      await owner.query(`insert into platform.users (id, tenant_id, email, display_name, roles, status) values ($1, $2, $3, 'U', '{owner}', 'active')`, [randomUUID(), id, `${name}@example.com`]);
      tenants.push(id);
    }
    const url = Object.assign(new URL(db.url), { username: 'workbay_app' }).toString();
    // One connection, so every statement below runs on the one a batch ran on.
    appPool = new Pool({ connectionString: url, max: 1 });
    // The ORM and the request context are not used by batch when the tenant is given.
    tenantDb = new TenantDb(undefined as never, undefined as never, appPool);
  });
  afterAll(async () => {
    await appPool.end();
    await owner.end();
    await db.drop();
  });

  it("sees only the given tenant's rows, through RLS (the statement itself does not filter)", async () => {
    const [rows] = await tenantDb.batch([{ text: `select tenant_id, email from platform.users` }], tenants[0]);
    expect(rows).toEqual([{ tenant_id: tenants[0], email: 'A@example.com' }]);
    const [other] = await tenantDb.batch([{ text: `select email from platform.users where tenant_id = $1`, values: [tenants[1]] }], tenants[0]);
    expect(other).toEqual([]);
  });

  it('leaves no tenant on the pooled connection once it is done', async () => {
    await tenantDb.batch([{ text: `select 1` }], tenants[0]);
    const { rows } = await appPool.query(`select coalesce(current_setting('app.tenant_id', true), '') as tenant, (select count(*) from platform.users)::int as users`);
    expect(rows).toEqual([{ tenant: '', users: 0 }]);
  });

  it('is all or nothing: a failing statement takes back the ones before it', async () => {
    const key = randomUUID();
    await expect(tenantDb.batch([
      { text: `insert into platform.idempotency_keys (tenant_id, key, request_hash, status) values ($1, $2, 'h', 'processing')`, values: [tenants[0], key] },
      { text: `select 1 / 0` },
    ], tenants[0])).rejects.toThrow(/division by zero/);
    const { rows } = await owner.query(`select key from platform.idempotency_keys where key = $1`, [key]);
    expect(rows).toEqual([]);
  });

  it('takes a value that tries to close its literal as plain text', async () => {
    const [rows] = await tenantDb.batch([{ text: `select $1::text as v`, values: [`'); select set_config('app.tenant_id', '${tenants[1]}', false); --`] }], tenants[0]);
    expect(rows[0].v).toContain('set_config');
    const [users] = await tenantDb.batch([{ text: `select tenant_id from platform.users` }], tenants[0]);
    expect(users).toEqual([{ tenant_id: tenants[0] }]);
  });
});
