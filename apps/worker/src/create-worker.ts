import { MikroORM } from '@mikro-orm/postgresql';
import { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { EventStore } from '@workbay/eventstore';
import {
  AppConfig, AuditOutboxSweeper, contextBackground, ContextManifest, contextProcesses, contextProjections, NotificationProcessor, NotificationSweeper, PgEventWakeup, ProjectionRunner, registerBacklogs, registerProjectionLag, RequestContext, RunnerOptions,
  StatefulProcessManager, statefulProcessRunnable, StripeWebhookProcessor, StripeWebhookSweeper, SYSTEM_EVENT_STORE, SYSTEM_POOL, TimerFiring,
  TimerProcessor, TimerQueue, TimerSweeper,
} from '@workbay/platform';
import { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { WorkerModule } from './worker.module';
import { CONTEXTS } from '../../contexts';

export interface Worker {
  /** The worker's Nest context (tests reach its providers, e.g. StripeWebhookHandlers). */
  app: INestApplicationContext;
  /** Read models. */
  runner: ProjectionRunner;
  /** Process managers: same checkpointed runtime, effects are commands. */
  processes: ProjectionRunner;
  /** BullMQ consumer of the Stripe webhook queue, and the sweeper that re-enqueues what Redis lost. */
  webhooks: StripeWebhookProcessor;
  webhookSweeper: StripeWebhookSweeper;
  /** Appends audit events of identity changes that their request left staged. */
  auditSweeper: AuditOutboxSweeper;
  /** BullMQ consumer delivering notifications (e-mail, webhooks), and the sweep of pending ones Redis lost. */
  notifications: NotificationProcessor;
  notificationSweeper: NotificationSweeper;
  /** Durable timers of the process managers: BullMQ trigger consumer, and the sweeper of due timers Redis lost. */
  timers: TimerProcessor;
  timerSweeper: TimerSweeper;
  timerQueue: TimerQueue;
  /** LISTEN for appended events (PostgreSQL event store only): wakes both runners. */
  wakeup?: PgEventWakeup;
  /** Prometheus registry of this process: lag, events handled, process metrics. */
  metrics: Registry;
  start(): void;
  close(): Promise<void>;
}

export interface WorkerOptions extends RunnerOptions {
  /** The contexts whose projections, process managers and modules run here; default: every app's list (apps/contexts.ts). */
  contexts?: readonly ContextManifest[];
  /** Process managers besides the contexts' (tests register their own here). */
  processes?: readonly StatefulProcessManager<any>[];
  /** Nest modules providing the command handlers those process managers send to. */
  modules?: readonly Type[];
}

/**
 * The worker's process: the system role (BYPASSRLS: projections write every tenant's rows),
 * one catch-up runner over all projections and one over the process managers, the Stripe
 * webhook jobs (BullMQ) with their sweeper, and the audit outbox sweep. Shared by main.ts, the
 * CLI's rebuild (which never calls start(), so it takes no jobs) and tests.
 */
export async function createWorker(config: AppConfig, workerOptions: WorkerOptions = {}): Promise<Worker> {
  const { contexts = CONTEXTS, processes: extraProcesses = [], modules = [], ...options } = workerOptions;
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, contexts, modules), {
    logger: config.LOG_LEVEL === 'silent' ? false : ['error', 'warn'],
  });
  const store = app.get<EventStore>(SYSTEM_EVENT_STORE);
  const orm = app.get(MikroORM);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'workbay_worker_' });
  if (config.EVENT_STORE === 'postgres') registerProjectionLag(metrics, app.get<Pool>(SYSTEM_POOL));
  registerBacklogs(metrics, app.get<Pool>(SYSTEM_POOL));
  const handled = new Counter({
    name: 'workbay_projection_events_total',
    help: 'Events read by a projection or process manager and committed with its checkpoint',
    labelNames: ['projection'],
    registers: [metrics],
  });
  // One listening connection for both runners; opened by start(), so the CLI opens none.
  const wakeup = config.EVENT_STORE === 'postgres' ? new PgEventWakeup(config.SYSTEM_DATABASE_URL) : undefined;
  const runnerOptions: RunnerOptions = {
    batchSize: config.PROJECTION_BATCH_SIZE,
    fallbackPollMs: config.WORKER_FALLBACK_POLL_MS,
    wake: wakeup,
    ...options,
    onBatch: (projection, events) => {
      handled.inc({ projection }, events);
      options.onBatch?.(projection, events);
    },
  };
  const runner = new ProjectionRunner(store, orm, contextProjections(contexts), runnerOptions);
  const commands = app.get(CommandBus);
  const context = app.get(RequestContext);
  const stateful: StatefulProcessManager<any>[] = [...contextProcesses(contexts), ...extraProcesses];
  const timerQueue = new TimerQueue(config);
  const processes = new ProjectionRunner(store, orm, stateful.map((pm) => statefulProcessRunnable(pm, commands, context, timerQueue)), runnerOptions);
  const timers = new TimerProcessor(config, new TimerFiring(app.get<Pool>(SYSTEM_POOL), commands, context, stateful));
  const timerSweeper = new TimerSweeper(config, app.get<Pool>(SYSTEM_POOL), timerQueue);
  const webhooks = app.get(StripeWebhookProcessor);
  const webhookSweeper = app.get(StripeWebhookSweeper);
  const auditSweeper = app.get(AuditOutboxSweeper);
  const notifications = app.get(NotificationProcessor);
  const notificationSweeper = app.get(NotificationSweeper);
  const background = contextBackground(contexts).map((type) => app.get(type, { strict: false }));
  return {
    app,
    runner,
    processes,
    webhooks,
    webhookSweeper,
    auditSweeper,
    notifications,
    notificationSweeper,
    timers,
    timerSweeper,
    timerQueue,
    wakeup,
    metrics,
    start() {
      // A failed first LISTEN retries on its own; until then the fallback poll runs.
      void wakeup?.start();
      runner.start();
      processes.start();
      webhooks.start();
      webhookSweeper.start();
      auditSweeper.start();
      notifications.start();
      notificationSweeper.start();
      timers.start();
      timerSweeper.start();
      for (const work of background) work.start();
    },
    async close() {
      // Jobs under way finish (or are retried elsewhere) before the pools they use close with the app.
      await Promise.all([
        runner.stop(), processes.stop(), webhookSweeper.stop(), auditSweeper.stop(), webhooks.close(),
        notificationSweeper.stop(), notifications.close(), timerSweeper.stop(), timers.close(), ...background.map((work) => work.stop()),
      ]);
      await wakeup?.stop();
      await timerQueue.close();
      await app.close();
    },
  };
}
