import { Sql } from '@workbay/platform';
import type { LogEntry, RequestRecord } from './request-log.rules';

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/** A `approvals.request_views` row as the fold's record (pg answers bigint as a string). */
export function requestRecordOf(r: Record<string, unknown>): RequestRecord {
  return {
    id: r.id, requestType: r.request_type, title: r.title, amountMinor: Number(r.amount_minor), currency: r.currency, details: r.details ?? null,
    attachments: r.attachments, link: r.link ?? null, requesterId: r.requester_id, policyVersion: r.policy_version, round: r.round, status: r.status,
    route: r.route, waiting: r.waiting ?? null, submittedAt: iso(r.submitted_at), lastChangedAt: iso(r.last_changed_at), closedAt: isoOrNull(r.closed_at),
    version: r.version,
  } as RequestRecord;
}

export function logEntryOf(r: Record<string, unknown>): LogEntry {
  return {
    seq: r.seq, kind: r.kind, round: r.round, gateIndex: r.gate_index ?? null, gateId: r.gate_id ?? null, gateName: r.gate_name ?? null,
    actorId: r.actor_id ?? null, actorRoles: r.actor_roles, onBehalfOf: r.on_behalf_of ?? null, comment: r.comment ?? null,
    gateComplete: r.gate_complete ?? null, decider: r.decider ?? null, previousDecider: r.previous_decider ?? null, at: iso(r.at),
  } as LogEntry;
}

/** The live read of one request and its log, for TenantDb.batch (one round trip, one snapshot). */
export const requestByIdSql = (tenantId: string, requestId: string): Sql[] => [
  { text: `select * from approvals.request_views where tenant_id = $1 and id = $2`, values: [tenantId, requestId] },
  { text: `select * from approvals.request_log where tenant_id = $1 and request_id = $2 order by seq`, values: [tenantId, requestId] },
];

/** The requester's own requests, newest first; `after` is the keyset (submitted_at, id) of the previous page's last row. */
export const myRequestsSql = (
  tenantId: string,
  filter: { requesterId: string; first: number; status?: string; after?: { at: string; id: string } },
): Sql => ({
  text: `select * from approvals.request_views
          where tenant_id = $1 and requester_id = $2 and ($3::text is null or status = $3::text)
            and ($4::timestamptz is null or (submitted_at, id) < ($4::timestamptz, $5::uuid))
          order by submitted_at desc, id desc
          limit $6`,
  values: [tenantId, filter.requesterId, filter.status ?? null, filter.after?.at ?? null, filter.after?.id ?? null, filter.first + 1],
});
