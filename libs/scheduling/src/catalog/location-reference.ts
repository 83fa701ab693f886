import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { LocationReference, LocationReferenceView } from '@workbay/shop/contract';

/** An id that names no location of this tenant (another tenant's is as unknown as a made-up one): 422 naming locationId. */
export class UnknownLocation extends DomainError {
  readonly code = 'UNKNOWN_LOCATION';
  readonly field = 'locationId';
  constructor() {
    super('locationId: no such shop location');
  }
}

/** New resources and services go only to a location that is open. */
export class LocationIsClosed extends DomainError {
  readonly code = 'LOCATION_CLOSED';
  readonly field = 'locationId';
  constructor(name: string) {
    super(`locationId: location '${name}' is closed`);
  }
}

/** Scheduling's view of shop locations: asked of the shop through its contract, never read from its tables. */
@Injectable()
export class ShopLocations {
  constructor(private readonly queries: QueryBus) {}

  /** The location, or null when this tenant has none under that id. */
  find(locationId: string): Promise<LocationReferenceView | null> {
    return this.queries.execute(new LocationReference(locationId));
  }

  /** An open location of this tenant; else 422 naming locationId. */
  async open(locationId: string): Promise<LocationReferenceView> {
    const location = await this.find(locationId);
    if (!location) throw new UnknownLocation();
    if (!location.open) throw new LocationIsClosed(location.name);
    return location;
  }
}
