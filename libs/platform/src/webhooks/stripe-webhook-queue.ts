import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue, RedisOptions } from 'bullmq';
import Redis from 'ioredis';
import { AppConfig } from '../config/config';

export const STRIPE_WEBHOOK_QUEUE = 'stripe-webhooks';

/**
 * What Redis carries for one Stripe event: its id (also the job id) and the tenant the intake
 * resolved from the connected account (null: the platform's own event, or an account no tenant
 * connected). The verified payload stays in Postgres; the worker reads it from the inbox row.
 */
export interface StripeWebhookJob {
  eventId: string;
  tenantId: string | null;
}

/**
 * Retried with exponential backoff (1 s, 2 s, 4 s ... about 8.5 minutes over 10 attempts); the
 * sweeper tries a failed one again later. Finished jobs are kept a while so a redelivery within
 * that window finds the job id taken and enqueues nothing.
 */
export const STRIPE_WEBHOOK_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** How long the intake waits for Redis before it answers anyway (the sweeper enqueues later). */
const ENQUEUE_TIMEOUT_MS = 2000;

/** BullMQ's connection to REDIS_URL; workers need `maxRetriesPerRequest: null` for their blocking reads. */
export function bullConnection(config: Pick<AppConfig, 'REDIS_URL'>, extra: RedisOptions = {}): RedisOptions {
  return { url: config.REDIS_URL, ...extra };
}

/**
 * The queue the intake (API) and the sweeper (worker) add Stripe events to.
 *
 * It runs on a connection of its own that fails fast (no offline queue) and is connected on first
 * use, so a process that never enqueues (the CLI's rebuild) never touches Redis. The BullMQ Queue
 * is built only once that connection is ready: a Queue closed before it ever reached Redis
 * rejects its pending start-up after dropping its error listeners (bullmq 5.81), an unhandled
 * rejection in a process that merely shut down while Redis was away.
 */
@Injectable()
export class StripeWebhookQueue implements OnApplicationShutdown {
  private readonly redis: Redis;
  private created?: Queue<StripeWebhookJob>;
  private connecting?: Promise<void>;

  constructor(private readonly config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Errors repeat on every reconnect; /health reports Redis and enqueue() logs the miss.
    this.redis.on('error', () => undefined);
  }

  /** The BullMQ queue, for reads (getJob, counts) once Redis answered; throws while it has not. */
  get queue(): Queue<StripeWebhookJob> {
    if (this.created) return this.created;
    if (this.redis.status !== 'ready') throw new Error(`Redis is not connected (${this.redis.status})`);
    this.created = new Queue<StripeWebhookJob>(STRIPE_WEBHOOK_QUEUE, {
      connection: this.redis,
      prefix: this.config.BULLMQ_PREFIX,
      defaultJobOptions: STRIPE_WEBHOOK_JOB_OPTIONS,
    });
    this.created.on('error', () => undefined);
    return this.created;
  }

  /** Connects if need be and resolves with the queue, or rejects after `timeoutMs`. */
  async ready(timeoutMs = ENQUEUE_TIMEOUT_MS): Promise<Queue<StripeWebhookJob>> {
    if (this.redis.status !== 'ready') {
      if (this.redis.status === 'wait') this.redis.connect().catch(() => undefined);
      // One listener however many requests wait for the same reconnect.
      this.connecting ??= new Promise<void>((resolve) => this.redis.once('ready', () => {
        this.connecting = undefined;
        resolve();
      }));
      await withTimeout(this.connecting, timeoutMs, `Redis did not answer within ${timeoutMs} ms`);
    }
    return this.queue;
  }

  /**
   * Adds the job under the event id: while a job of that id exists (waiting, active, delayed or
   * kept after finishing) BullMQ ignores the add, so a redelivery does not enqueue twice.
   */
  async enqueue(job: StripeWebhookJob): Promise<void> {
    const started = Date.now();
    const queue = await this.ready();
    const left = Math.max(ENQUEUE_TIMEOUT_MS - (Date.now() - started), 100);
    await withTimeout(queue.add('stripe-event', job, { jobId: job.eventId }), left, `Redis did not take the job within ${ENQUEUE_TIMEOUT_MS} ms`);
  }

  async onApplicationShutdown() {
    // The connection is ours (shared with the Queue), so the Queue leaves it open on close.
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
