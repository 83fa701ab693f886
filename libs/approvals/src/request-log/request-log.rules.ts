/**
 * A request as its detail view shows it, with its audited gate log, as a pure fold over the
 * request's events. The projection (request-log.projection.ts) writes what this returns, the
 * `?asOf=` read folds the events up to the instant with it, and the auditor's record view
 * (`/audit/records/approval-request/{id}`) uses it as the category's evolve: one mapping for all three.
 */
import type { GateDecider, RequestType } from '../policies/policy.events';
import type { ApprovalRequestEvent, Attachment, RequestLink, RoutedGate } from '../requests/request.events';

export const REQUEST_STATUSES = ['in_review', 'changes_requested', 'rejected', 'withdrawn', 'completed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const LOG_KINDS = [
  'submitted', 'gate_opened', 'approved', 'rejected', 'changes_requested', 'resubmitted', 'withdrawn', 'reminded', 'escalated', 'completed',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** The gate a request waits on now. */
export interface WaitingGate {
  gateIndex: number;
  gateId: string;
  name: string;
  /** Who may decide it now: the policy's decider, or whom it was escalated to. */
  decider: GateDecider;
  quorum: number;
  approvals: number;
  openedAt: string;
  dueAt: string | null;
  remindedAt: string | null;
  escalatedAt: string | null;
}

export interface RequestRecord {
  id: string;
  requestType: RequestType;
  title: string;
  amountMinor: number;
  currency: string;
  details: string | null;
  attachments: Attachment[];
  link: RequestLink | null;
  requesterId: string;
  policyVersion: number;
  round: number;
  status: RequestStatus;
  route: RoutedGate[];
  waiting: WaitingGate | null;
  submittedAt: string;
  lastChangedAt: string;
  /** When it was completed or withdrawn. */
  closedAt: string | null;
  version: number;
}

/** One audited line of the gate log: who (with the roles they held), what, when, on whose behalf, in which round. */
export interface LogEntry {
  seq: number;
  kind: LogKind;
  round: number;
  gateIndex: number | null;
  gateId: string | null;
  gateName: string | null;
  /** The user who acted; null for the system's reminders, escalations and completion. */
  actorId: string | null;
  actorRoles: string[];
  onBehalfOf: string | null;
  comment: string | null;
  /** On an approval: whether it reached the gate's quorum. */
  gateComplete: boolean | null;
  /** Opened: who it waits on; escalated: whom it now waits on. */
  decider: GateDecider | null;
  /** Escalated: whom it waited on before. */
  previousDecider: GateDecider | null;
  at: string;
}

export interface RequestLogState {
  request: RequestRecord;
  log: LogEntry[];
}

const gateName = (route: RoutedGate[], gateIndex: number, gateId: string) =>
  route.find((g) => g.gateIndex === gateIndex)?.name ?? route.find((g) => g.gateId === gateId)?.name ?? gateId;

/** Reminders and escalations name the gate by index only: its id and name come from the route. */
const routedGate = (route: RoutedGate[], gateIndex: number, gateId?: string) => {
  const id = gateId ?? route.find((g) => g.gateIndex === gateIndex)?.gateId ?? null;
  return { gateIndex, gateId: id, gateName: id === null ? null : gateName(route, gateIndex, id) };
};

const blank = { gateIndex: null, gateId: null, gateName: null, actorId: null, actorRoles: [], onBehalfOf: null, comment: null, gateComplete: null, decider: null, previousDecider: null };

/** The request after `event`, and the log lines it adds (none for an event of another request). */
export function requestLogStep(request: RequestRecord | null, event: ApprovalRequestEvent, seq: number): { request: RequestRecord | null; entries: LogEntry[] } {
  if (event.type === 'ApprovalRequestSubmitted') {
    if (request) return { request, entries: [] };
    const d = event.data;
    const submitted: RequestRecord = {
      id: d.requestId, requestType: d.requestType, title: d.title, amountMinor: d.amount.amountMinor, currency: d.amount.currency, details: d.details,
      attachments: d.attachments, link: d.link, requesterId: d.requesterId, policyVersion: d.policyVersion, round: 1, status: 'in_review', route: d.route,
      waiting: null, submittedAt: d.submittedAt, lastChangedAt: d.submittedAt, closedAt: null, version: seq,
    };
    return { request: submitted, entries: [{ ...blank, seq, kind: 'submitted', round: 1, actorId: d.requesterId, at: d.submittedAt }] };
  }
  if (!request) return { request, entries: [] };
  const moved = (at: string, changes: Partial<RequestRecord>): RequestRecord => ({ ...request, ...changes, lastChangedAt: at, version: seq });
  const gate = (gateIndex: number, gateId?: string) => routedGate(request.route, gateIndex, gateId);
  switch (event.type) {
    case 'ApprovalGateOpened': {
      const d = event.data;
      const routed = request.route.find((g) => g.gateIndex === d.gateIndex);
      const waiting: WaitingGate = {
        gateIndex: d.gateIndex, gateId: d.gateId, name: gateName(request.route, d.gateIndex, d.gateId), decider: d.decider, quorum: routed?.quorum ?? 1,
        approvals: 0, openedAt: d.openedAt, dueAt: d.dueAt, remindedAt: null, escalatedAt: null,
      };
      return {
        request: moved(d.openedAt, { waiting, status: 'in_review' }),
        entries: [{ ...blank, seq, kind: 'gate_opened', round: d.round, ...gate(d.gateIndex, d.gateId), decider: d.decider, at: d.openedAt }],
      };
    }
    case 'ApprovalGateApproved':
    case 'ApprovalGateRejected':
    case 'ApprovalChangesRequested': {
      const d = event.data;
      const complete = event.type === 'ApprovalGateApproved' ? event.data.gateComplete : null;
      const kind: LogKind = event.type === 'ApprovalGateApproved' ? 'approved' : event.type === 'ApprovalGateRejected' ? 'rejected' : 'changes_requested';
      const next: Partial<RequestRecord> =
        kind === 'approved'
          ? { waiting: complete || !request.waiting ? null : { ...request.waiting, approvals: request.waiting.approvals + 1 } }
          : { waiting: null, status: kind === 'rejected' ? 'rejected' : 'changes_requested' };
      return {
        request: moved(d.decidedAt, next),
        entries: [{
          ...blank, seq, kind, round: d.round, ...gate(d.gateIndex, d.gateId), actorId: d.deciderId, actorRoles: d.deciderRoles, onBehalfOf: d.onBehalfOf,
          comment: d.comment, gateComplete: complete, at: d.decidedAt,
        }],
      };
    }
    case 'ApprovalRequestResubmitted': {
      const d = event.data;
      return {
        request: moved(d.resubmittedAt, {
          round: d.round, title: d.title, amountMinor: d.amount.amountMinor, currency: d.amount.currency, details: d.details, attachments: d.attachments,
          route: d.route, waiting: null, status: 'in_review',
        }),
        entries: [{ ...blank, seq, kind: 'resubmitted', round: d.round, actorId: request.requesterId, at: d.resubmittedAt }],
      };
    }
    case 'ApprovalRequestWithdrawn': {
      const d = event.data;
      return {
        request: moved(d.withdrawnAt, { status: 'withdrawn', waiting: null, closedAt: d.withdrawnAt }),
        entries: [{ ...blank, seq, kind: 'withdrawn', round: request.round, actorId: request.requesterId, comment: d.reason, at: d.withdrawnAt }],
      };
    }
    case 'ApprovalGateReminded': {
      const d = event.data;
      const waiting = request.waiting && request.waiting.gateIndex === d.gateIndex ? { ...request.waiting, remindedAt: d.remindedAt } : request.waiting;
      return {
        request: moved(d.remindedAt, { waiting }),
        entries: [{ ...blank, seq, kind: 'reminded', round: d.round, ...gate(d.gateIndex), decider: request.waiting?.decider ?? null, at: d.remindedAt }],
      };
    }
    case 'ApprovalGateEscalated': {
      const d = event.data;
      const waiting = request.waiting && request.waiting.gateIndex === d.gateIndex ? { ...request.waiting, decider: d.to, escalatedAt: d.escalatedAt } : request.waiting;
      return {
        request: moved(d.escalatedAt, { waiting }),
        entries: [{ ...blank, seq, kind: 'escalated', round: d.round, ...gate(d.gateIndex), decider: d.to, previousDecider: d.from, at: d.escalatedAt }],
      };
    }
    case 'ApprovalRequestCompleted': {
      const d = event.data;
      return {
        request: moved(d.completedAt, { status: 'completed', waiting: null, closedAt: d.completedAt }),
        entries: [{ ...blank, seq, kind: 'completed', round: d.round, at: d.completedAt }],
      };
    }
    default:
      return { request, entries: [] };
  }
}

/** The whole view (request and log) after `event`; `seq` defaults to the next line of the stream. */
export function evolveRequestLog(state: RequestLogState | null, event: ApprovalRequestEvent, seq = (state?.request.version ?? 0) + 1): RequestLogState | null {
  const { request, entries } = requestLogStep(state?.request ?? null, event, seq);
  return request ? { request, log: [...(state?.log ?? []), ...entries] } : null;
}

/** The auditor's record category (`approval-request`): this fold as its evolve. */
export const requestLogFold = {
  initialState: (): RequestLogState | null => null,
  evolve: (state: RequestLogState | null, event: ApprovalRequestEvent): RequestLogState | null => evolveRequestLog(state, event),
};
