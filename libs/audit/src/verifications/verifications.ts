import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '@workbay/platform';
import { AuditVerificationJobView } from './verifications.dto';
import { VerificationQueue } from './verification-queue';
import { VerificationRequests } from './verification-runs';

/**
 * Tenant verification as a job: the request writes a queued run (under RLS) and enqueues it after
 * the commit, and answers at once; the worker does the work. If Redis does not take the job the
 * run still exists, queued, and the worker's sweep puts it on the queue later: the caller's 202
 * stands either way.
 */
@Injectable()
export class Verifications {
  private readonly logger = new Logger('AuditVerifications');

  constructor(private readonly requests: VerificationRequests, private readonly queue: VerificationQueue, private readonly context: RequestContext) {}

  async start(): Promise<AuditVerificationJobView> {
    const run = await this.requests.create();
    try {
      await this.queue.enqueue({ tenantId: this.context.tenantId, verificationId: run.id });
    } catch (error) {
      this.logger.warn({ msg: 'verification not enqueued; the sweep will', verificationId: run.id, error: error instanceof Error ? error.message : String(error) });
    }
    return run;
  }

  get(id: string): Promise<AuditVerificationJobView> {
    return this.requests.get(id);
  }
}
