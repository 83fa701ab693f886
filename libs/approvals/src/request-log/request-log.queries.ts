import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { decodeCursor, encodeCursor, NotFoundError, RequestContext, TenantDb, UserDirectory } from '@workbay/platform';
import type { GateDecider } from '../policies/policy.events';
import { approvalRequestStreamCategory, ApprovalRequestEvent } from '../requests/request.events';
import { ApprovalDeciderView, ApprovalRequestDetailView, ApprovalRequestPage, ApprovalRequestSummaryView, LogEntryView } from './request-log.dto';
import { evolveRequestLog, LogEntry, RequestLogState, RequestRecord } from './request-log.rules';
import { logEntryOf, myRequestsSql, requestByIdSql, requestRecordOf } from './request-log.sql';

export { REQUEST_LOG } from './request-log.projection';

/** The caller's own requests, newest first. */
export class MyApprovalRequests extends Query<ApprovalRequestPage> {
  constructor(readonly first: number, readonly after?: string, readonly status?: string) {
    super();
  }
}

/** One request with its gate log; with `asOf`, as it stood then (the same fold the projection writes from, so the same mapper). */
export class RequestLogDetail extends Query<ApprovalRequestDetailView> {
  constructor(readonly requestId: string, readonly asOf?: string) {
    super();
  }
}

export const deciderView = (d: GateDecider | null): ApprovalDeciderView | null =>
  d === null ? null : { role: 'role' in d ? d.role : null, userId: 'userId' in d ? d.userId : null };

function summaryView(r: RequestRecord): ApprovalRequestSummaryView {
  const w = r.waiting;
  return {
    id: r.id, requestType: r.requestType, title: r.title, amountMinor: r.amountMinor, currency: r.currency, requesterId: r.requesterId,
    policyVersion: r.policyVersion, round: r.round, status: r.status,
    waitingGate: w && {
      gateIndex: w.gateIndex, gateId: w.gateId, name: w.name, decider: deciderView(w.decider)!, quorum: w.quorum, approvals: w.approvals, openedAt: w.openedAt,
      dueAt: w.dueAt, remindedAt: w.remindedAt, escalatedAt: w.escalatedAt,
    },
    submittedAt: r.submittedAt, lastChangedAt: r.lastChangedAt, closedAt: r.closedAt, version: r.version,
  };
}

type Names = Map<string, string>;
const nameOf = (names: Names, id: string | null) => (id === null ? null : names.get(id) ?? null);

const entryView = (e: LogEntry, names: Names): LogEntryView => ({
  ...e, actorName: nameOf(names, e.actorId), onBehalfOfName: nameOf(names, e.onBehalfOf), decider: deciderView(e.decider), previousDecider: deciderView(e.previousDecider),
});

/** Live and as-of alike: the rows (or the fold), then the names people carry now (ids are what the log records). */
function detailView({ request, log }: RequestLogState, names: Names): ApprovalRequestDetailView {
  return {
    ...summaryView(request), requesterName: nameOf(names, request.requesterId), details: request.details, attachments: request.attachments, link: request.link,
    route: request.route.map((g) => g.gateId), log: log.map((e) => entryView(e, names)),
  };
}

@QueryHandler(MyApprovalRequests)
export class MyApprovalRequestsHandler implements IQueryHandler<MyApprovalRequests> {
  constructor(private readonly db: TenantDb, private readonly context: RequestContext) {}

  async execute({ first, after, status }: MyApprovalRequests): Promise<ApprovalRequestPage> {
    const cursor = decodeCursor(after);
    const tenantId = this.context.tenantId;
    const [rows] = await this.db.batch([myRequestsSql(tenantId, { requesterId: this.context.principal.userId, first, status, after: cursor ?? undefined })], tenantId);
    const page = rows.slice(0, first).map(requestRecordOf);
    const last = page[page.length - 1];
    return { items: page.map(summaryView), nextCursor: rows.length > first && last ? encodeCursor(new Date(last.submittedAt), last.id) : null };
  }
}

@QueryHandler(RequestLogDetail)
export class RequestLogDetailHandler implements IQueryHandler<RequestLogDetail> {
  constructor(
    private readonly db: TenantDb, @Inject(EVENT_STORE) private readonly store: EventStore, private readonly context: RequestContext,
    private readonly users: UserDirectory,
  ) {}

  async execute({ requestId, asOf }: RequestLogDetail): Promise<ApprovalRequestDetailView> {
    const state = await this.state(requestId, asOf);
    const people = [state.request.requesterId, ...state.log.flatMap((e) => [e.actorId, e.onBehalfOf])].filter((id): id is string => id !== null);
    return detailView(state, await this.users.namesOf(people));
  }

  private async state(requestId: string, asOf?: string): Promise<RequestLogState> {
    const tenantId = this.context.tenantId;
    if (asOf) {
      const stored = await this.store.readStream(tenantId, streamIdFor(tenantId, approvalRequestStreamCategory, requestId), { until: asOf });
      const state = stored.reduce<RequestLogState | null>(
        (s, e) => evolveRequestLog(s, { type: e.type, data: e.data } as ApprovalRequestEvent, e.streamVersion), null,
      );
      if (!state) throw new NotFoundError('approval request', requestId);
      return state;
    }
    const [[request], log] = await this.db.batch(requestByIdSql(tenantId, requestId), tenantId);
    if (!request) throw new NotFoundError('approval request', requestId);
    return { request: requestRecordOf(request), log: log.map(logEntryOf) };
  }
}
