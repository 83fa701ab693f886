/** Approval request events as the aggregate appends them, for the read models' projection specs. */
import type { GateDecider, RequestType } from '../policies/policy.events';
import type {
  ApprovalChangesRequested, ApprovalGateApproved, ApprovalGateEscalated, ApprovalGateOpened, ApprovalGateRejected, ApprovalGateReminded,
  ApprovalRequestCompleted, ApprovalRequestResubmitted, ApprovalRequestSubmitted, ApprovalRequestWithdrawn, ApprovalsDelegated, RoutedGate,
} from '../requests/request.events';

export const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 9, 0) + minutes * 60_000).toISOString();

export const gate = (gateIndex: number, gateId: string, decider: GateDecider, quorum = 1, deadlineHours: number | null = 24): RoutedGate => ({
  gateIndex, gateId, name: gateId.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()), decider, quorum, deadlineHours, escalateTo: null,
});

export const FOUR_GATES: RoutedGate[] = [
  gate(0, 'manager', { role: 'manager' }), gate(1, 'revenue-assurance', { role: 'revenue_assurance' }),
  gate(2, 'ceo', { role: 'ceo' }), gate(3, 'owner', { role: 'owner' }),
];

export const submitted = (
  requestId: string, requesterId: string, route: RoutedGate[] = FOUR_GATES, o: { type?: RequestType; amountMinor?: number; minute?: number } = {},
): ApprovalRequestSubmitted => ({
  type: 'ApprovalRequestSubmitted',
  data: {
    requestId, requestType: o.type ?? 'purchase', title: 'Diagnostic scanner', amount: { amountMinor: o.amountMinor ?? 2_500_000, currency: 'INR' },
    details: 'for bay 2', attachments: [{ name: 'quote.pdf', ref: 's3://quotes/1.pdf' }], link: null, requesterId, policyVersion: 1, route,
    followUp: null, submittedAt: at(o.minute ?? 0),
  },
});

export const opened = (requestId: string, round: number, g: RoutedGate, minute: number, dueAt: string | null = null): ApprovalGateOpened => ({
  type: 'ApprovalGateOpened',
  data: { requestId, round, gateIndex: g.gateIndex, gateId: g.gateId, decider: g.decider, dueAt, openedAt: at(minute) },
});

const decision = (requestId: string, round: number, g: RoutedGate, deciderId: string, roles: string[], minute: number, extra: { onBehalfOf?: string; comment?: string } = {}) => ({
  requestId, round, gateIndex: g.gateIndex, gateId: g.gateId, deciderId, deciderRoles: roles, onBehalfOf: extra.onBehalfOf ?? null,
  comment: extra.comment ?? null, decidedAt: at(minute),
});

export const approved = (
  requestId: string, round: number, g: RoutedGate, deciderId: string, roles: string[], minute: number, extra: { onBehalfOf?: string; comment?: string; gateComplete?: boolean } = {},
): ApprovalGateApproved => ({ type: 'ApprovalGateApproved', data: { ...decision(requestId, round, g, deciderId, roles, minute, extra), gateComplete: extra.gateComplete ?? true } });

export const rejected = (requestId: string, round: number, g: RoutedGate, deciderId: string, roles: string[], minute: number, comment: string): ApprovalGateRejected => ({
  type: 'ApprovalGateRejected', data: { ...decision(requestId, round, g, deciderId, roles, minute), comment },
});

export const changesRequested = (requestId: string, round: number, g: RoutedGate, deciderId: string, roles: string[], minute: number, comment: string): ApprovalChangesRequested => ({
  type: 'ApprovalChangesRequested', data: { ...decision(requestId, round, g, deciderId, roles, minute), comment },
});

export const resubmitted = (requestId: string, round: number, minute: number, route: RoutedGate[] = FOUR_GATES): ApprovalRequestResubmitted => ({
  type: 'ApprovalRequestResubmitted',
  data: { requestId, round, title: 'Diagnostic scanner (cheaper model)', amount: { amountMinor: 2_000_000, currency: 'INR' }, details: 'for bay 2', attachments: [], route, resubmittedAt: at(minute) },
});

export const withdrawn = (requestId: string, minute: number, reason: string | null = 'no longer needed'): ApprovalRequestWithdrawn => ({
  type: 'ApprovalRequestWithdrawn', data: { requestId, reason, withdrawnAt: at(minute) },
});

export const reminded = (requestId: string, round: number, gateIndex: number, minute: number): ApprovalGateReminded => ({
  type: 'ApprovalGateReminded', data: { requestId, round, gateIndex, remindedAt: at(minute) },
});

export const escalated = (requestId: string, round: number, gateIndex: number, from: GateDecider, to: GateDecider, minute: number): ApprovalGateEscalated => ({
  type: 'ApprovalGateEscalated', data: { requestId, round, gateIndex, from, to, escalatedAt: at(minute) },
});

export const completed = (requestId: string, round: number, minute: number): ApprovalRequestCompleted => ({
  type: 'ApprovalRequestCompleted', data: { requestId, round, completedAt: at(minute) },
});

export const delegated = (delegationId: string, fromUserId: string, toUserId: string, startsAt: string, endsAt: string): ApprovalsDelegated => ({
  type: 'ApprovalsDelegated', data: { delegationId, fromUserId, toUserId, startsAt, endsAt, delegatedAt: startsAt },
});
