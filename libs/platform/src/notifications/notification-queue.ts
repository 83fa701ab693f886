import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';

export const NOTIFICATION_QUEUE = 'notifications';

/** What Redis carries: the tenant and the notification's id (also the job id). The worker re-reads the row. */
export interface NotificationJob {
  tenantId: string;
  notificationId: string;
}

/** NOTIFICATION_MAX_ATTEMPTS tries, waiting NOTIFICATION_BACKOFF_MS, then twice that, and so on. */
export function notificationJobOptions(config: Pick<AppConfig, 'NOTIFICATION_MAX_ATTEMPTS' | 'NOTIFICATION_BACKOFF_MS'>): JobsOptions {
  return {
    attempts: config.NOTIFICATION_MAX_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.NOTIFICATION_BACKOFF_MS },
    // Kept a day, so an enqueue of a finished notification finds its job id taken and adds nothing.
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

const ENQUEUE_TIMEOUT_MS = 2000;

/**
 * The queue the API (after the caller's commit) and the worker's sweep add notifications to,
 * under BULLMQ_PREFIX. Like StripeWebhookQueue: its own fail-fast connection, connected on first
 * use, and the Queue built only once Redis answered.
 */
@Injectable()
export class NotificationQueue implements OnApplicationShutdown {
  private readonly redis: Redis;
  private created?: Queue<NotificationJob>;

  constructor(private readonly config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }

  async ready(timeoutMs = ENQUEUE_TIMEOUT_MS): Promise<Queue<NotificationJob>> {
    if (this.redis.status !== 'ready') {
      const ready = new Promise<void>((resolve) => this.redis.once('ready', () => resolve()));
      if (this.redis.status === 'wait') this.redis.connect().catch(() => undefined);
      await withTimeout(ready, timeoutMs, `Redis did not answer within ${timeoutMs} ms`);
    }
    if (!this.created) {
      this.created = new Queue<NotificationJob>(NOTIFICATION_QUEUE, {
        connection: this.redis,
        prefix: this.config.BULLMQ_PREFIX,
        defaultJobOptions: notificationJobOptions(this.config),
      });
      this.created.on('error', () => undefined);
    }
    return this.created;
  }

  /** Under the notification's id: while that job exists BullMQ ignores the add, so one notification is one delivery. */
  async enqueue(job: NotificationJob): Promise<void> {
    const queue = await this.ready();
    await withTimeout(queue.add('notification', job, { jobId: job.notificationId }), ENQUEUE_TIMEOUT_MS, `Redis did not take the job within ${ENQUEUE_TIMEOUT_MS} ms`);
  }

  async onApplicationShutdown() {
    await this.created?.close().catch(() => undefined);
    this.redis.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
