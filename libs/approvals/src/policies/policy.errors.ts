import { DomainError } from '@workbay/eventstore/core';

/** A policy that breaks a shape rule (gates, quorum, deadline, thresholds): 422 naming the field, e.g. `gates[1].quorum`. */
export class InvalidPolicy extends DomainError {
  readonly code = 'INVALID_APPROVAL_POLICY';
  constructor(readonly field: string, problem: string) {
    super(`${field}: ${problem}`);
  }
}

/** A gate names a user who is not an active user of this tenant (another tenant's user reads as unknown). */
export class PolicyUserUnknown extends DomainError {
  readonly code = 'APPROVAL_POLICY_USER_UNKNOWN';
  constructor(readonly field: string, userId: string) {
    super(`${field}: ${userId} is not a user of this shop`);
  }
}

/** The signup seed never overwrites a policy an owner or admin already published. */
export class PolicyAlreadySeeded extends DomainError {
  readonly code = 'APPROVAL_POLICY_ALREADY_PUBLISHED';
  override readonly kind = 'conflict' as const;
  constructor(requestType: string) {
    super(`the ${requestType} policy already has a version; the default is not seeded again`);
  }
}

/** `expectedVersion` guards an edit against a concurrent one (no lost update). */
export class PolicyVersionMismatch extends DomainError {
  readonly code = 'APPROVAL_POLICY_VERSION_MISMATCH';
  override readonly kind = 'conflict' as const;
  readonly field = 'expectedVersion';
  constructor(expected: number, actual: number) {
    super(`expectedVersion: the policy is at version ${actual}, not ${expected}`);
  }
}
