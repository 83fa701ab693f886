import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/config';
import { bullConnection } from '../webhooks/stripe-webhook-queue';
import { NotificationDelivery } from './notification-delivery';
import { NOTIFICATION_QUEUE, NotificationJob } from './notification-queue';

/** Slow peers (SMTP relays, tenants' endpoints) should not hold up the rest. */
const CONCURRENCY = 5;

/** The worker's BullMQ consumer of the notification queue; started explicitly, like StripeWebhookProcessor. */
@Injectable()
export class NotificationProcessor implements OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private worker?: Worker<NotificationJob>;

  constructor(private readonly config: AppConfig, private readonly delivery: NotificationDelivery) {}

  start(): void {
    if (this.worker) return;
    this.worker = new Worker<NotificationJob>(NOTIFICATION_QUEUE, (job: Job<NotificationJob>) => this.delivery.attempt(job.data), {
      connection: bullConnection(this.config, { maxRetriesPerRequest: null }),
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: CONCURRENCY,
      // As for timers: a worker killed mid-delivery leaves its job active until the lock expires
      // (30 s by default, then up to a stall interval more); a short lock gets it retried within
      // seconds. A second run is harmless: delivery locks the row and skips a delivered one.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    this.worker.on('error', (error) => this.logger.warn({ msg: 'notification worker: Redis error', error: error.message }));
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
  }

  async onApplicationShutdown() {
    await this.close();
  }
}
