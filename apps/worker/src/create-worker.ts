import { MikroORM } from '@mikro-orm/postgresql';
import { AppConfig, createPool, openEventStore, ormOptions, ProjectionRunner, registerProjectionLag, RunnerOptions } from '@workbay/platform';
import { SHOP_ENTITIES, SHOP_PROJECTIONS } from '@workbay/shop';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

export interface Worker {
  runner: ProjectionRunner;
  /** Prometheus registry of this process: lag, events projected, process metrics. */
  metrics: Registry;
  close(): Promise<void>;
}

/**
 * The worker's process: the system role (BYPASSRLS: projections write every tenant's rows),
 * one catch-up runner over all projections. Shared by main.ts, the CLI's rebuild and tests.
 */
export async function createWorker(config: AppConfig, options: RunnerOptions = {}): Promise<Worker> {
  const pool = createPool(config.SYSTEM_DATABASE_URL, 5);
  const store = openEventStore(config, pool);
  const orm = await MikroORM.init(ormOptions({ clientUrl: config.SYSTEM_DATABASE_URL, entities: [...SHOP_ENTITIES], poolMax: 5 }));
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'workbay_worker_' });
  if (config.EVENT_STORE === 'postgres') registerProjectionLag(metrics, pool);
  const projected = new Counter({
    name: 'workbay_projection_events_total',
    help: 'Events read by a projection and committed with its checkpoint',
    labelNames: ['projection'],
    registers: [metrics],
  });
  const runner = new ProjectionRunner(store, orm, SHOP_PROJECTIONS, {
    batchSize: config.PROJECTION_BATCH_SIZE,
    ...options,
    onBatch: (projection, events) => {
      projected.inc({ projection }, events);
      options.onBatch?.(projection, events);
    },
  });
  return {
    runner,
    metrics,
    async close() {
      await runner.stop();
      await orm.close(true);
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}
