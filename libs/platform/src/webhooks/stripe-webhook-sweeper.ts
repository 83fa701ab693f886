import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { PeriodicTask } from '../processes/periodic-task';
import { StripeWebhookInbox } from './stripe-webhook-inbox';
import { StripeWebhookQueue } from './stripe-webhook-queue';

/** A job that used up its attempts is tried once more this often, while its event is under 3 days old. */
const RETRY_FAILED_EVERY_MS = 60 * 60_000;

/**
 * Postgres decides which Stripe events are done, not Redis: every WEBHOOK_SWEEP_INTERVAL_MS the
 * worker looks for inbox rows still unprocessed WEBHOOK_SWEEP_AFTER_MS after they arrived and
 * puts them back on the queue: the job was never added (Redis down at the intake), Redis lost it
 * (its last second before a crash), or it failed every attempt. A job still waiting, delayed or
 * active is left alone, and the job id is the event id, so sweepers of several workers, or a
 * sweeper racing the intake, add it once.
 */
@Injectable()
export class StripeWebhookSweeper implements OnApplicationShutdown {
  private readonly logger = new Logger('StripeWebhooks');
  private readonly task: PeriodicTask;

  constructor(private readonly config: AppConfig, private readonly inbox: StripeWebhookInbox, private readonly queue: StripeWebhookQueue) {
    this.task = new PeriodicTask('Stripe webhook sweep', config.WEBHOOK_SWEEP_INTERVAL_MS, () => this.sweep(), this.logger);
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
  }

  /** One pass; returns how many events it put back on the queue. */
  async sweep(): Promise<number> {
    let requeued = 0;
    const stale = await this.inbox.stale(this.config.WEBHOOK_SWEEP_AFTER_MS);
    if (stale.length === 0) return 0;
    const queue = await this.queue.ready();
    for (const row of stale) {
      const job = await queue.getJob(row.eventId);
      const state = job ? await job.getState() : 'missing';
      if (state === 'missing' || state === 'unknown') {
        await this.queue.enqueue(row);
      } else if (state === 'completed') {
        // Finished without setting processed_at (e.g. its transaction never committed): run it again.
        await job!.remove();
        await this.queue.enqueue(row);
      } else if (state === 'failed' && Date.now() - (job!.finishedOn ?? 0) >= RETRY_FAILED_EVERY_MS) {
        await job!.retry('failed');
      } else {
        continue;
      }
      requeued++;
      this.logger.warn({ msg: 'Stripe event still unprocessed; put back on the queue', eventId: row.eventId, tenantId: row.tenantId ?? undefined, jobState: state });
    }
    return requeued;
  }

  async onApplicationShutdown() {
    await this.stop();
  }
}
