import { Logger } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/config';
import { bullConnection } from '../webhooks/stripe-webhook-queue';
import { TimerFiring } from './timer-firing';
import { TIMER_QUEUE, TimerJob } from './timer-queue';

/** Timers fired at once per worker; each holds a system-pool connection while its command runs. */
const TIMER_CONCURRENCY = 2;

/** The worker's BullMQ consumer of timer triggers; started explicitly, like StripeWebhookProcessor. */
export class TimerProcessor {
  private readonly logger = new Logger('ProcessTimers');
  private worker?: Worker<TimerJob>;

  constructor(private readonly config: AppConfig, private readonly firing: TimerFiring) {}

  start(): void {
    if (this.worker) return;
    this.worker = new Worker<TimerJob>(TIMER_QUEUE, (job: Job<TimerJob>) => this.firing.fire(job.data.timerId), {
      connection: bullConnection(this.config, { maxRetriesPerRequest: null }),
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: TIMER_CONCURRENCY,
      // A worker killed mid-fire leaves its job active until the lock expires; a short lock gets
      // it retried within seconds. A second run is harmless: firing locks the row and skips a fired one.
      lockDuration: 10_000,
      stalledInterval: 5_000,
    });
    this.worker.on('error', (error) => this.logger.warn({ msg: 'timer worker: Redis error', error: error.message }));
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
  }
}
