import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError } from '@workbay/platform';
import { locationDecider } from './location.decider';
import { locationStreamCategory } from './location.events';

/** What another context may know of a shop location: enough to place and time things there. */
export interface LocationReferenceView {
  locationId: string;
  name: string;
  /** IANA time zone name. */
  timezone: string;
  open: boolean;
}

/**
 * The current facts of one of the caller's tenant's locations, from its stream (not a read model:
 * a command deciding on them must not see a lagging copy). Null for an id this tenant has no
 * location under, another tenant's included, so the caller answers as for any unknown id.
 */
export class LocationReference extends Query<LocationReferenceView | null> {
  constructor(readonly locationId: string) {
    super();
  }
}

@QueryHandler(LocationReference)
export class LocationReferenceHandler implements IQueryHandler<LocationReference> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ locationId }: LocationReference): Promise<LocationReferenceView | null> {
    try {
      const { state } = await this.aggregates.load(locationDecider, locationStreamCategory, locationId, { what: 'location' });
      if (state.status === 'none') return null;
      return { locationId: state.locationId, name: state.name, timezone: state.timezone, open: state.status === 'open' };
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}
