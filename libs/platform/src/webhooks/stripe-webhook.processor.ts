import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/config';
import { STRIPE_WEBHOOK_CONCURRENCY, StripeWebhookInbox } from './stripe-webhook-inbox';
import { bullConnection, STRIPE_WEBHOOK_QUEUE, StripeWebhookJob } from './stripe-webhook-queue';

/**
 * The worker's BullMQ consumer of the Stripe webhook queue. Started explicitly (`start()`), so
 * a worker context built only to rebuild projections never takes jobs; a job that throws is
 * retried by BullMQ with the queue's backoff.
 */
@Injectable()
export class StripeWebhookProcessor implements OnApplicationShutdown {
  private readonly logger = new Logger('StripeWebhooks');
  private worker?: Worker<StripeWebhookJob>;

  constructor(private readonly config: AppConfig, private readonly inbox: StripeWebhookInbox) {}

  start(): void {
    if (this.worker) return;
    this.worker = new Worker<StripeWebhookJob>(STRIPE_WEBHOOK_QUEUE, (job: Job<StripeWebhookJob>) => this.inbox.process(job.data), {
      // Blocking reads must wait out a Redis outage instead of failing after a few retries.
      connection: bullConnection(this.config, { maxRetriesPerRequest: null }),
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: STRIPE_WEBHOOK_CONCURRENCY,
    });
    // Connection errors repeat on every reconnect until Redis is back; one line each is enough.
    this.worker.on('error', (error) => this.logger.warn({ msg: 'Stripe webhook worker: Redis error', error: error.message }));
  }

  /** Waits for the jobs under way, then disconnects. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
  }

  async onApplicationShutdown() {
    await this.close();
  }
}
