import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock, decodeCursor, encodeCursor, RequestContext, TenantDb, UserDirectory } from '@workbay/platform';
import { InboxItemView, InboxPage, OpenGateView, OverdueGateView, OverduePage } from './inbox.dto';
import { activeDelegatorsSql, Delegator, inboxSql, overdueSql } from './inbox.sql';

export { INBOX } from './inbox.projection';

/** Gates the caller may decide now: by a role they hold now, by name, or for someone who delegated to them. */
export class ApprovalInbox extends Query<InboxPage> {
  constructor(readonly first: number, readonly after?: string) {
    super();
  }
}

/** Open gates past their due time, most overdue first. */
export class OverdueApprovalGates extends Query<OverduePage> {
  constructor(readonly first: number, readonly after?: string) {
    super();
  }
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function openGateView(r: Record<string, unknown>): OpenGateView {
  return {
    requestId: r.request_id as string, requestType: r.request_type as string, title: r.title as string, amountMinor: Number(r.amount_minor),
    currency: r.currency as string, requesterId: r.requester_id as string, round: r.round as number, gateIndex: r.gate_index as number,
    gateId: r.gate_id as string, gateName: r.gate_name as string,
    decider: { role: (r.decider_role as string | null) ?? null, userId: (r.decider_user as string | null) ?? null },
    quorum: r.quorum as number, approvals: r.approvals as number, openedAt: iso(r.opened_at)!, dueAt: iso(r.due_at), remindedAt: iso(r.reminded_at),
    escalatedAt: iso(r.escalated_at),
  };
}

@QueryHandler(ApprovalInbox)
export class ApprovalInboxHandler implements IQueryHandler<ApprovalInbox> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly users: UserDirectory, private readonly clock: Clock) {}

  async execute({ first, after }: ApprovalInbox): Promise<InboxPage> {
    const cursor = decodeCursor(after);
    const tenantId = this.context.tenantId;
    const { userId, roles } = this.context.principal;
    const [delegations] = await this.db.batch([activeDelegatorsSql(tenantId, userId, this.clock.now())], tenantId);
    // Who holds a role is asked now, never stored: a delegator's roles today decide what they lend.
    const delegators: Delegator[] = [];
    for (const { from_user_id } of delegations) {
      const access = await this.users.accessOf(tenantId, from_user_id as string);
      if (access?.status === 'active') delegators.push({ userId: from_user_id as string, roles: access.roles });
    }
    const [rows] = await this.db.batch([inboxSql(tenantId, { userId, roles, delegators }, { first, after: cursor ?? undefined })], tenantId);
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return {
      items: page.map((r): InboxItemView => ({ ...openGateView(r), byName: r.by_name, byRole: r.by_role, onBehalfOf: r.on_behalf_of })),
      nextCursor: rows.length > first && last ? encodeCursor(new Date(last.opened_at), last.request_id) : null,
    };
  }
}

@QueryHandler(OverdueApprovalGates)
export class OverdueApprovalGatesHandler implements IQueryHandler<OverdueApprovalGates> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext, private readonly clock: Clock) {}

  async execute({ first, after }: OverdueApprovalGates): Promise<OverduePage> {
    const cursor = decodeCursor(after);
    const tenantId = this.context.tenantId;
    const [rows] = await this.db.batch([overdueSql(tenantId, this.clock.now(), { first, after: cursor ?? undefined })], tenantId);
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return {
      items: page.map((r): OverdueGateView => ({ ...openGateView(r), overdueSeconds: Number(r.overdue_seconds) })),
      nextCursor: rows.length > first && last ? encodeCursor(new Date(last.due_at), last.request_id) : null,
    };
  }
}
