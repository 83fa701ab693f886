import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { EventStore } from '@workbay/eventstore';
import {
  AppConfig, processManagerRunnable, ProjectionRunner, registerProjectionLag, RequestContext, RunnerOptions, SYSTEM_EVENT_STORE, SYSTEM_POOL,
} from '@workbay/platform';
import { SHOP_PROCESSES, SHOP_PROJECTIONS } from '@workbay/shop';
import { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { WorkerModule } from './worker.module';

export interface Worker {
  /** Read models. */
  runner: ProjectionRunner;
  /** Process managers: same checkpointed runtime, effects are commands. */
  processes: ProjectionRunner;
  /** Prometheus registry of this process: lag, events handled, process metrics. */
  metrics: Registry;
  start(): void;
  close(): Promise<void>;
}

/**
 * The worker's process: the system role (BYPASSRLS: projections write every tenant's rows),
 * one catch-up runner over all projections and one over the process managers. Shared by
 * main.ts, the CLI's rebuild and tests.
 */
export async function createWorker(config: AppConfig, options: RunnerOptions = {}): Promise<Worker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: config.LOG_LEVEL === 'silent' ? false : ['error', 'warn'],
  });
  const store = app.get<EventStore>(SYSTEM_EVENT_STORE);
  const orm = app.get(MikroORM);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'workbay_worker_' });
  if (config.EVENT_STORE === 'postgres') registerProjectionLag(metrics, app.get<Pool>(SYSTEM_POOL));
  const handled = new Counter({
    name: 'workbay_projection_events_total',
    help: 'Events read by a projection or process manager and committed with its checkpoint',
    labelNames: ['projection'],
    registers: [metrics],
  });
  const runnerOptions: RunnerOptions = {
    batchSize: config.PROJECTION_BATCH_SIZE,
    ...options,
    onBatch: (projection, events) => {
      handled.inc({ projection }, events);
      options.onBatch?.(projection, events);
    },
  };
  const runner = new ProjectionRunner(store, orm, SHOP_PROJECTIONS, runnerOptions);
  const commands = app.get(CommandBus);
  const context = app.get(RequestContext);
  const processes = new ProjectionRunner(store, orm, SHOP_PROCESSES.map((pm) => processManagerRunnable(pm, commands, context)), runnerOptions);
  return {
    runner,
    processes,
    metrics,
    start() {
      runner.start();
      processes.start();
    },
    async close() {
      await Promise.all([runner.stop(), processes.stop()]);
      await app.close();
    },
  };
}
