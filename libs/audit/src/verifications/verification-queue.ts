import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@workbay/platform';
import { JobsOptions, Queue } from 'bullmq';
import Redis from 'ioredis';

export const VERIFICATION_QUEUE = 'audit-verifications';

/** What Redis carries: the tenant and the run's id (also the job id). The worker re-reads the row. */
export interface VerificationJob {
  tenantId: string;
  verificationId: string;
}

/** A run that fails (the database went away) is tried again; a worker killed mid-run is BullMQ's stalled job, retried too. */
export const VERIFICATION_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

const ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * The queue the API (after the row is committed) and the worker's sweep add runs to. Like the
 * kernel's NotificationQueue: a fail-fast connection of its own, connected on first use, so a
 * process that never enqueues never touches Redis.
 */
@Injectable()
export class VerificationQueue implements OnApplicationShutdown {
  private readonly redis: Redis;
  private created?: Queue<VerificationJob>;

  constructor(private readonly config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }

  async ready(): Promise<Queue<VerificationJob>> {
    if (this.redis.status !== 'ready') {
      const ready = new Promise<void>((resolve) => this.redis.once('ready', () => resolve()));
      if (this.redis.status === 'wait') this.redis.connect().catch(() => undefined);
      await withTimeout(ready, `Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`);
    }
    if (!this.created) {
      this.created = new Queue<VerificationJob>(VERIFICATION_QUEUE, { connection: this.redis, prefix: this.config.BULLMQ_PREFIX, defaultJobOptions: VERIFICATION_JOB_OPTIONS });
      this.created.on('error', () => undefined);
    }
    return this.created;
  }

  /** Under the run's id: while that job exists BullMQ ignores a second add, so a run is one job. */
  async enqueue(job: VerificationJob): Promise<void> {
    const queue = await this.ready();
    await withTimeout(queue.add('verification', job, { jobId: job.verificationId }), `Redis did not take the job within ${ENQUEUE_TIMEOUT_MS} ms`);
  }

  async onApplicationShutdown() {
    await this.created?.close().catch(() => undefined);
    this.redis.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ENQUEUE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
