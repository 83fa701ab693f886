import { Client, Pool } from 'pg';
import { createTestDatabase, DEFAULT_TEST_ROLES, installEventStoreSchema, TestDatabase } from './postgres-test-database';
import { PostgresEventStore } from '../postgres/pg-event-store';

/** A migrated test database with an owner pool; everything opened through it is closed by close(). */
export interface PgFixture {
  db: TestDatabase;
  pool: Pool;
  store: PostgresEventStore;
  /** A dedicated connection (for explicit transactions), closed with the fixture. */
  client(): Promise<Client>;
  /** A store on its own pool whose sessions run as the app role. */
  appStore(): PostgresEventStore;
  close(): Promise<void>;
}

/**
 * An idle pooled connection the server ends (a restart, an administrator's terminate) makes the
 * pool emit 'error'; unhandled, that fails whichever test runs then. The next query reconnects.
 */
export function quiet(pool: Pool): Pool {
  pool.on('error', () => undefined);
  return pool;
}

export async function createPgFixture(prefix: string): Promise<PgFixture> {
  const db = await createTestDatabase(prefix);
  await installEventStoreSchema(db.url);
  const pool = quiet(new Pool({ connectionString: db.url, max: 12 }));
  const extras: Array<() => Promise<void>> = [];
  return {
    db,
    pool,
    store: new PostgresEventStore(pool),
    async client() {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      c.on('error', () => undefined);
      extras.push(() => c.end());
      return c;
    },
    appStore() {
      // A startup option, so no query can run before the role is set.
      const appPool = quiet(new Pool({ connectionString: db.url, max: 4, options: `-c role=${DEFAULT_TEST_ROLES.appRole}` }));
      extras.push(() => appPool.end());
      return new PostgresEventStore(appPool);
    },
    async close() {
      await Promise.allSettled(extras.map((end) => end()));
      await pool.end();
      await db.drop();
    },
  };
}

/** An adapter bound to one connection, so appends join the transaction open on it. */
export function storeOnClient(client: Client): PostgresEventStore {
  return new PostgresEventStore(client as unknown as Pool);
}
