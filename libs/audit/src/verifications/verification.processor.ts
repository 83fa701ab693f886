import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@workbay/eventstore';
import { AppConfig, SYSTEM_EVENT_STORE } from '@workbay/platform';
import { Job, Worker } from 'bullmq';
import { VERIFICATION_QUEUE, VerificationJob } from './verification-queue';
import { VerificationRuns } from './verification-runs';

/** How often a running verification writes its count (and heartbeat) to its row, at most. */
const PROGRESS_EVERY_MS = 1_000;

/**
 * The worker's BullMQ consumer of verification runs: one at a time (a run keeps a core busy
 * hashing), the tenant taken from the job, never from anything the run reads. While BullMQ holds
 * the job's lock the run is this worker's; a worker killed mid-run leaves a stalled job BullMQ
 * gives to the next worker, whose claim takes the row over (the sweeper covers a job Redis lost).
 */
@Injectable()
export class VerificationProcessor implements OnApplicationShutdown {
  private readonly logger = new Logger('AuditVerifications');
  private worker?: Worker<VerificationJob>;

  constructor(
    private readonly config: AppConfig,
    private readonly runs: VerificationRuns,
    @Inject(SYSTEM_EVENT_STORE) private readonly store: EventStore,
  ) {}

  start(): void {
    if (this.worker) return;
    this.worker = new Worker<VerificationJob>(VERIFICATION_QUEUE, (job) => this.process(job), {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: this.config.BULLMQ_PREFIX,
      concurrency: 1,
      // A killed worker's lock lapses after this; the stalled check (as often) hands the job on.
      lockDuration: this.config.VERIFICATION_LOCK_MS,
      stalledInterval: this.config.VERIFICATION_LOCK_MS,
    });
    this.worker.on('error', (error) => this.logger.warn({ msg: 'verification worker: Redis error', error: error.message }));
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
  }

  async onApplicationShutdown() {
    await this.stop();
  }

  /** One attempt of one run (exported for the sweeper's tests through `run`). */
  async process(job: Pick<Job<VerificationJob>, 'data' | 'attemptsMade' | 'opts'>): Promise<void> {
    await this.run(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }

  /** Runs the verification for the job's tenant; `lastAttempt` turns an error into a failed run instead of a retry. */
  async run(data: VerificationJob, lastAttempt: boolean): Promise<void> {
    const attempt = await this.runs.claim(data);
    if (attempt === null) return;
    let written = Date.now();
    let writing: Promise<void> = Promise.resolve();
    // Well inside the sweep's staleness, so a live run never looks abandoned.
    const every = Math.min(PROGRESS_EVERY_MS, this.config.VERIFICATION_STALE_AFTER_MS / 4);
    const onProgress = (eventsChecked: number) => {
      if (Date.now() - written < every) return;
      written = Date.now();
      // One write at a time, never awaited by the hashing: a slow write only skips counts.
      writing = writing.then(() => this.runs.progress(data, attempt, eventsChecked)).catch(() => undefined);
    };
    try {
      const report = await this.store.verifyTenant(data.tenantId, onProgress);
      await writing;
      await this.runs.finish(data, attempt, report);
      if (!report.ok) this.logger.warn({ msg: 'tenant verification found broken chains', tenantId: data.tenantId, verificationId: data.verificationId, breaks: report.breaks.length });
    } catch (error) {
      await writing;
      const message = error instanceof Error ? error.message : String(error);
      await this.runs.failed(data, attempt, message, lastAttempt);
      if (!lastAttempt) throw error;
      this.logger.error({ msg: 'tenant verification failed', tenantId: data.tenantId, verificationId: data.verificationId, error: message });
    }
  }
}
