import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { ApprovalDelegationEvent, ApprovalRequestEvent } from '../requests/request.events';
import { REQUEST_EVENT_TYPES } from '../request-log/request-log.projection';

export const INBOX = 'approvals.inbox';

const CLOSE_GATE = `gate_index = null, gate_id = null, gate_name = null, decider_role = null, decider_user = null, quorum = null, approvals = null,
  opened_at = null, due_at = null, reminded_at = null, escalated_at = null`;

// Who decided this round: the decider and, for a delegate, the person they acted for (one gate per
// person binds both, as the aggregate's rule does).
const DECIDERS = `round_deciders = round_deciders || (select coalesce(jsonb_agg(p), '[]'::jsonb) from unnest(array[?::text, ?::text]) p where p is not null)`;
const decidersOf = (d: { deciderId: string; onBehalfOf: string | null }) => [d.deciderId, d.onBehalfOf];

/**
 * What waits on whom: per request the gate now open (its decider a role or a named user, never a
 * list of users: who holds a role is asked at read time), who decided this round, and the
 * delegations. Request rows move only forward (`version < ?`), so a redelivered event changes
 * nothing; delegation rows are keyed by their id.
 */
export const inboxProjection: Projection = {
  name: INBOX,
  eventTypes: [...REQUEST_EVENT_TYPES, 'ApprovalsDelegated', 'ApprovalDelegationRevoked'],
  tables: ['approvals.inbox_requests', 'approvals.inbox_delegations'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as ApprovalRequestEvent | ApprovalDelegationEvent;
    const t = stored.tenantId;
    const v = stored.streamVersion;
    const update = (set: string, values: unknown[], requestId: string) =>
      em.execute(`update approvals.inbox_requests set ${set}, version = ? where tenant_id = ? and request_id = ? and version < ?`, [...values, v, t, requestId, v]);
    switch (event.type) {
      case 'ApprovalRequestSubmitted': {
        const d = event.data;
        await em.execute(
          `insert into approvals.inbox_requests (tenant_id, request_id, request_type, title, amount_minor, currency, requester_id, status, round, route,
             round_deciders, submitted_at, version)
           values (?, ?, ?, ?, ?, ?, ?, 'in_review', 1, ?::jsonb, '[]'::jsonb, ?, ?) on conflict (tenant_id, request_id) do nothing`,
          [t, d.requestId, d.requestType, d.title, d.amount.amountMinor, d.amount.currency, d.requesterId, JSON.stringify(d.route), d.submittedAt, v],
        );
        return;
      }
      case 'ApprovalGateOpened': {
        const d = event.data;
        const routed = `(select g from jsonb_array_elements(route) g where (g->>'gateIndex')::int = ?::int limit 1)`;
        await update(
          `status = 'in_review', gate_index = ?, gate_id = ?, gate_name = coalesce(${routed}->>'name', ?), decider_role = ?, decider_user = ?,
             quorum = coalesce((${routed}->>'quorum')::int, 1), approvals = 0, opened_at = ?, due_at = ?, reminded_at = null, escalated_at = null`,
          [d.gateIndex, d.gateId, d.gateIndex, d.gateId, 'role' in d.decider ? d.decider.role : null, 'userId' in d.decider ? d.decider.userId : null,
            d.gateIndex, d.openedAt, d.dueAt],
          d.requestId,
        );
        return;
      }
      case 'ApprovalGateApproved': {
        const d = event.data;
        if (d.gateComplete) await update(`${DECIDERS}, ${CLOSE_GATE}`, decidersOf(d), d.requestId);
        else await update(`${DECIDERS}, approvals = approvals + 1`, decidersOf(d), d.requestId);
        return;
      }
      case 'ApprovalGateRejected':
      case 'ApprovalChangesRequested': {
        const d = event.data;
        const status = event.type === 'ApprovalGateRejected' ? 'rejected' : 'changes_requested';
        await update(`status = ?, ${DECIDERS}, ${CLOSE_GATE}`, [status, ...decidersOf(d)], d.requestId);
        return;
      }
      case 'ApprovalRequestResubmitted': {
        const d = event.data;
        await update(`status = 'in_review', round = ?, title = ?, amount_minor = ?, currency = ?, route = ?::jsonb, round_deciders = '[]'::jsonb, ${CLOSE_GATE}`,
          [d.round, d.title, d.amount.amountMinor, d.amount.currency, JSON.stringify(d.route)], d.requestId);
        return;
      }
      case 'ApprovalRequestWithdrawn':
        await update(`status = 'withdrawn', ${CLOSE_GATE}`, [], event.data.requestId);
        return;
      case 'ApprovalRequestCompleted':
        await update(`status = 'completed', ${CLOSE_GATE}`, [], event.data.requestId);
        return;
      case 'ApprovalGateReminded':
        await update(`reminded_at = case when gate_index = ?::int then ?::timestamptz else reminded_at end`, [event.data.gateIndex, event.data.remindedAt], event.data.requestId);
        return;
      case 'ApprovalGateEscalated': {
        const d = event.data;
        await update(
          `decider_role = case when gate_index = ?::int then ?::text else decider_role end, decider_user = case when gate_index = ?::int then ?::text else decider_user end,
             escalated_at = case when gate_index = ?::int then ?::timestamptz else escalated_at end`,
          [d.gateIndex, 'role' in d.to ? d.to.role : null, d.gateIndex, 'userId' in d.to ? d.to.userId : null, d.gateIndex, d.escalatedAt],
          d.requestId,
        );
        return;
      }
      case 'ApprovalsDelegated': {
        const d = event.data;
        await em.execute(
          `insert into approvals.inbox_delegations (tenant_id, delegation_id, from_user_id, to_user_id, starts_at, ends_at)
           values (?, ?, ?, ?, ?, ?) on conflict (tenant_id, delegation_id) do nothing`,
          [t, d.delegationId, d.fromUserId, d.toUserId, d.startsAt, d.endsAt],
        );
        return;
      }
      case 'ApprovalDelegationRevoked':
        await em.execute(`update approvals.inbox_delegations set revoked_at = coalesce(revoked_at, ?) where tenant_id = ? and delegation_id = ?`, [
          event.data.revokedAt, t, event.data.delegationId,
        ]);
        return;
    }
  },
};
