import { DomainError } from '@workbay/eventstore/core';

/** A field of a request that breaks its rule (text, amount, currency, attachments): 422 naming it. */
export class InvalidRequest extends DomainError {
  readonly code = 'INVALID_APPROVAL_REQUEST';
  constructor(readonly field: string, problem: string) {
    super(`${field}: ${problem}`);
  }
}

export class RequestAlreadySubmitted extends DomainError {
  readonly code = 'APPROVAL_REQUEST_ALREADY_SUBMITTED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('this request was already submitted');
  }
}

export class RequestNotFound extends DomainError {
  readonly code = 'APPROVAL_REQUEST_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('no such approval request');
  }
}

/** A decision on a gate that is no longer open (decided, or a stale round): the gate was decided first by someone else. */
export class GateAlreadyDecided extends DomainError {
  readonly code = 'GATE_ALREADY_DECIDED';
  override readonly kind = 'conflict' as const;
  constructor(round: number, gateIndex: number) {
    super(`gate ${gateIndex} of round ${round} is no longer open`);
  }
}

/** The request is not waiting on a gate (returned, withdrawn or completed). */
export class RequestNotInReview extends DomainError {
  readonly code = 'APPROVAL_REQUEST_NOT_IN_REVIEW';
  override readonly kind = 'conflict' as const;
  constructor(status: string) {
    super(`the request is ${status}, not waiting on a gate`);
  }
}

/** The same person approving the same gate twice counts once: a quorum needs distinct deciders. */
export class AlreadyApprovedByYou extends DomainError {
  readonly code = 'GATE_ALREADY_APPROVED_BY_YOU';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('you (or the person you act for) already approved this gate');
  }
}

/** Segregation of duties: the requester never decides a gate of their own request. */
export class RequesterCannotDecide extends DomainError {
  readonly code = 'REQUESTER_CANNOT_DECIDE';
  override readonly kind = 'forbidden' as const;
  constructor() {
    super('requester_cannot_decide: the requester never decides a gate of their own request');
  }
}

/** Segregation of duties: one person decides at most one gate of a request per round, also as a delegate. */
export class OneGatePerPerson extends DomainError {
  readonly code = 'ONE_GATE_PER_PERSON';
  override readonly kind = 'forbidden' as const;
  constructor() {
    super('one_gate_per_person: you (or the person you act for) already decided another gate of this request');
  }
}

/** Segregation of duties: a delegate cannot approve a request they submitted. */
export class DelegateCannotApproveOwnRequest extends DomainError {
  readonly code = 'DELEGATE_CANNOT_APPROVE_OWN_REQUEST';
  override readonly kind = 'forbidden' as const;
  constructor() {
    super('delegate_cannot_approve_own_request: a delegate cannot decide a request they submitted');
  }
}

/** Neither the gate's role nor its named user (nor an active delegate of one). */
export class NotAGateDecider extends DomainError {
  readonly code = 'NOT_A_GATE_DECIDER';
  override readonly kind = 'forbidden' as const;
  constructor(why: string) {
    super(`not_a_gate_decider: ${why}`);
  }
}

/** Resubmitting and withdrawing are the requester's alone. */
export class RequesterOnly extends DomainError {
  readonly code = 'REQUESTER_ONLY';
  override readonly kind = 'forbidden' as const;
  constructor(what: string) {
    super(`only the requester may ${what} this request`);
  }
}

/** A reminder or escalation for a gate that is no longer open, or already reminded/escalated. */
export class GateTimerStale extends DomainError {
  readonly code = 'GATE_TIMER_STALE';
  override readonly kind = 'conflict' as const;
  constructor(what: string) {
    super(what);
  }
}
