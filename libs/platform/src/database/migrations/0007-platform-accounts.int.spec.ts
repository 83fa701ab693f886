import { createTestDatabase, TestDatabase } from '@workbay/eventstore/testing';
import * as argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../migrate';
import { PLATFORM_MIGRATIONS } from './index';

describe('migration 0007: existing users folded into one account per e-mail', () => {
  let db: TestDatabase;
  let sql: Client;
  const shop = async (name: string) => {
    const id = randomUUID();
    await sql.query(`insert into platform.tenants (id, name, country, currency, plan) values ($1, $2, 'IN', 'INR', 'growth')`, [id, name]);
    return id;
  };
  const user = async (tenantId: string, email: string, status: string, password: string | null, createdAt: string) => {
    const id = randomUUID();
    await sql.query(
      `insert into platform.users (id, tenant_id, email, display_name, password_hash, roles, status, created_at) values ($1, $2, $3, 'U', $4, '{owner}', $5, $6)`,
      [id, tenantId, email, password && (await argon2.hash(password)), status, createdAt],
    );
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase('mig0007');
    await migrate(db.url, PLATFORM_MIGRATIONS.slice(0, PLATFORM_MIGRATIONS.findIndex((m) => m.name === 'Migration0007PlatformAccounts')));
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await db.drop();
  });

  it("keeps the earliest active user's password for an e-mail with different passwords in different shops, links every non-invited user, and clears their own hashes", async () => {
    const [a, b, c, d] = [await shop('A'), await shop('B'), await shop('C'), await shop('D')];
    const email = 'many@example.com';
    const gone = await user(a, email, 'deactivated', 'oldest but not active', '2024-01-01T00:00:00Z');
    const first = await user(b, email, 'active', 'first active password', '2024-02-01T00:00:00Z');
    const later = await user(c, email, 'active', 'later shop password', '2024-03-01T00:00:00Z');
    const invited = await user(d, email, 'invited', null, '2024-04-01T00:00:00Z');
    const solo = await user(a, 'solo@example.com', 'active', 'solo password', '2024-01-05T00:00:00Z');

    await migrate(db.url, PLATFORM_MIGRATIONS);

    const { rows: accounts } = await sql.query(`select id, email, password_hash from platform.accounts order by email`);
    expect(accounts.map((r) => r.email)).toEqual(['many@example.com', 'solo@example.com']);
    expect(await argon2.verify(accounts[0].password_hash, 'first active password')).toBe(true);
    expect(await argon2.verify(accounts[1].password_hash, 'solo password')).toBe(true);

    const { rows: users } = await sql.query(`select id, account_id, password_hash from platform.users`);
    const of = (id: string) => users.find((u) => u.id === id)!;
    for (const id of [gone, first, later]) expect(of(id)).toEqual({ id, account_id: accounts[0].id, password_hash: null });
    expect(of(invited).account_id).toBeNull();
    expect(of(solo)).toEqual({ id: solo, account_id: accounts[1].id, password_hash: null });
  });
});
