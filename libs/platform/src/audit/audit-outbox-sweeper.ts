import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { PeriodicTask } from '../processes/periodic-task';
import { AuditOutbox } from './audit-outbox';

/** In the worker: appends audit events a request staged but did not get to append (crash, event store down). */
@Injectable()
export class AuditOutboxSweeper implements OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(config: AppConfig, private readonly outbox: AuditOutbox) {
    this.task = new PeriodicTask('Audit outbox sweep', config.AUDIT_OUTBOX_SWEEP_INTERVAL_MS, () => this.sweep(config.AUDIT_OUTBOX_SWEEP_AFTER_MS));
  }

  start(): void {
    this.task.start();
  }

  async stop(): Promise<void> {
    await this.task.stop();
  }

  /** One pass; returns how many staged changes it appended. */
  async sweep(olderThanMs: number): Promise<number> {
    let appended = 0;
    for (const tenantId of await this.outbox.stale(olderThanMs)) appended += await this.outbox.flush(tenantId);
    return appended;
  }

  async onApplicationShutdown() {
    await this.stop();
  }
}
