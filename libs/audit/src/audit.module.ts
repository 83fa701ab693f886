import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';
import { VerificationQueue } from './verifications/verification-queue';
import { VerificationProcessor } from './verifications/verification.processor';
import { VerificationRequests, VerificationRuns } from './verifications/verification-runs';
import { VerificationSweeper } from './verifications/verification-sweeper';
import { Verifications } from './verifications/verifications';
import { VerificationsController } from './verifications/verifications.controller';
import { VerificationsResolver } from './verifications/verifications.resolver';

/**
 * The auditor's reads over every context's events: a tenant's event log, record replay as of an
 * instant, and hash-chain verification (a run started here, done by the worker). What a context
 * records into (the audit outbox, the auditable record categories) is the kernel's.
 */
@Module({
  controllers: [AuditController, VerificationsController],
  providers: [AuditService, AuditResolver, VerificationQueue, VerificationRequests, Verifications, VerificationsResolver],
})
export class AuditModule {}

/** The worker's part: the BullMQ consumer that runs verifications and the sweep of runs left behind. */
@Module({ providers: [VerificationQueue, VerificationRuns, VerificationProcessor, VerificationSweeper], exports: [VerificationProcessor, VerificationSweeper] })
export class AuditWorkerModule {}
