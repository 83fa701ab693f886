import type { ContextManifest } from '@workbay/platform';
import { AUDIT_GRANTS } from './audit.grants';
import { AuditModule } from './audit.module';

/** The auditor's reads (event log, record replay, hash-chain verification): API only; what contexts record into is the kernel's. */
export const AUDIT: ContextManifest = {
  name: 'audit',
  module: { api: AuditModule },
  entities: [],
  projections: [],
  processes: [],
  migrations: [],
  grants: AUDIT_GRANTS,
  auditableRecords: [],
};
