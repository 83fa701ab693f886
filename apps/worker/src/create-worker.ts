import { MikroORM } from '@mikro-orm/postgresql';
import { PostgresEventStore } from '@workbay/eventstore';
import { AppConfig, createPool, ormOptions, ProjectionRunner, RunnerOptions } from '@workbay/platform';
import { SHOP_ENTITIES, SHOP_PROJECTIONS } from '@workbay/shop';

export interface Worker {
  runner: ProjectionRunner;
  close(): Promise<void>;
}

/**
 * The worker's process: the system role (BYPASSRLS: projections write every tenant's rows),
 * one catch-up runner over all projections. Shared by main.ts, the CLI's rebuild and tests.
 */
export async function createWorker(config: AppConfig, options: RunnerOptions = {}): Promise<Worker> {
  const pool = createPool(config.SYSTEM_DATABASE_URL, 5);
  const store = new PostgresEventStore(pool);
  const orm = await MikroORM.init(ormOptions({ clientUrl: config.SYSTEM_DATABASE_URL, entities: [...SHOP_ENTITIES], poolMax: 5 }));
  const runner = new ProjectionRunner(store, orm, SHOP_PROJECTIONS, { batchSize: config.PROJECTION_BATCH_SIZE, ...options });
  return {
    runner,
    async close() {
      await runner.stop();
      await orm.close(true);
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}
