import { ContextManifest, statelessProcess } from '@workbay/platform';
import { APPROVALS_GRANTS } from './approvals.grants';
import { ApprovalsApiModule, ApprovalsWorkerModule } from './approvals.module';
import { gateTimesProjection } from './reports/gate-times.projection';
import { inboxProjection } from './inbox/inbox.projection';
import { APPROVALS_MIGRATIONS } from './migrations';
import { seedApprovalPolicies } from './policies/seed-policies.process';
import { approvalRouting } from './requests/approval-routing.process';
import { requestLogProjection } from './request-log/request-log.projection';
import { REQUEST_LOG_RECORD } from './request-log/request-log.record';

const entities: Function[] = [];
const projections: ContextManifest['projections'] = [requestLogProjection, inboxProjection, gateTimesProjection];
const processes: ContextManifest['processes'] = [statelessProcess(seedApprovalPolicies), approvalRouting];

/** Approvals: versioned policies of ordered gates, requests decided gate by gate, the routing saga, inboxes and gate logs. */
export const APPROVALS: ContextManifest = {
  name: 'approvals',
  module: { api: ApprovalsApiModule, worker: ApprovalsWorkerModule },
  entities,
  projections,
  processes,
  migrations: APPROVALS_MIGRATIONS,
  grants: APPROVALS_GRANTS,
  auditableRecords: [REQUEST_LOG_RECORD],
  entitlements: ['approvals'],
};
