/**
 * Facts about one approval request. Stream: `${tenantId}.approval-request-${requestId}`.
 * The aggregate routes itself: a submission opens the first gate of its route, an approval that
 * reaches the gate's quorum opens the next one or completes the request. The saga
 * (requests/approval-routing.process.ts) reacts: notifies, schedules deadlines, reminds,
 * escalates and dispatches the follow-up command on completion.
 */
import type { GateDecider, RequestType } from '../policies/policy.events';

export const approvalRequestStreamCategory = 'approval-request' as const;

export interface Money {
  amountMinor: number;
  currency: string;
}

/** A reference to a record of the same tenant the request is about (e.g. a quote whose discount it approves). */
export interface RequestLink {
  kind: 'quote' | 'invoice' | 'customer' | 'reservation' | 'other';
  id: string;
}

export interface Attachment {
  name: string;
  /** A reference (URL or storage key); Workbay does not store files. */
  ref: string;
}

/** A gate as routed for this request: the policy's gate, frozen at submission. */
export interface RoutedGate {
  gateIndex: number;
  gateId: string;
  name: string;
  decider: GateDecider;
  quorum: number;
  deadlineHours: number | null;
  escalateTo: GateDecider | null;
}

export interface ApprovalRequestSubmitted {
  type: 'ApprovalRequestSubmitted';
  data: {
    requestId: string;
    requestType: RequestType;
    title: string;
    amount: Money;
    details: string | null;
    attachments: Attachment[];
    link: RequestLink | null;
    requesterId: string;
    policyVersion: number;
    route: RoutedGate[];
    /** What completion asks of another context, when any (e.g. apply a quote discount). */
    followUp: { command: string; payload: Record<string, unknown> } | null;
    submittedAt: string;
  };
}

/** A gate now waits on its deciders; `round` counts submissions (1, then 2 after a resubmission ...). */
export interface ApprovalGateOpened {
  type: 'ApprovalGateOpened';
  data: { requestId: string; round: number; gateIndex: number; gateId: string; decider: GateDecider; dueAt: string | null; openedAt: string };
}

interface Decision {
  requestId: string;
  round: number;
  gateIndex: number;
  gateId: string;
  /** Who decided. */
  deciderId: string;
  deciderRoles: string[];
  /** Set when the decider acted as a delegate: the user whose gate it was. */
  onBehalfOf: string | null;
  comment: string | null;
  decidedAt: string;
}

/** One approval; `gateComplete` when it reached the gate's quorum. */
export interface ApprovalGateApproved {
  type: 'ApprovalGateApproved';
  data: Decision & { gateComplete: boolean };
}

/** A rejection (comment required) returns the request to its requester, who may resubmit or withdraw. */
export interface ApprovalGateRejected {
  type: 'ApprovalGateRejected';
  data: Decision & { comment: string };
}

export interface ApprovalChangesRequested {
  type: 'ApprovalChangesRequested';
  data: Decision & { comment: string };
}

/** A new round from the first gate; the decisions of earlier rounds stay in the log. */
export interface ApprovalRequestResubmitted {
  type: 'ApprovalRequestResubmitted';
  data: { requestId: string; round: number; title: string; amount: Money; details: string | null; attachments: Attachment[]; route: RoutedGate[]; resubmittedAt: string };
}

export interface ApprovalRequestWithdrawn {
  type: 'ApprovalRequestWithdrawn';
  data: { requestId: string; reason: string | null; withdrawnAt: string };
}

export interface ApprovalGateReminded {
  type: 'ApprovalGateReminded';
  data: { requestId: string; round: number; gateIndex: number; remindedAt: string };
}

/** The gate sat past its deadline: it now waits on `to` (the next higher holder). */
export interface ApprovalGateEscalated {
  type: 'ApprovalGateEscalated';
  /**
   * `level`: the gate's first escalation is 1, the second 2 (absent on events written before
   * escalations could chain: 1). `dueAt`: the new holder's deadline, when one more escalation (to
   * the owner) follows it; null or absent when it does not.
   */
  data: { requestId: string; round: number; gateIndex: number; from: GateDecider; to: GateDecider; escalatedAt: string; level?: number; dueAt?: string | null };
}

export interface ApprovalRequestCompleted {
  type: 'ApprovalRequestCompleted';
  data: { requestId: string; round: number; completedAt: string };
}

export type ApprovalRequestEvent =
  | ApprovalRequestSubmitted | ApprovalGateOpened | ApprovalGateApproved | ApprovalGateRejected | ApprovalChangesRequested
  | ApprovalRequestResubmitted | ApprovalRequestWithdrawn | ApprovalGateReminded | ApprovalGateEscalated | ApprovalRequestCompleted;

/** Delegations. Stream: `${tenantId}.approval-delegation-${fromUserId}`. */
export const approvalDelegationStreamCategory = 'approval-delegation' as const;

export interface ApprovalsDelegated {
  type: 'ApprovalsDelegated';
  data: { delegationId: string; fromUserId: string; toUserId: string; startsAt: string; endsAt: string; delegatedAt: string };
}

export interface ApprovalDelegationRevoked {
  type: 'ApprovalDelegationRevoked';
  data: { delegationId: string; fromUserId: string; revokedAt: string };
}

export type ApprovalDelegationEvent = ApprovalsDelegated | ApprovalDelegationRevoked;
