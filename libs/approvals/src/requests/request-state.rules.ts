/**
 * The request's state as its events fold it, with the gate log (every decision, reminder,
 * escalation and round in order) kept in the state so the detail view needs no other read.
 */
import type { GateDecider, RequestType } from '../policies/policy.events';
import type { ApprovalRequestEvent, Attachment, Money, RequestLink, RoutedGate } from './request.events';

export const REQUEST_STATUSES = ['in_review', 'returned', 'withdrawn', 'completed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type GateLogEntry =
  | { kind: 'submitted' | 'resubmitted'; round: number; actor: string; at: string }
  | { kind: 'opened'; round: number; gateIndex: number; gateId: string; decider: GateDecider; dueAt: string | null; at: string }
  | {
      kind: 'approved' | 'rejected' | 'changes_requested'; round: number; gateIndex: number; gateId: string;
      deciderId: string; deciderRoles: string[]; onBehalfOf: string | null; comment: string | null; gateComplete: boolean; at: string;
    }
  | { kind: 'reminded'; round: number; gateIndex: number; at: string }
  | { kind: 'escalated'; round: number; gateIndex: number; from: GateDecider; to: GateDecider; at: string }
  | { kind: 'withdrawn'; round: number; comment: string | null; at: string }
  | { kind: 'completed'; round: number; at: string };

export interface RequestContent {
  status: RequestStatus;
  requestId: string;
  requestType: RequestType;
  title: string;
  amount: Money;
  details: string | null;
  attachments: Attachment[];
  link: RequestLink | null;
  requesterId: string;
  policyVersion: number;
  followUp: { command: string; payload: Record<string, unknown> } | null;
  submittedAt: string;
  round: number;
  route: RoutedGate[];
  /** The open gate's index while in review, else null. */
  currentGate: number | null;
  /** Who the open gate waits on now (its decider, or whom it was escalated to). */
  gateDecider: GateDecider | null;
  gateApprovals: { deciderId: string; onBehalfOf: string | null }[];
  /** Whether the open gate's current deadline (the first, or the one after its last escalation) has reminded. */
  gateReminded: boolean;
  /** How often the open gate was escalated (0, 1, or 2 at most). */
  gateEscalations: number;
  /** Everyone who decided a gate of this round, as decider or as the one acted for. */
  roundDeciders: string[];
  /** How the last round ended when returned. */
  returnedAs: 'rejected' | 'changes_requested' | null;
  log: GateLogEntry[];
}

export type RequestState = { status: 'none' } | RequestContent;

type GateFields = Pick<RequestContent, 'currentGate' | 'gateDecider' | 'gateApprovals' | 'gateReminded' | 'gateEscalations'>;
const closedGate: Readonly<GateFields> = { currentGate: null, gateDecider: null, gateApprovals: [], gateReminded: false, gateEscalations: 0 };

export function evolveRequest(state: RequestState, event: ApprovalRequestEvent): RequestState {
  if (event.type === 'ApprovalRequestSubmitted') {
    const d = event.data;
    return {
      status: 'in_review', requestId: d.requestId, requestType: d.requestType, title: d.title, amount: d.amount, details: d.details,
      attachments: d.attachments, link: d.link, requesterId: d.requesterId, policyVersion: d.policyVersion, followUp: d.followUp,
      submittedAt: d.submittedAt, round: 1, route: d.route, ...closedGate, roundDeciders: [], returnedAs: null,
      log: [{ kind: 'submitted', round: 1, actor: d.requesterId, at: d.submittedAt }],
    };
  }
  if (state.status === 'none') return state;
  const log = (entry: GateLogEntry) => [...state.log, entry];
  switch (event.type) {
    case 'ApprovalGateOpened': {
      const d = event.data;
      return {
        ...state, status: 'in_review', ...closedGate, currentGate: d.gateIndex, gateDecider: d.decider,
        log: log({ kind: 'opened', round: d.round, gateIndex: d.gateIndex, gateId: d.gateId, decider: d.decider, dueAt: d.dueAt, at: d.openedAt }),
      };
    }
    case 'ApprovalGateApproved':
    case 'ApprovalGateRejected':
    case 'ApprovalChangesRequested': {
      const d = event.data;
      const persons = [d.deciderId, ...(d.onBehalfOf ? [d.onBehalfOf] : [])];
      const kind = event.type === 'ApprovalGateApproved' ? 'approved' : event.type === 'ApprovalGateRejected' ? 'rejected' : 'changes_requested';
      const gateComplete = event.type === 'ApprovalGateApproved' ? event.data.gateComplete : true;
      const entry: GateLogEntry = {
        kind, round: d.round, gateIndex: d.gateIndex, gateId: d.gateId, deciderId: d.deciderId, deciderRoles: d.deciderRoles,
        onBehalfOf: d.onBehalfOf, comment: d.comment, gateComplete, at: d.decidedAt,
      };
      const next = { ...state, roundDeciders: [...state.roundDeciders, ...persons.filter((p) => !state.roundDeciders.includes(p))], log: log(entry) };
      if (kind === 'approved') return { ...next, gateApprovals: [...state.gateApprovals, { deciderId: d.deciderId, onBehalfOf: d.onBehalfOf }] };
      return { ...next, status: 'returned', ...closedGate, returnedAs: kind };
    }
    case 'ApprovalRequestResubmitted': {
      const d = event.data;
      return {
        ...state, status: 'in_review', round: d.round, title: d.title, amount: d.amount, details: d.details, attachments: d.attachments,
        route: d.route, ...closedGate, roundDeciders: [], returnedAs: null,
        log: log({ kind: 'resubmitted', round: d.round, actor: state.requesterId, at: d.resubmittedAt }),
      };
    }
    case 'ApprovalRequestWithdrawn':
      return { ...state, status: 'withdrawn', ...closedGate, log: log({ kind: 'withdrawn', round: state.round, comment: event.data.reason, at: event.data.withdrawnAt }) };
    case 'ApprovalGateReminded':
      return { ...state, gateReminded: true, log: log({ kind: 'reminded', round: event.data.round, gateIndex: event.data.gateIndex, at: event.data.remindedAt }) };
    case 'ApprovalGateEscalated': {
      const d = event.data;
      return { ...state, gateReminded: false, gateEscalations: state.gateEscalations + 1, gateDecider: d.to, log: log({ kind: 'escalated', round: d.round, gateIndex: d.gateIndex, from: d.from, to: d.to, at: d.escalatedAt }) };
    }
    case 'ApprovalRequestCompleted':
      return { ...state, status: 'completed', ...closedGate, log: log({ kind: 'completed', round: event.data.round, at: event.data.completedAt }) };
    default:
      return state;
  }
}
