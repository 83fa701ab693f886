import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '../config/config';
import { PeriodicTask } from './periodic-task';
import { TimerQueue } from './timer-queue';

const SWEEP_BATCH = 500;

/**
 * Postgres decides which timers are due, not Redis: every TIMER_SWEEP_INTERVAL_MS the worker
 * looks for timers still scheduled TIMER_SWEEP_AFTER_MS past their due time and triggers them
 * again: the job was never added (Redis down), Redis lost it, it ran before its row committed,
 * or it failed every attempt. A job still delayed, waiting or active is left alone; the job id
 * is the timer id, so sweepers of several workers add it once, and firing skips a timer no
 * longer scheduled.
 */
export class TimerSweeper {
  private readonly logger = new Logger('ProcessTimers');
  private readonly task: PeriodicTask;

  constructor(private readonly config: AppConfig, private readonly pool: Pool, private readonly queue: TimerQueue) {
    this.task = new PeriodicTask('timer sweep', config.TIMER_SWEEP_INTERVAL_MS, () => this.sweep(), this.logger);
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
  }

  /** One pass; returns how many timers it triggered again. */
  async sweep(): Promise<number> {
    const { rows } = await this.pool.query<{ timer_id: string; due_at: Date }>(
      `select timer_id, due_at from platform.timers
       where status = 'scheduled' and due_at <= now() - make_interval(secs => $1::double precision / 1000)
       order by due_at limit ${SWEEP_BATCH}`,
      [this.config.TIMER_SWEEP_AFTER_MS],
    );
    if (rows.length === 0) return 0;
    const queue = await this.queue.ready();
    let triggered = 0;
    for (const row of rows) {
      const job = await queue.getJob(row.timer_id);
      const state = job ? await job.getState() : 'missing';
      if (state === 'completed' || state === 'failed') await job!.remove();
      else if (state !== 'missing' && state !== 'unknown') continue;
      await this.queue.enqueue(row.timer_id, row.due_at);
      triggered++;
      this.logger.warn({ msg: 'due timer still scheduled; triggered again', timerId: row.timer_id, jobState: state });
    }
    return triggered;
  }
}
