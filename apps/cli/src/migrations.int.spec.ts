import { createTestDatabase, TestDatabase } from '@workbay/eventstore/testing';
import { migrate, PLATFORM_MIGRATIONS } from '@workbay/platform';
import { SHOP_MIGRATIONS } from '../../../libs/shop/src/migrations';
import { ALL_MIGRATIONS } from './migrations';

// The list the CLI applied before contexts had manifests: a database migrated with it must find
// nothing new, renamed or reordered in the manifests' list.
const BEFORE_MANIFESTS = [...PLATFORM_MIGRATIONS, ...SHOP_MIGRATIONS];

describe('migrations from the context manifests', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('manifest-migrations');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps every migration name in the order a migrated database recorded', () => {
    expect(ALL_MIGRATIONS.map((m) => m.name)).toEqual(BEFORE_MANIFESTS.map((m) => m.name));
  });

  it('leaves nothing pending on a database migrated with the list from before the manifests', async () => {
    const before = await migrate(db.url, BEFORE_MANIFESTS);
    expect(before).toHaveLength(BEFORE_MANIFESTS.length);
    expect(await migrate(db.url, ALL_MIGRATIONS)).toEqual([]);
  });
});
