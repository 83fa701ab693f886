import { Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';

export const TIMER_QUEUE = 'process-timers';

export interface TimerJob {
  timerId: string;
}

/**
 * Retried with exponential backoff (1 s ... about 8.5 minutes over 10 attempts); the sweeper
 * tries one that used them up again. Finished jobs are kept a day so a repeated trigger of the
 * same timer id is ignored by BullMQ.
 */
export const TIMER_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The BullMQ queue of timer triggers: one delayed job per timer, job id = timer id, under
 * BULLMQ_PREFIX. Only a trigger: platform.timers decides whether a timer is still to fire. Its
 * own fail-fast connection, opened on first use (a worker context built only to rebuild never
 * touches Redis), like StripeWebhookQueue.
 */
export class TimerQueue {
  private readonly logger = new Logger('ProcessTimers');
  private readonly redis: Redis;
  private created?: Queue<TimerJob>;

  constructor(private readonly config: Pick<AppConfig, 'REDIS_URL' | 'BULLMQ_PREFIX'>) {
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }

  async ready(): Promise<Queue<TimerJob>> {
    if (this.redis.status !== 'ready') {
      if (this.redis.status === 'wait') this.redis.connect().catch(() => undefined);
      await withTimeout(new Promise<void>((resolve) => this.redis.once('ready', () => resolve())), ENQUEUE_TIMEOUT_MS, 'Redis did not answer');
    }
    if (!this.created) {
      this.created = new Queue<TimerJob>(TIMER_QUEUE, { connection: this.redis, prefix: this.config.BULLMQ_PREFIX, defaultJobOptions: TIMER_JOB_OPTIONS });
      this.created.on('error', () => undefined);
    }
    return this.created;
  }

  /** Adds the delayed job of a timer; ignored by BullMQ while a job of that id exists. */
  async enqueue(timerId: string, dueAt: Date): Promise<void> {
    const queue = await this.ready();
    const delay = Math.max(0, dueAt.getTime() - Date.now());
    await withTimeout(queue.add('timer', { timerId }, { jobId: timerId, delay }), ENQUEUE_TIMEOUT_MS, 'Redis did not take the timer job');
  }

  /** enqueue() that never throws: a trigger Redis did not take is the sweeper's to add. */
  async trigger(timerId: string, dueAt: Date): Promise<void> {
    await this.enqueue(timerId, dueAt).catch((error) =>
      this.logger.warn({ msg: 'timer job not enqueued; the sweeper will', timerId, error: error instanceof Error ? error.message : String(error) }));
  }

  async close(): Promise<void> {
    await this.created?.close().catch(() => undefined);
    this.redis.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
