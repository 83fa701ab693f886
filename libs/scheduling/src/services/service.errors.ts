import { DomainError } from '@workbay/eventstore/core';

export class ServiceNotFound extends DomainError {
  readonly code = 'SERVICE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('service does not exist');
  }
}

export class ServiceAlreadyDefined extends DomainError {
  readonly code = 'SERVICE_ALREADY_DEFINED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('service already exists');
  }
}

/** A retired service takes no more changes (409); its reservations keep the terms they were booked with. */
export class ServiceIsRetired extends DomainError {
  readonly code = 'SERVICE_RETIRED';
  override readonly kind = 'conflict' as const;
  readonly status = 'retired' as const;
  constructor(action: string) {
    super(`service is retired; only an active service can be ${action}`);
  }
}

/** A resource a need names is not one the service can take: unknown (or another tenant's), elsewhere, of another kind, or retired. */
export class UnsuitableResource extends DomainError {
  readonly code = 'SERVICE_RESOURCE_UNSUITABLE';
  constructor(readonly field: string, reason: string) {
    super(`${field}: ${reason}`);
  }
}
