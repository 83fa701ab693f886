import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { ApprovalRequestEvent } from '../requests/request.events';
import { requestLogStep } from './request-log.rules';
import { requestRecordOf } from './request-log.sql';

// A JSON null would be a jsonb 'null', not SQL NULL: `is null` would not see it.
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export const REQUEST_LOG = 'approvals.request-log';

export const REQUEST_EVENT_TYPES: readonly ApprovalRequestEvent['type'][] = [
  'ApprovalRequestSubmitted', 'ApprovalGateOpened', 'ApprovalGateApproved', 'ApprovalGateRejected', 'ApprovalChangesRequested',
  'ApprovalRequestResubmitted', 'ApprovalRequestWithdrawn', 'ApprovalGateReminded', 'ApprovalGateEscalated', 'ApprovalRequestCompleted',
];

/**
 * Request detail and its gate log, written from the same fold the `?asOf=` read and the auditor's
 * record view use (request-log.rules.ts). The row's version is the stream's: an event at or
 * below it was applied already (a redelivery) and is skipped, so the log never doubles.
 */
export const requestLogProjection: Projection = {
  name: REQUEST_LOG,
  eventTypes: REQUEST_EVENT_TYPES,
  tables: ['approvals.request_log', 'approvals.request_views'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as ApprovalRequestEvent;
    const t = stored.tenantId;
    const [row] = await em.execute<Record<string, unknown>[]>(`select * from approvals.request_views where tenant_id = ? and id = ?`, [t, event.data.requestId]);
    const before = row ? requestRecordOf(row) : null;
    if (before && before.version >= stored.streamVersion) return;
    const { request, entries } = requestLogStep(before, event, stored.streamVersion);
    if (!request || request === before) return;
    await em.execute(
      `insert into approvals.request_views (tenant_id, id, request_type, title, amount_minor, currency, details, attachments, link, requester_id,
         policy_version, round, status, route, waiting, submitted_at, last_changed_at, closed_at, version)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
       on conflict (tenant_id, id) do update set title = excluded.title, amount_minor = excluded.amount_minor, currency = excluded.currency,
         details = excluded.details, attachments = excluded.attachments, round = excluded.round, status = excluded.status, route = excluded.route,
         waiting = excluded.waiting, last_changed_at = excluded.last_changed_at, closed_at = excluded.closed_at, version = excluded.version`,
      [t, request.id, request.requestType, request.title, request.amountMinor, request.currency, request.details, JSON.stringify(request.attachments),
        json(request.link), request.requesterId, request.policyVersion, request.round, request.status, JSON.stringify(request.route),
        json(request.waiting), request.submittedAt, request.lastChangedAt, request.closedAt, request.version],
    );
    for (const e of entries) {
      await em.execute(
        `insert into approvals.request_log (tenant_id, request_id, seq, kind, round, gate_index, gate_id, gate_name, actor_id, actor_roles, on_behalf_of,
           comment, gate_complete, decider, previous_decider, at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?) on conflict do nothing`,
        [t, request.id, e.seq, e.kind, e.round, e.gateIndex, e.gateId, e.gateName, e.actorId, JSON.stringify(e.actorRoles), e.onBehalfOf, e.comment,
          e.gateComplete, json(e.decider), json(e.previousDecider), e.at],
      );
    }
  },
};
