import type { ContextManifest } from '@workbay/platform';
import { AUDIT_GRANTS } from './audit.grants';
import { AuditModule, AuditWorkerModule } from './audit.module';
import { VerificationProcessor } from './verifications/verification.processor';
import { VerificationSweeper } from './verifications/verification-sweeper';

/** The auditor's reads (event log, record replay) and hash-chain verification runs (started in the API, run by the worker); what contexts record into is the kernel's. */
export const AUDIT: ContextManifest = {
  name: 'audit',
  module: { api: AuditModule, worker: AuditWorkerModule },
  background: [VerificationProcessor, VerificationSweeper],
  entities: [],
  projections: [],
  processes: [],
  migrations: [],
  grants: AUDIT_GRANTS,
  auditableRecords: [],
};
