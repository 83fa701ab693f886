import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { PeriodicTask } from '../processes/periodic-task';
import { NotificationDelivery } from './notification-delivery';
import { NotificationQueue } from './notification-queue';

/**
 * Postgres decides what is left to deliver, not Redis: a notification still pending
 * NOTIFICATION_SWEEP_AFTER_MS after it was staged, with no job waiting, delayed or running, is put
 * back on the queue (never enqueued after its commit, lost by Redis, or its job finished without
 * a verdict). The job id is the notification id, so several sweepers add it once.
 */
@Injectable()
export class NotificationSweeper implements OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly task: PeriodicTask;

  constructor(private readonly config: AppConfig, private readonly delivery: NotificationDelivery, private readonly queue: NotificationQueue) {
    this.task = new PeriodicTask('Notification sweep', config.NOTIFICATION_SWEEP_INTERVAL_MS, () => this.sweep(), this.logger);
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
  }

  /** One pass; returns how many notifications it put back on the queue. */
  async sweep(): Promise<number> {
    const stale = await this.delivery.stale(this.config.NOTIFICATION_SWEEP_AFTER_MS);
    if (stale.length === 0) return 0;
    const queue = await this.queue.ready();
    let requeued = 0;
    for (const row of stale) {
      const job = await queue.getJob(row.notificationId);
      const state = job ? await job.getState() : 'missing';
      if (state === 'completed' || state === 'failed') await job!.remove();
      else if (state !== 'missing' && state !== 'unknown') continue;
      await this.queue.enqueue(row);
      requeued++;
      this.logger.warn({ msg: 'notification still pending; put back on the queue', notificationId: row.notificationId, tenantId: row.tenantId, jobState: state });
    }
    return requeued;
  }

  async onApplicationShutdown() {
    await this.stop();
  }
}
