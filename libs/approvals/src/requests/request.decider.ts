/**
 * Approval request aggregate. It routes itself: a submission opens the first gate of its route
 * (frozen from the policy version), the approval reaching a gate's quorum opens the next gate or
 * completes the request, all in the same append, so no gate is skipped or repeated whatever the
 * saga does. in_review -> returned (rejected / changes requested) -> in_review (next round) ...
 * -> completed | withdrawn. Pure: time, actor, the deciders' current roles and delegation
 * standing arrive on the command (the handler reads them).
 */
import { Decider } from '@workbay/eventstore/core';
import { amountMinorProblem, currencyCodeOf, PAYMENT_MINOR, readOptionalText, readRequiredText } from '@workbay/platform/fields';
import type { GateDecider, PolicyGate, RequestType } from '../policies/policy.events';
import { routeFor } from '../policies/policy.rules';
import {
  AlreadyApprovedByYou, DelegateCannotApproveOwnRequest, GateAlreadyDecided, GateTimerStale, InvalidRequest, NotAGateDecider,
  OneGatePerPerson, RequestAlreadySubmitted, RequesterCannotDecide, RequesterOnly, RequestNotFound, RequestNotInReview,
} from './request.errors';
import type { ApprovalRequestEvent, Attachment, Money, RequestLink, RoutedGate } from './request.events';
import { RequestState, RequestContent, evolveRequest } from './request-state.rules';

export const REQUEST_TEXT = {
  title: { max: 200, collapseSpaces: true },
  details: { max: 4000, multiline: true },
  comment: { max: 2000, multiline: true },
  attachmentName: { max: 200 },
  attachmentRef: { max: 2000 },
  reason: { max: 1000, multiline: true },
} as const;
export const MAX_ATTACHMENTS = 20;

export interface RequestBody {
  title: string;
  amount: Money;
  details?: string | null;
  attachments?: Attachment[];
}

export interface SubmitRequestDecision extends RequestBody {
  type: 'SubmitRequest';
  requestId: string;
  requestType: RequestType;
  link: RequestLink | null;
  policyVersion: number;
  /** The policy version's gates; the route is the ones that apply to the amount. */
  gates: PolicyGate[];
  followUp: { command: string; payload: Record<string, unknown> } | null;
  submittedAt: string;
  actor: string;
}

/** Someone acting for a delegator: the handler read the delegator's current roles and whether their delegation to the actor is active now. */
export interface ActingFor {
  userId: string;
  roles: string[];
  delegationActive: boolean;
}

export interface DecideGateDecision {
  type: 'DecideGate';
  decision: 'approve' | 'reject' | 'request_changes';
  /** The gate the decider saw: a decision for a closed gate or an old round is refused (409), never applied to the next one. */
  round: number;
  gateIndex: number;
  /** The actor's roles as stored now (not as in their token). */
  deciderRoles: string[];
  onBehalfOf: ActingFor | null;
  comment?: string | null;
  decidedAt: string;
  actor: string;
}

export interface ResubmitRequestDecision extends Partial<RequestBody> {
  type: 'ResubmitRequest';
  /** The gates of the version the request was submitted under: re-routed on the same version. */
  gates: PolicyGate[];
  resubmittedAt: string;
  actor: string;
}

export interface WithdrawRequestDecision {
  type: 'WithdrawRequest';
  reason?: string | null;
  withdrawnAt: string;
  actor: string;
}

/**
 * A deadline timer names the gate and the `level` it was set at: 0 for the gate's own deadline,
 * 1 for the one its first escalation set. A timer of a level the gate has left is stale.
 */
export interface RemindGateDecision {
  type: 'RemindGate';
  round: number;
  gateIndex: number;
  level?: number;
  remindedAt: string;
}

export interface EscalateGateDecision {
  type: 'EscalateGate';
  round: number;
  gateIndex: number;
  level?: number;
  escalatedAt: string;
}

/** A gate escalates at most twice: to its escalateTo (else the next gate's decider, else the owner), then to the owner. */
export const MAX_GATE_ESCALATIONS = 2;
const isOwner = (decider: GateDecider) => 'role' in decider && decider.role === 'owner';

export type RequestCommand = SubmitRequestDecision | DecideGateDecision | ResubmitRequestDecision | WithdrawRequestDecision | RemindGateDecision | EscalateGateDecision;

const OWNER: GateDecider = { role: 'owner' };

function text(raw: unknown, field: string, rule: (typeof REQUEST_TEXT)[keyof typeof REQUEST_TEXT], required: true): string;
function text(raw: unknown, field: string, rule: (typeof REQUEST_TEXT)[keyof typeof REQUEST_TEXT], required: false): string | null;
function text(raw: unknown, field: string, rule: (typeof REQUEST_TEXT)[keyof typeof REQUEST_TEXT], required: boolean): string | null {
  const read = required ? readRequiredText(raw, rule) : readOptionalText(raw, rule);
  if (!read.ok) throw new InvalidRequest(field, read.problem);
  return read.text;
}

function checkedBody(body: RequestBody): { title: string; amount: Money; details: string | null; attachments: Attachment[] } {
  const title = text(body.title, 'title', REQUEST_TEXT.title, true);
  const problem = amountMinorProblem(body.amount?.amountMinor, PAYMENT_MINOR);
  if (problem) throw new InvalidRequest('amount.amountMinor', problem);
  const currency = currencyCodeOf(body.amount?.currency);
  if (!currency) throw new InvalidRequest('amount.currency', 'must be an ISO 4217 currency code such as INR or USD');
  const attachments = body.attachments ?? [];
  if (!Array.isArray(attachments) || attachments.length > MAX_ATTACHMENTS) throw new InvalidRequest('attachments', `must be at most ${MAX_ATTACHMENTS} references`);
  return {
    title,
    amount: { amountMinor: body.amount.amountMinor, currency },
    details: text(body.details, 'details', REQUEST_TEXT.details, false),
    attachments: attachments.map((a, i) => ({
      name: text(a?.name, `attachments[${i}].name`, REQUEST_TEXT.attachmentName, true),
      ref: text(a?.ref, `attachments[${i}].ref`, REQUEST_TEXT.attachmentRef, true),
    })),
  };
}

function routed(gates: PolicyGate[], amount: Money): RoutedGate[] {
  const routing = routeFor(gates, amount.amountMinor, amount.currency);
  if (!routing.ok) throw new InvalidRequest('amount.currency', `the policy's gate ${routing.gateId} sets no threshold in ${amount.currency}`);
  return routing.route;
}

const dueAt = (from: string, hours: number | null): string | null => (hours === null ? null : new Date(Date.parse(from) + hours * 3_600_000).toISOString());

/** The first gate of a round's route opened, or the request completed when no gate applies. */
function startRound(requestId: string, round: number, route: RoutedGate[], at: string): ApprovalRequestEvent[] {
  const first = route[0];
  if (!first) return [{ type: 'ApprovalRequestCompleted', data: { requestId, round, completedAt: at } }];
  return [{ type: 'ApprovalGateOpened', data: { requestId, round, gateIndex: 0, gateId: first.gateId, decider: first.decider, dueAt: dueAt(at, first.deadlineHours), openedAt: at } }];
}

const holds = (decider: GateDecider, userId: string, roles: readonly string[]): boolean =>
  'role' in decider ? roles.includes(decider.role) : decider.userId === userId;

function openGate(state: RequestContent, round: number, gateIndex: number): RoutedGate {
  if (state.status !== 'in_review') {
    // A decision for a round that moved on reads as a closed gate, whatever happened since.
    if (round < state.round || state.status === 'completed') throw new GateAlreadyDecided(round, gateIndex);
    throw new RequestNotInReview(state.status);
  }
  if (round !== state.round || gateIndex !== state.currentGate) throw new GateAlreadyDecided(round, gateIndex);
  return state.route[gateIndex];
}

function decideGate(command: DecideGateDecision, state: RequestContent): ApprovalRequestEvent[] {
  const gate = openGate(state, command.round, command.gateIndex);
  const acting = command.onBehalfOf;
  // Segregation of duties first: these hold whatever the decider's roles.
  if (acting && command.actor === state.requesterId) throw new DelegateCannotApproveOwnRequest();
  if (command.actor === state.requesterId || acting?.userId === state.requesterId) throw new RequesterCannotDecide();
  const persons = acting ? [command.actor, acting.userId] : [command.actor];
  // This gate's own approvers are in roundDeciders too: a second approval of the same gate is a repeat (409), not a second gate.
  if (state.gateApprovals.some((a) => persons.includes(a.deciderId) || (a.onBehalfOf !== null && persons.includes(a.onBehalfOf)))) throw new AlreadyApprovedByYou();
  if (persons.some((p) => state.roundDeciders.includes(p))) throw new OneGatePerPerson();
  const decider = state.gateDecider ?? gate.decider;
  if (acting) {
    if (!acting.delegationActive) throw new NotAGateDecider(`${acting.userId} has no active delegation to you`);
    if (!holds(decider, acting.userId, acting.roles)) throw new NotAGateDecider(`${acting.userId} does not decide gate ${gate.gateId}`);
  } else if (!holds(decider, command.actor, command.deciderRoles)) {
    throw new NotAGateDecider(`gate ${gate.gateId} is decided by ${'role' in decider ? `the ${decider.role} role` : 'another user'}`);
  }
  // A rejection or a request for changes says why: the requester has to act on it.
  const comment = command.decision === 'approve'
    ? text(command.comment, 'comment', REQUEST_TEXT.comment, false)
    : text(command.comment, 'comment', REQUEST_TEXT.comment, true);
  const base = {
    requestId: state.requestId, round: state.round, gateIndex: gate.gateIndex, gateId: gate.gateId, deciderId: command.actor,
    deciderRoles: command.deciderRoles, onBehalfOf: acting?.userId ?? null, decidedAt: command.decidedAt,
  };
  if (command.decision === 'reject') return [{ type: 'ApprovalGateRejected', data: { ...base, comment: comment! } }];
  if (command.decision === 'request_changes') return [{ type: 'ApprovalChangesRequested', data: { ...base, comment: comment! } }];
  const gateComplete = state.gateApprovals.length + 1 >= gate.quorum;
  const approved: ApprovalRequestEvent = { type: 'ApprovalGateApproved', data: { ...base, comment, gateComplete } };
  if (!gateComplete) return [approved];
  const next = state.route[gate.gateIndex + 1];
  if (!next) return [approved, { type: 'ApprovalRequestCompleted', data: { requestId: state.requestId, round: state.round, completedAt: command.decidedAt } }];
  return [approved, {
    type: 'ApprovalGateOpened',
    data: { requestId: state.requestId, round: state.round, gateIndex: next.gateIndex, gateId: next.gateId, decider: next.decider, dueAt: dueAt(command.decidedAt, next.deadlineHours), openedAt: command.decidedAt },
  }];
}

function decide(command: RequestCommand, state: RequestState): ApprovalRequestEvent[] {
  if (command.type === 'SubmitRequest') {
    if (state.status !== 'none') throw new RequestAlreadySubmitted();
    const body = checkedBody(command);
    const route = routed(command.gates, body.amount);
    return [
      {
        type: 'ApprovalRequestSubmitted',
        data: {
          requestId: command.requestId, requestType: command.requestType, ...body, link: command.link, requesterId: command.actor,
          policyVersion: command.policyVersion, route, followUp: command.followUp, submittedAt: command.submittedAt,
        },
      },
      ...startRound(command.requestId, 1, route, command.submittedAt),
    ];
  }
  if (state.status === 'none') throw new RequestNotFound();
  switch (command.type) {
    case 'DecideGate':
      return decideGate(command, state);
    case 'ResubmitRequest': {
      if (command.actor !== state.requesterId) throw new RequesterOnly('resubmit');
      if (state.status !== 'returned') throw new RequestNotInReview(`${state.status}; only a rejected or returned request is resubmitted`);
      const body = checkedBody({
        title: command.title ?? state.title, amount: command.amount ?? state.amount,
        details: command.details === undefined ? state.details : command.details, attachments: command.attachments ?? state.attachments,
      });
      const route = routed(command.gates, body.amount);
      const round = state.round + 1;
      return [
        { type: 'ApprovalRequestResubmitted', data: { requestId: state.requestId, round, ...body, route, resubmittedAt: command.resubmittedAt } },
        ...startRound(state.requestId, round, route, command.resubmittedAt),
      ];
    }
    case 'WithdrawRequest': {
      if (command.actor !== state.requesterId) throw new RequesterOnly('withdraw');
      if (state.status !== 'in_review' && state.status !== 'returned') throw new RequestNotInReview(state.status);
      return [{ type: 'ApprovalRequestWithdrawn', data: { requestId: state.requestId, reason: text(command.reason, 'reason', REQUEST_TEXT.reason, false), withdrawnAt: command.withdrawnAt } }];
    }
    case 'RemindGate': {
      if (state.status !== 'in_review' || command.round !== state.round || command.gateIndex !== state.currentGate) throw new GateTimerStale('the gate is no longer open');
      if ((command.level ?? 0) !== state.gateEscalations) throw new GateTimerStale('the gate was escalated since this reminder was set');
      if (state.gateReminded) throw new GateTimerStale('the gate was already reminded');
      return [{ type: 'ApprovalGateReminded', data: { requestId: state.requestId, round: state.round, gateIndex: command.gateIndex, remindedAt: command.remindedAt } }];
    }
    case 'EscalateGate': {
      if (state.status !== 'in_review' || command.round !== state.round || command.gateIndex !== state.currentGate) throw new GateTimerStale('the gate is no longer open');
      const level = command.level ?? 0;
      if (level !== state.gateEscalations) throw new GateTimerStale('the gate was already escalated');
      const gate = state.route[command.gateIndex];
      const from = state.gateDecider ?? gate.decider;
      if (level > 0 && isOwner(from)) throw new GateTimerStale('the gate is with the owner: there is no one above to escalate to');
      const to = level === 0 ? gate.escalateTo ?? state.route[command.gateIndex + 1]?.decider ?? OWNER : OWNER;
      // The new holder gets the gate's deadline again, unless nothing is above them.
      const further = level + 1 < MAX_GATE_ESCALATIONS && !isOwner(to);
      const next = further ? dueAt(command.escalatedAt, gate.deadlineHours) : null;
      return [{ type: 'ApprovalGateEscalated', data: { requestId: state.requestId, round: state.round, gateIndex: command.gateIndex, from, to, escalatedAt: command.escalatedAt, level: level + 1, dueAt: next } }];
    }
    default: {
      const never: never = command;
      throw new Error(`unknown command ${(never as { type: string }).type}`);
    }
  }
}

export const requestDecider: Decider<RequestState, RequestCommand, ApprovalRequestEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve: evolveRequest,
};
