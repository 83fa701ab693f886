import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, PeriodicTask } from '@workbay/platform';
import { VerificationQueue } from './verification-queue';
import { VerificationRuns } from './verification-runs';

/**
 * Postgres decides what is left to run, not Redis: a run queued or running with no heartbeat for
 * VERIFICATION_STALE_AFTER_MS (a live run beats at least four times as often) and no job waiting or active (never enqueued after its commit, lost by Redis, or
 * its job given up) is put back on the queue; the next claim takes the row over. The job id is
 * the run's id, so several sweepers add it once.
 */
@Injectable()
export class VerificationSweeper implements OnApplicationShutdown {
  private readonly logger = new Logger('AuditVerifications');
  private readonly task: PeriodicTask;

  constructor(private readonly config: AppConfig, private readonly runs: VerificationRuns, private readonly queue: VerificationQueue) {
    this.task = new PeriodicTask('Verification sweep', config.VERIFICATION_SWEEP_INTERVAL_MS, () => this.sweep(), this.logger);
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
  }

  /** One pass; returns how many runs it put back on the queue. */
  async sweep(staleMs = this.config.VERIFICATION_STALE_AFTER_MS): Promise<number> {
    const stale = await this.runs.stale(staleMs);
    if (stale.length === 0) return 0;
    const queue = await this.queue.ready();
    let requeued = 0;
    for (const run of stale) {
      const job = await queue.getJob(run.verificationId);
      const state = job ? await job.getState() : 'missing';
      if (state === 'completed' || state === 'failed') await job!.remove();
      else if (state !== 'missing' && state !== 'unknown') continue;
      await this.queue.enqueue(run);
      requeued++;
      this.logger.warn({ msg: 'verification left behind; put back on the queue', ...run, jobState: state });
    }
    return requeued;
  }

  async onApplicationShutdown() {
    await this.stop();
  }
}
