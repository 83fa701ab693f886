/**
 * A user's delegations of their gates, one stream per delegator: each names a delegate and a
 * period [startsAt, endsAt); a revocation ends it at once. A decision on someone's behalf reads
 * this stream (not a lagging read model) to ask whether the delegation is active now. Pure.
 */
import { Decider, DomainError } from '@workbay/eventstore/core';
import type { ApprovalDelegationEvent } from '../requests/request.events';

/** Longest period one delegation may cover. */
export const MAX_DELEGATION_DAYS = 366;

export interface DelegateApprovalsDecision {
  type: 'DelegateApprovals';
  delegationId: string;
  toUserId: string;
  /** Whether `toUserId` is an active user of this tenant (the handler asked the directory). */
  delegateIsUser: boolean;
  startsAt: string;
  endsAt: string;
  delegatedAt: string;
  actor: string;
}

export interface RevokeDelegationDecision {
  type: 'RevokeDelegation';
  delegationId: string;
  revokedAt: string;
  actor: string;
}

export type DelegationCommand = DelegateApprovalsDecision | RevokeDelegationDecision;

export interface Delegation {
  delegationId: string;
  fromUserId: string;
  toUserId: string;
  startsAt: string;
  endsAt: string;
  revokedAt: string | null;
}

export interface DelegationState {
  delegations: Delegation[];
}

export class InvalidDelegation extends DomainError {
  readonly code = 'INVALID_DELEGATION';
  constructor(readonly field: string, problem: string) {
    super(`${field}: ${problem}`);
  }
}

export class DelegationNotFound extends DomainError {
  readonly code = 'DELEGATION_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('no such delegation of yours');
  }
}

export class DelegationAlreadyRevoked extends DomainError {
  readonly code = 'DELEGATION_ALREADY_REVOKED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('this delegation was already revoked');
  }
}

const isInstant = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(s) && Number.isFinite(Date.parse(s));

/** Whether `fromUser`'s delegation to `toUserId` covers `at`: started, not ended, not revoked. */
export function activeDelegation(state: DelegationState, toUserId: string, at: string): Delegation | undefined {
  const t = Date.parse(at);
  return state.delegations.find((d) => d.toUserId === toUserId && d.revokedAt === null && Date.parse(d.startsAt) <= t && t < Date.parse(d.endsAt));
}

function decide(command: DelegationCommand, state: DelegationState): ApprovalDelegationEvent[] {
  switch (command.type) {
    case 'DelegateApprovals': {
      if (command.toUserId === command.actor) throw new InvalidDelegation('toUserId', 'you cannot delegate to yourself');
      if (!command.delegateIsUser) throw new InvalidDelegation('toUserId', `${command.toUserId} is not a user of this shop`);
      if (!isInstant(command.startsAt)) throw new InvalidDelegation('startsAt', 'must be an ISO-8601 instant');
      if (!isInstant(command.endsAt)) throw new InvalidDelegation('endsAt', 'must be an ISO-8601 instant');
      const starts = Date.parse(command.startsAt);
      const ends = Date.parse(command.endsAt);
      if (ends <= starts) throw new InvalidDelegation('endsAt', 'must be after startsAt');
      if (ends <= Date.parse(command.delegatedAt)) throw new InvalidDelegation('endsAt', 'must be in the future');
      if (ends - starts > MAX_DELEGATION_DAYS * 86_400_000) throw new InvalidDelegation('endsAt', `a delegation covers at most ${MAX_DELEGATION_DAYS} days`);
      return [{
        type: 'ApprovalsDelegated',
        data: {
          delegationId: command.delegationId, fromUserId: command.actor, toUserId: command.toUserId,
          startsAt: new Date(starts).toISOString(), endsAt: new Date(ends).toISOString(), delegatedAt: command.delegatedAt,
        },
      }];
    }
    case 'RevokeDelegation': {
      const found = state.delegations.find((d) => d.delegationId === command.delegationId);
      if (!found) throw new DelegationNotFound();
      if (found.revokedAt !== null) throw new DelegationAlreadyRevoked();
      return [{ type: 'ApprovalDelegationRevoked', data: { delegationId: command.delegationId, fromUserId: found.fromUserId, revokedAt: command.revokedAt } }];
    }
    default: {
      const never: never = command;
      throw new Error(`unknown command ${(never as { type: string }).type}`);
    }
  }
}

function evolve(state: DelegationState, event: ApprovalDelegationEvent): DelegationState {
  switch (event.type) {
    case 'ApprovalsDelegated': {
      const { delegationId, fromUserId, toUserId, startsAt, endsAt } = event.data;
      return { delegations: [...state.delegations, { delegationId, fromUserId, toUserId, startsAt, endsAt, revokedAt: null }] };
    }
    case 'ApprovalDelegationRevoked':
      return { delegations: state.delegations.map((d) => (d.delegationId === event.data.delegationId ? { ...d, revokedAt: event.data.revokedAt } : d)) };
    default:
      return state;
  }
}

export const delegationDecider: Decider<DelegationState, DelegationCommand, ApprovalDelegationEvent> = {
  initialState: () => ({ delegations: [] }),
  decide,
  evolve,
};
