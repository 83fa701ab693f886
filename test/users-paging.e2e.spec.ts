import { Pool } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

/** Keyset paging over platform.users, whose created_at has microseconds while a cursor carries milliseconds. */
describe('paging the users of a shop', () => {
  let platform: Platform;
  let db: Pool;

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'userpages' });
    db = new Pool({ connectionString: platform.config.DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  it('lists every user exactly once, one per page, when several were created within one millisecond', async () => {
    const owner = await ShopClient.signup(platform, 'Same Millisecond Motors');
    const invited = await Promise.all([1, 2, 3, 4].map((n) =>
      owner.post('/auth/invitations', { email: `ms.${n}.${owner.tenantId.slice(0, 8)}@example.com`, displayName: `Colleague ${n}`, roles: ['technician'] }).expect(201)));
    // Four users a few microseconds apart in one millisecond, and the owner before them.
    await db.query(`update platform.users set created_at = '2026-01-01T00:00:00.000Z' where id = $1`, [owner.userId]);
    for (const [i, res] of invited.entries()) {
      await db.query(`update platform.users set created_at = $2::timestamptz where id = $1`, [res.body.userId, `2026-01-01T00:00:00.123${100 + i}Z`]);
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } =
        await owner.get(`/users?first=1${after ? `&after=${after}` : ''}`).expect(200);
      seen.push(...page.body.items.map((u) => u.id));
      after = page.body.nextCursor;
    } while (after && seen.length < 20);
    expect(seen.sort()).toEqual([owner.userId, ...invited.map((r) => r.body.userId)].sort());
  });
});
