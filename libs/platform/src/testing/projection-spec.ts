import { MikroORM } from '@mikro-orm/postgresql';
import { NewEvent, PostgresEventStore, streamIdFor } from '@workbay/eventstore';
import { TestDatabase } from '@workbay/eventstore/testing';
import { Pool } from 'pg';
import { ormOptions } from '../database/orm-options';
import { PLATFORM_MIGRATIONS } from '../database/migrations';
import { createPool } from '../database/system-pool';
import { Projection } from '../projections/projection';
import { ProjectionRunner } from '../projections/projection-runner';
import { createMigratedTestDatabase } from './migrated-test-database';

export interface ProjectionSpecOptions {
  /** The context's migrations (its read-model tables), applied after the platform's. */
  migrations: Function[];
  /** Entities for MikroORM, when the spec or the projection reads through the ORM. */
  entities?: Function[];
  /** Small batches make a spec cross batch boundaries as the worker does under load. */
  batchSize?: number;
  /** Events a rebuild reads per page (the runner's default otherwise). */
  rebuildBatchSize?: number;
}

export interface ProjectionSpec {
  /**
   * Appends events to one stream of a tenant, through the real PostgreSQL event store on the
   * system role (real envelopes: tenant-prefixed stream ids, stream versions, global positions,
   * hash chains). Returns the global position of the last event.
   */
  given(tenantId: string, category: string, id: string, events: NewEvent[], actor?: string): Promise<number>;
  /**
   * Lets the real runner catch the projection up (checkpoint in the same transaction), then
   * runs `sql` on the system role (BYPASSRLS: every tenant's rows, to check isolation).
   * Not named `then`: an object with a `then` method is a thenable, and `await` would call it.
   */
  thenRows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Catches the projection up (past every event given so far) without querying. */
  run(): Promise<void>;
  /**
   * A redelivered batch: moves the checkpoint back to the start while keeping the rows, then
   * catches up again, as if a worker had applied every event but lost its checkpoint.
   */
  redeliver(): Promise<void>;
  /** The runner's rebuild from position 0 (the CLI's `rebuild`), then caught up; returns what the rebuild applied. */
  rebuild(): Promise<number>;
  /** Plain SQL on the system role, no catch-up first (set-up rows, assertions mid-stream). */
  sql<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  readonly databaseUrl: string;
  /** Closes pools and drops the database. */
  close(): Promise<void>;
}

/**
 * A given(events) / then(rows) harness for one projection against real PostgreSQL: a fresh
 * database migrated like the platform's, events appended as a tenant's command handlers would
 * append them, and the projection's own `apply` driven by the real ProjectionRunner. One per
 * spec file (`beforeAll`), closed in `afterAll`.
 */
export async function startProjectionSpec(projection: Projection, options: ProjectionSpecOptions): Promise<ProjectionSpec> {
  const db: TestDatabase = await createMigratedTestDatabase(`proj_${projection.name}`, [...PLATFORM_MIGRATIONS, ...options.migrations]);
  let pool: Pool | undefined;
  let orm: MikroORM | undefined;
  let store: PostgresEventStore | undefined;
  try {
    // The worker's role: projections write every tenant's rows.
    const systemUrl = Object.assign(new URL(db.url), { username: 'workbay_system' }).toString();
    pool = createPool(systemUrl, 4);
    store = new PostgresEventStore(pool);
    orm = await MikroORM.init(ormOptions({ clientUrl: systemUrl, entities: options.entities ?? [], poolMax: 2 }));
  } catch (error) {
    await orm?.close(true);
    await pool?.end();
    await db.drop();
    throw error;
  }
  const runner = new ProjectionRunner(store, orm, [projection], { batchSize: options.batchSize ?? 500, rebuildBatchSize: options.rebuildBatchSize });
  const systemPool = pool;
  const sql = async <T>(text: string, params: unknown[] = []) => (await systemPool.query(text, params)).rows as T[];
  const appended = new Map<string, number>();
  let lastPosition = 0;
  let closed = false;
  /**
   * The catch-up reader holds back events while any older transaction of the cluster is still
   * open (xids are cluster-wide: another spec file's database counts too), so one empty batch does
   * not mean caught up. Like the read-your-writes waiter, wait until the checkpoint is past the
   * last appended position.
   */
  const settle = async () => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      await runner.catchUp(projection);
      const [row] = await sql<{ checkpoint: string | null }>(`select checkpoint from platform.projection_checkpoints where name = $1`, [projection.name]);
      if (lastPosition === 0 || (await store.isCheckpointPast(row?.checkpoint ?? null, lastPosition))) return;
      if (Date.now() > deadline) throw new Error(`${projection.name} did not reach position ${lastPosition} within 15 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  return {
    databaseUrl: db.url,
    async given(tenantId, category, id, events, actor = 'user:projection-spec') {
      const streamId = streamIdFor(tenantId, category, id);
      const version = appended.get(streamId) ?? 0;
      const result = await store.append(tenantId, streamId, events, { expectedVersion: version, metadata: { actor } });
      appended.set(streamId, result.streamVersion);
      lastPosition = Math.max(lastPosition, result.globalPosition);
      return result.globalPosition;
    },
    async thenRows<T>(text: string, params?: unknown[]) {
      await settle();
      return sql<T>(text, params);
    },
    run: settle,
    async redeliver() {
      await sql(`update platform.projection_checkpoints set checkpoint = null, position = 0 where name = $1`, [projection.name]);
      await settle();
    },
    async rebuild() {
      const applied = await runner.rebuild(projection.name);
      await settle(); // the rebuild's own read may have stopped short of the end, as above
      return applied;
    },
    sql,
    async close() {
      if (closed) return;
      closed = true;
      await orm.close(true);
      await store.close();
      await systemPool.end().catch(() => undefined);
      await db.drop();
    },
  };
}
