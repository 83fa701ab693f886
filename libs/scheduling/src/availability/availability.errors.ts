/** What an availability question can get wrong; each names the field it is about (422, or 404 for an id the tenant does not have). */
import { DomainError } from '@workbay/eventstore/core';

export class AvailabilityRangeInvalid extends DomainError {
  readonly code = 'AVAILABILITY_RANGE_INVALID';
  constructor(readonly field: 'from' | 'to', message: string) {
    super(`${field}: ${message}`);
  }
}

export class AvailabilityServiceNotFound extends DomainError {
  readonly code = 'SERVICE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  readonly field = 'serviceId';
  constructor(serviceId: string) {
    super(`service ${serviceId} not found`);
  }
}

export class AvailabilityResourceNotFound extends DomainError {
  readonly code = 'RESOURCE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  readonly field = 'resourceId';
  constructor(resourceId: string) {
    super(`resource ${resourceId} not found`);
  }
}

/** A retired service offers nothing. */
export class AvailabilityServiceRetired extends DomainError {
  readonly code = 'SERVICE_RETIRED';
  readonly field = 'serviceId';
  constructor(serviceId: string) {
    super(`service ${serviceId} is retired`);
  }
}

/** A service belongs to one location. */
export class AvailabilityServiceElsewhere extends DomainError {
  readonly code = 'SERVICE_NOT_AT_LOCATION';
  readonly field = 'locationId';
  constructor(serviceId: string, locationId: string) {
    super(`service ${serviceId} is not offered at location ${locationId}`);
  }
}

/** The chosen resource is none of the kinds the service needs (or is at another location). */
export class AvailabilityResourceNotNeeded extends DomainError {
  readonly code = 'RESOURCE_NOT_NEEDED_BY_SERVICE';
  readonly field = 'resourceId';
  constructor(resourceId: string, serviceId: string) {
    super(`resource ${resourceId} is not one service ${serviceId} can use`);
  }
}
