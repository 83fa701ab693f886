import type { AuditableRecord } from '@workbay/platform';
import { approvalRequestStreamCategory } from '../requests/request.events';
import { requestLogFold } from './request-log.rules';

/**
 * Auditors see an approval request as it stood at any instant (`/audit/records/approval-request/{id}?asOf=`)
 * through the detail view's own fold: its state is the request and its gate log, as GET
 * /approvals/requests/{id}/log?asOf= shows them.
 */
export const REQUEST_LOG_RECORD = { category: approvalRequestStreamCategory, what: 'approval request', decider: requestLogFold } as AuditableRecord;
