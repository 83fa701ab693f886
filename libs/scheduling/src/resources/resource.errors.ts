import { DomainError } from '@workbay/eventstore/core';

export class ResourceNotFound extends DomainError {
  readonly code = 'RESOURCE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('resource does not exist');
  }
}

export class ResourceAlreadyRegistered extends DomainError {
  readonly code = 'RESOURCE_ALREADY_REGISTERED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('resource already exists');
  }
}

/** A retired resource takes no more changes (409); its reservations stay as they are. */
export class ResourceIsRetired extends DomainError {
  readonly code = 'RESOURCE_RETIRED';
  override readonly kind = 'conflict' as const;
  readonly status = 'retired' as const;
  constructor(action: string) {
    super(`resource is retired; only an active resource can be ${action}`);
  }
}

export class ScheduleExceptionExists extends DomainError {
  readonly code = 'SCHEDULE_EXCEPTION_EXISTS';
  override readonly kind = 'conflict' as const;
  constructor(exceptionId: string) {
    super(`schedule exception ${exceptionId} already exists`);
  }
}

export class ScheduleExceptionNotFound extends DomainError {
  readonly code = 'SCHEDULE_EXCEPTION_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(exceptionId: string) {
    super(`schedule exception ${exceptionId} does not exist`);
  }
}
