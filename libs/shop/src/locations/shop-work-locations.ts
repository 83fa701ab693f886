import { Injectable } from '@nestjs/common';
import { AggregateStore, NotFoundError } from '@workbay/platform';
import { WorkLocations } from '@workbay/identity/contract';
import { locationDecider } from './location.decider';
import { locationStreamCategory } from './location.events';

/** The platform's WorkLocations port: a user's home location must be one of the tenant's open shop locations. */
@Injectable()
export class ShopWorkLocations extends WorkLocations {
  constructor(private readonly aggregates: AggregateStore) {
    super();
  }

  async refusal(locationId: string): Promise<string | null> {
    try {
      const { state } = await this.aggregates.load(locationDecider, locationStreamCategory, locationId);
      return state.status === 'closed' ? `location '${state.name}' is closed` : null;
    } catch (error) {
      if (error instanceof NotFoundError) return 'no such shop location';
      throw error;
    }
  }
}
