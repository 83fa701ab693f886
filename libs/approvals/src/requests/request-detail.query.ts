import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError } from '@workbay/platform';
import { requestDecider } from './request.decider';
import { GateLogEntryView, RequestView } from './request.dto';
import { approvalRequestStreamCategory } from './request.events';
import { GateLogEntry, RequestContent } from './request-state.rules';

/** One request from its own stream (the current state and its gate log); inboxes and reports are read models. */
export class ApprovalRequestDetail extends Query<RequestView> {
  constructor(readonly requestId: string) {
    super();
  }
}

function logView(e: GateLogEntry): GateLogEntryView {
  const base: GateLogEntryView = {
    kind: e.kind, round: e.round, gateIndex: null, gateId: null, actorId: null, actorRoles: [], onBehalfOf: null, comment: null, decider: null, dueAt: null, at: e.at,
  };
  switch (e.kind) {
    case 'submitted':
    case 'resubmitted':
      return { ...base, actorId: e.actor };
    case 'opened':
      return { ...base, gateIndex: e.gateIndex, gateId: e.gateId, decider: { ...e.decider }, dueAt: e.dueAt };
    case 'approved':
    case 'rejected':
    case 'changes_requested':
      return { ...base, gateIndex: e.gateIndex, gateId: e.gateId, actorId: e.deciderId, actorRoles: e.deciderRoles, onBehalfOf: e.onBehalfOf, comment: e.comment };
    case 'reminded':
      return { ...base, gateIndex: e.gateIndex };
    case 'escalated':
      return { ...base, gateIndex: e.gateIndex, decider: { ...e.to } };
    case 'withdrawn':
      return { ...base, comment: e.comment };
    case 'completed':
      return base;
  }
}

export function requestView(s: RequestContent): RequestView {
  return {
    id: s.requestId, type: s.requestType, title: s.title, amount: s.amount, details: s.details, attachments: s.attachments, link: s.link,
    requesterId: s.requesterId, policyVersion: s.policyVersion, status: s.status, round: s.round,
    route: s.route.map((g) => ({ gateIndex: g.gateIndex, gateId: g.gateId, name: g.name, decider: { ...g.decider }, quorum: g.quorum, deadlineHours: g.deadlineHours })),
    currentGate: s.currentGate, waitingOn: s.gateDecider ? { ...s.gateDecider } : null, approvalsSoFar: s.gateApprovals.length, log: s.log.map(logView),
  };
}

@QueryHandler(ApprovalRequestDetail)
export class ApprovalRequestDetailHandler implements IQueryHandler<ApprovalRequestDetail> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ requestId }: ApprovalRequestDetail): Promise<RequestView> {
    const { state } = await this.aggregates.load(requestDecider, approvalRequestStreamCategory, requestId, { what: 'approval request' });
    if (state.status === 'none') throw new NotFoundError('approval request', requestId);
    return requestView(state);
  }
}
