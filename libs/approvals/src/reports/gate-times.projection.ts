import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { ApprovalRequestEvent } from '../requests/request.events';

export const GATE_TIMES = 'approvals.gate-times';

/**
 * Time spent per gate: one row per gate opening (opened -> decided), so the report's median and
 * p90 are `percentile_cont` over rows, not over averages. A gate is decided when it reaches its
 * quorum, is rejected or sent back for changes; a withdrawal leaves it undecided (outcome
 * 'withdrawn', no seconds). Each write only fills what is still empty, so a redelivery is a no-op.
 */
export const gateTimesProjection: Projection = {
  name: GATE_TIMES,
  eventTypes: ['ApprovalRequestSubmitted', 'ApprovalGateOpened', 'ApprovalGateApproved', 'ApprovalGateRejected', 'ApprovalChangesRequested', 'ApprovalRequestWithdrawn'],
  tables: ['approvals.gate_times', 'approvals.gate_time_requests'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as ApprovalRequestEvent;
    const t = stored.tenantId;
    const decide = (d: { requestId: string; round: number; gateIndex: number; decidedAt: string }, outcome: string) =>
      em.execute(
        `update approvals.gate_times set decided_at = ?, outcome = ?, seconds = extract(epoch from (?::timestamptz - opened_at))::float8
          where tenant_id = ? and request_id = ? and round = ? and gate_index = ? and outcome is null`,
        [d.decidedAt, outcome, d.decidedAt, t, d.requestId, d.round, d.gateIndex],
      );
    switch (event.type) {
      case 'ApprovalRequestSubmitted':
        await em.execute(`insert into approvals.gate_time_requests (tenant_id, request_id, request_type) values (?, ?, ?) on conflict do nothing`, [
          t, event.data.requestId, event.data.requestType,
        ]);
        return;
      case 'ApprovalGateOpened': {
        const d = event.data;
        await em.execute(
          `insert into approvals.gate_times (tenant_id, request_id, round, gate_index, request_type, gate_id, opened_at)
           select tenant_id, request_id, ?, ?, request_type, ?, ? from approvals.gate_time_requests where tenant_id = ? and request_id = ?
           on conflict do nothing`,
          [d.round, d.gateIndex, d.gateId, d.openedAt, t, d.requestId],
        );
        return;
      }
      case 'ApprovalGateApproved':
        if (event.data.gateComplete) await decide(event.data, 'approved');
        return;
      case 'ApprovalGateRejected':
        await decide(event.data, 'rejected');
        return;
      case 'ApprovalChangesRequested':
        await decide(event.data, 'changes_requested');
        return;
      case 'ApprovalRequestWithdrawn':
        await em.execute(`update approvals.gate_times set outcome = 'withdrawn' where tenant_id = ? and request_id = ? and outcome is null`, [t, event.data.requestId]);
        return;
    }
  },
};
