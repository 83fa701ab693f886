import { DomainError } from '@workbay/eventstore/core';

/** A usage rule broken by one event; `field` names the attribute (`type`, `time`, `data.amountMinor`). */
abstract class UsageRuleBroken extends DomainError {
  constructor(readonly field: string, message: string) {
    super(`${field} ${message}`);
  }
}

export class UnknownUsageType extends UsageRuleBroken {
  readonly code = 'UNKNOWN_USAGE_TYPE';
  constructor(type: string) {
    super('type', `"${type}" is not the event type of any meter`);
  }
}

export class UsageValueInvalid extends UsageRuleBroken {
  readonly code = 'USAGE_VALUE_INVALID';
}

export class UsagePeriodClosed extends UsageRuleBroken {
  readonly code = 'USAGE_PERIOD_CLOSED';
}

export class UsageTimeInFuture extends UsageRuleBroken {
  readonly code = 'USAGE_TIME_IN_FUTURE';
}

/** The usage event's id was recorded before: the batch reports it `duplicate` instead of raising. */
export class UsageAlreadyRecorded extends DomainError {
  readonly code = 'USAGE_ALREADY_RECORDED';
  override readonly kind = 'conflict';
  constructor(usageId: string) {
    super(`usage event ${usageId} was already recorded`);
  }
}
