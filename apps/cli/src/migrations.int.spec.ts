import { createTestDatabase, TestDatabase } from '@workbay/eventstore/testing';
import { migrate, PLATFORM_MIGRATIONS } from '@workbay/platform';
import { SHOP_MIGRATIONS } from '../../../libs/shop/src/migrations';
import { BILLING_MIGRATIONS } from '../../../libs/billing/src/migrations';
import { SCHEDULING_MIGRATIONS } from '../../../libs/scheduling/src/migrations';
import { APPROVALS_MIGRATIONS } from '../../../libs/approvals/src/migrations';
import { ALL_MIGRATIONS } from './migrations';

// The list the CLI applied before contexts had manifests: a database migrated with it must find
// nothing new, renamed or reordered in the manifests' list.
const BEFORE_MANIFESTS = [...PLATFORM_MIGRATIONS, ...SHOP_MIGRATIONS];
const BEFORE_NAMES = BEFORE_MANIFESTS.map((m) => m.name);
// Contexts that came with manifests (billing, scheduling, approvals) only add migrations of their own.
const ADDED_NAMES = [...BILLING_MIGRATIONS, ...SCHEDULING_MIGRATIONS, ...APPROVALS_MIGRATIONS].map((m) => m.name);

describe('migrations from the context manifests', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('manifest-migrations');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps every migration name in the order a migrated database recorded, and only adds the new contexts\' own', () => {
    const names = ALL_MIGRATIONS.map((m) => m.name);
    expect(names.filter((n) => BEFORE_NAMES.includes(n))).toEqual(BEFORE_NAMES);
    expect(names.filter((n) => !BEFORE_NAMES.includes(n))).toEqual(ADDED_NAMES);
  });

  it('leaves only the new contexts\' migrations pending on a database migrated with the list from before the manifests', async () => {
    const before = await migrate(db.url, BEFORE_MANIFESTS);
    expect(before).toHaveLength(BEFORE_MANIFESTS.length);
    expect(await migrate(db.url, ALL_MIGRATIONS)).toEqual(ADDED_NAMES);
    expect(await migrate(db.url, ALL_MIGRATIONS)).toEqual([]);
  });
});
