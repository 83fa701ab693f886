import { createTestDatabase, TestDatabase } from '@workbay/eventstore/testing';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { AppConfig } from '../config/config';
import { migrate } from '../database/migrate';
import { PLATFORM_MIGRATIONS } from '../database/migrations';
import { TenantDb } from '../database/tenant-db';
import { IdempotencyKeys } from './idempotency-keys';

/** The key's bookkeeping commits asynchronously (see ASYNC_COMMIT): same outcomes, nothing left on the connection. */
describe('IdempotencyKeys with asynchronous commit', () => {
  let db: TestDatabase;
  let owner: Client;
  let appPool: Pool;
  let keys: IdempotencyKeys;
  const tenantId = randomUUID();
  const sent: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('idemkeys');
    await migrate(db.url, PLATFORM_MIGRATIONS);
    owner = new Client({ connectionString: db.url });
    await owner.connect();
    await owner.query(`insert into platform.tenants (id, name, country, currency, plan) values ($1, 'A', 'IN', 'INR', 'growth')`, [tenantId]);
    // One connection, so what a batch may leave behind is seen by the next statement.
    appPool = new Pool({ connectionString: Object.assign(new URL(db.url), { username: 'workbay_app' }).toString(), max: 1 });
    const query = appPool.query.bind(appPool) as (text: string) => Promise<unknown>;
    (appPool as unknown as { query: (text: string) => Promise<unknown> }).query = (text: string) => (sent.push(String(text)), query(text));
    keys = new IdempotencyKeys(new TenantDb(undefined as never, undefined as never, appPool), { IDEMPOTENCY_LEASE_MS: 30_000 } as AppConfig);
  });
  afterAll(async () => {
    await appPool.end();
    await owner.end();
    await db.drop();
  });

  it('claims, refuses a repeat while it runs, completes and answers the repeat with the stored value', async () => {
    sent.length = 0;
    const claim = await keys.claim(tenantId, 'k-1', 'hash-1');
    expect(claim).toMatchObject({ kind: 'claimed', takenOver: false });
    expect(await keys.claim(tenantId, 'k-1', 'hash-1')).toMatchObject({ kind: 'in-progress' });
    expect(await keys.claim(tenantId, 'k-1', 'other request')).toEqual({ kind: 'reused' });
    expect(await keys.complete(tenantId, 'k-1', (claim as { claimId: string }).claimId, { id: 'c-1' })).toBe(true);
    expect(await keys.claim(tenantId, 'k-1', 'hash-1')).toEqual({ kind: 'completed', value: { id: 'c-1' } });
    // Every write of the bookkeeping is sent with its asynchronous commit.
    expect(sent.length).toBeGreaterThanOrEqual(5);
    for (const text of sent) expect(text).toContain(`set_config('synchronous_commit', 'off', true)`);
  });

  it('releases a failed run so the key is claimed anew, and leaves synchronous commit on for the next user of the connection', async () => {
    const claim = await keys.claim(tenantId, 'k-2', 'hash-2');
    await keys.release(tenantId, 'k-2', (claim as { claimId: string }).claimId);
    expect(await keys.claim(tenantId, 'k-2', 'hash-2')).toMatchObject({ kind: 'claimed', takenOver: false });
    const { rows } = await appPool.query(`select current_setting('synchronous_commit') as s, current_setting('app.tenant_id', true) as t`);
    expect(rows[0].s).toBe('on');
    expect(rows[0].t ?? '').toBe('');
    const stored = await owner.query(`select status from platform.idempotency_keys where tenant_id = $1 and key = 'k-1'`, [tenantId]);
    expect(stored.rows).toEqual([{ status: 'completed' }]);
  });
});
