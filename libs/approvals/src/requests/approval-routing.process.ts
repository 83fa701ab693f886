import { ICommand } from '@nestjs/cqrs';
import { StoredEvent } from '@workbay/eventstore';
import { Reaction, StatefulProcessManager, TimerCommand, TimerRequest } from '@workbay/platform';
import type { GateDecider, RequestType } from '../policies/policy.events';
import { ApprovalFollowUp, followUpCommand } from './approval-follow-ups';
import { NotifyGateDeciders, NotifyRequester } from './approval-notices';
import { EscalateGate, RemindGate } from './gate-timers';
import type { ApprovalRequestEvent, Money, RequestLink, RoutedGate } from './request.events';

export const APPROVAL_ROUTING = 'approvals.routing';

/** What a gate's deadline timer asks the request aggregate: remind its deciders, then escalate it. */
export interface GateDeadline {
  requestId: string;
  round: number;
  gateIndex: number;
  /** 0: the gate's own deadline; 1: the one its first escalation set (absent on older timers: 0). */
  level?: number;
}

interface OpenGate {
  round: number;
  gateIndex: number;
  decider: GateDecider;
  /** The timers this gate's opening (and escalation) scheduled; cancelled when it is decided, the request withdrawn or completed. */
  timers: string[];
  /** How often the gate was escalated (absent in states saved before escalations chained: 0). */
  escalations?: number;
}

export interface RoutingState {
  requestId: string | null;
  requesterId: string | null;
  requestType: RequestType | null;
  title: string;
  amount: Money | null;
  link: RequestLink | null;
  followUp: ApprovalFollowUp | null;
  route: RoutedGate[];
  open: OpenGate | null;
  /** The timers of the gate the last event closed: what react cancels (it sees the state after the event). */
  closing: string[];
}

const initialState: RoutingState = {
  requestId: null, requesterId: null, requestType: null, title: '', amount: null, link: null, followUp: null, route: [], open: null, closing: [],
};

const REQUEST_EVENTS = [
  'ApprovalRequestSubmitted', 'ApprovalGateOpened', 'ApprovalGateApproved', 'ApprovalGateRejected', 'ApprovalChangesRequested',
  'ApprovalRequestResubmitted', 'ApprovalRequestWithdrawn', 'ApprovalGateReminded', 'ApprovalGateEscalated', 'ApprovalRequestCompleted',
] as const;

const domain = (stored: StoredEvent) => ({ type: stored.type, data: stored.data }) as ApprovalRequestEvent;

/** Timer ids follow from the opening event, so a redelivered opening asks for the same timers (and BullMQ job ids allow no ':'). */
export const remindTimerId = (openedEventId: string) => `approval-remind-${openedEventId}`;
export const escalateTimerId = (openedEventId: string) => `approval-escalate-${openedEventId}`;

/** Closes the open gate (if any): its timers are the ones to cancel. */
const closed = (state: RoutingState): RoutingState => ({ ...state, open: null, closing: state.open?.timers ?? [] });

function evolve(previous: RoutingState, stored: StoredEvent): RoutingState {
  const event = domain(stored);
  const state: RoutingState = { ...previous, closing: [] };
  switch (event.type) {
    case 'ApprovalRequestSubmitted': {
      const { requestId, requesterId, requestType, title, amount, link, followUp, route } = event.data;
      return { ...state, requestId, requesterId, requestType, title, amount, link, followUp, route };
    }
    case 'ApprovalRequestResubmitted': {
      const { title, amount, route } = event.data;
      return { ...closed(state), title, amount, route };
    }
    case 'ApprovalGateOpened': {
      const { round, gateIndex, decider, dueAt } = event.data;
      const timers = dueAt ? [remindTimerId(stored.eventId), escalateTimerId(stored.eventId)] : [];
      return { ...closed(state), open: { round, gateIndex, decider, timers } };
    }
    case 'ApprovalGateEscalated': {
      if (!state.open) return state;
      const timers = event.data.dueAt ? [...state.open.timers, remindTimerId(stored.eventId), escalateTimerId(stored.eventId)] : state.open.timers;
      return { ...state, open: { ...state.open, decider: event.data.to, timers, escalations: event.data.level ?? 1 } };
    }
    case 'ApprovalGateApproved':
      return event.data.gateComplete ? closed(state) : state;
    case 'ApprovalGateRejected':
    case 'ApprovalChangesRequested':
    case 'ApprovalRequestWithdrawn':
    case 'ApprovalRequestCompleted':
      return closed(state);
    default:
      return state;
  }
}

/**
 * The routing saga (a durable stateful process manager, one instance per request). The request
 * aggregate routes itself (which gate opens, when the request completes), so this only does the
 * effects: it tells a gate's deciders (and their delegates) when the gate opens, is reminded or
 * escalated; schedules the gate's deadline: a reminder at `dueAt`, then an escalation one more
 * deadline span later (both commands of the aggregate, which refuses them once the gate is
 * decided); cancels those timers when the gate is decided or the request withdrawn or completed;
 * tells the requester of a rejection, a request for changes or the completion; and on completion
 * dispatches the request's follow-up command through the target context's contract.
 *
 * Deterministic: every command names its cause (request, round, gate), the notices are keyed by
 * it and by recipient, and the platform keys each command by the causing event.
 */
export const approvalRouting: StatefulProcessManager<RoutingState> = {
  name: APPROVAL_ROUTING,
  eventTypes: REQUEST_EVENTS,
  initialState,
  correlate: (event) => (event.data as { requestId: string }).requestId,
  evolve,
  react,
  timerCommand(command: TimerCommand): ICommand {
    const { requestId, round, gateIndex, level = 0 } = command.payload as unknown as GateDeadline;
    if (command.type === 'RemindGate') return new RemindGate(requestId, round, gateIndex, level);
    if (command.type === 'EscalateGate') return new EscalateGate(requestId, round, gateIndex, level);
    throw new Error(`${APPROVAL_ROUTING}: no timer command ${command.type}`);
  },
};

function react(state: RoutingState, stored: StoredEvent): Reaction {
  const event = domain(stored);
  const { closing } = state;
  const requestId = state.requestId ?? (stored.data as { requestId: string }).requestId;
  const notice = { requestId, requesterId: state.requesterId, title: state.title, amount: state.amount };
  switch (event.type) {
    case 'ApprovalGateOpened': {
      const { round, gateIndex, decider, dueAt, openedAt } = event.data;
      const commands = [new NotifyGateDeciders({ ...notice, round, gateIndex, decider, notice: 'opened', dueAt })];
      if (!dueAt) return { commands, cancel: closing };
      const deadline: GateDeadline = { requestId, round, gateIndex };
      const span = Math.max(0, Date.parse(dueAt) - Date.parse(openedAt));
      const schedule: TimerRequest[] = [
        { timerId: remindTimerId(stored.eventId), dueAt: new Date(dueAt), command: { type: 'RemindGate', payload: { ...deadline } } },
        { timerId: escalateTimerId(stored.eventId), dueAt: new Date(Date.parse(dueAt) + span), command: { type: 'EscalateGate', payload: { ...deadline } } },
      ];
      return { commands, schedule, cancel: closing };
    }
    case 'ApprovalGateReminded': {
      const { round, gateIndex } = event.data;
      if (!state.open || state.open.round !== round || state.open.gateIndex !== gateIndex) return {};
      const level = state.open.escalations ?? 0;
      return { commands: [new NotifyGateDeciders({ ...notice, round, gateIndex, decider: state.open.decider, notice: 'reminded', dueAt: null, level })] };
    }
    case 'ApprovalGateEscalated': {
      const { round, gateIndex, to, escalatedAt, level = 1, dueAt = null } = event.data;
      const commands = [new NotifyGateDeciders({ ...notice, round, gateIndex, decider: to, notice: 'escalated', dueAt, level: level - 1 })];
      if (!dueAt) return { commands };
      // The new holder's deadline: a reminder at dueAt, then the escalation to the owner one span later.
      const deadline: GateDeadline = { requestId, round, gateIndex, level };
      const span = Math.max(0, Date.parse(dueAt) - Date.parse(escalatedAt));
      const schedule: TimerRequest[] = [
        { timerId: remindTimerId(stored.eventId), dueAt: new Date(dueAt), command: { type: 'RemindGate', payload: { ...deadline } } },
        { timerId: escalateTimerId(stored.eventId), dueAt: new Date(Date.parse(dueAt) + span), command: { type: 'EscalateGate', payload: { ...deadline } } },
      ];
      return { commands, schedule };
    }
    case 'ApprovalGateApproved':
      return event.data.gateComplete ? { cancel: closing } : {};
    case 'ApprovalGateRejected':
    case 'ApprovalChangesRequested': {
      const { round, gateIndex, comment, deciderId } = event.data;
      const kind = event.type === 'ApprovalGateRejected' ? 'rejected' : 'changes-requested';
      return { cancel: closing, commands: [new NotifyRequester({ ...notice, round, gateIndex, notice: kind, comment, deciderId })] };
    }
    case 'ApprovalRequestWithdrawn':
      return { cancel: closing };
    case 'ApprovalRequestCompleted': {
      const { round } = event.data;
      const followUp = followUpCommand(state);
      const commands: ICommand[] = [new NotifyRequester({ ...notice, round, gateIndex: null, notice: 'completed', comment: null, deciderId: null })];
      if (followUp) commands.push(followUp);
      return { cancel: closing, commands };
    }
    default:
      return {};
  }
}
