import { Sql } from '@workbay/platform';

/** Someone whose gates the reader may decide now (an active delegation to the reader), with the roles they hold now. */
export interface Delegator {
  userId: string;
  roles: string[];
}

/** The users who delegated their gates to `userId` for a window that contains `now` and is not revoked. */
export const activeDelegatorsSql = (tenantId: string, userId: string, now: Date): Sql => ({
  text: `select distinct from_user_id from approvals.inbox_delegations
          where tenant_id = $1 and to_user_id = $2 and revoked_at is null and starts_at <= $3 and ends_at > $3 and from_user_id <> $2`,
  values: [tenantId, userId, now.toISOString()],
});

// Whose gate it is, among the reader's delegators: the gate names them, or a role they hold now.
// A delegator who submitted the request, or already decided a gate of it this round, lends nothing:
// the rules that bind them bind whoever acts for them.
const DELEGATED = `select d."userId" from jsonb_to_recordset($4::jsonb) as d("userId" text, roles text[])
  where (r.decider_user = d."userId" or r.decider_role = any(d.roles)) and d."userId" <> r.requester_id and not r.round_deciders ? d."userId"`;

/**
 * The reader's inbox, oldest waiting first: open gates they may decide by a role they hold now, by
 * name, or for a delegator; never a request they submitted or one where they already decided a
 * gate this round. `after` is the keyset (opened_at, request_id) of the previous page's last row.
 */
export const inboxSql = (
  tenantId: string,
  reader: { userId: string; roles: string[]; delegators: Delegator[] },
  page: { first: number; after?: { at: string; id: string } },
): Sql => ({
  text: `select r.*, coalesce(r.decider_user = $2, false) as by_name, coalesce(r.decider_role = any($3::text[]), false) as by_role,
           (select coalesce(jsonb_agg(x."userId" order by x."userId"), '[]'::jsonb) from (${DELEGATED}) x) as on_behalf_of
           from approvals.inbox_requests r
          where r.tenant_id = $1 and r.gate_id is not null and r.requester_id <> $2 and not r.round_deciders ? $2
            and (r.decider_user = $2 or r.decider_role = any($3::text[]) or exists (${DELEGATED}))
            and ($5::timestamptz is null or (r.opened_at, r.request_id) > ($5::timestamptz, $6::uuid))
          order by r.opened_at, r.request_id
          limit $7`,
  values: [tenantId, reader.userId, reader.roles, JSON.stringify(reader.delegators), page.after?.at ?? null, page.after?.id ?? null, page.first + 1],
});

/** Open gates past their due time at `now`, most overdue first; keyset (due_at, request_id). */
export const overdueSql = (tenantId: string, now: Date, page: { first: number; after?: { at: string; id: string } }): Sql => ({
  text: `select r.*, extract(epoch from ($2::timestamptz - r.due_at))::float8 as overdue_seconds
           from approvals.inbox_requests r
          where r.tenant_id = $1 and r.gate_id is not null and r.due_at < $2::timestamptz
            and ($3::timestamptz is null or (r.due_at, r.request_id) > ($3::timestamptz, $4::uuid))
          order by r.due_at, r.request_id
          limit $5`,
  values: [tenantId, now.toISOString(), page.after?.at ?? null, page.after?.id ?? null, page.first + 1],
});
