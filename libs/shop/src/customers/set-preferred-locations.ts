import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { AggregateStore, CommandResult, NotFoundError } from '@workbay/platform';
import { locationDecider } from '../locations/location.decider';
import { locationStreamCategory } from '../locations/location.events';
import { customerDecider, InvalidPreferredLocations } from './customer.decider';
import { customerStreamCategory } from './customer.events';
import { SetPreferredLocationsInput } from './customer.dto';

export class UnknownPreferredLocation extends DomainError {
  readonly code = 'LOCATION_NOT_FOUND';
  // An id in the body: 422 naming it (404 is for the customer in the path).
  constructor(readonly field: string) {
    super(`${field}: no such shop location`);
  }
}

/** Replaces the customer's preferred shop locations (most preferred first); each must be open. */
export class SetPreferredLocations extends Command<CommandResult> {
  constructor(readonly customerId: string, readonly input: SetPreferredLocationsInput) {
    super();
  }
}

@CommandHandler(SetPreferredLocations)
export class SetPreferredLocationsHandler implements ICommandHandler<SetPreferredLocations> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ customerId, input }: SetPreferredLocations): Promise<CommandResult> {
    await Promise.all(input.locationIds.map((id, i) => this.requireOpen(id, `locationIds[${i}]`)));
    return this.aggregates.execute(customerDecider, customerStreamCategory, customerId, (_, { now, actor }) => ({
      type: 'SetPreferredLocations',
      locationIds: input.locationIds,
      setAt: now,
      actor,
    }));
  }

  private async requireOpen(locationId: string, field: string) {
    try {
      const { state } = await this.aggregates.load(locationDecider, locationStreamCategory, locationId);
      if (state.status === 'closed') throw new InvalidPreferredLocations(field, `location '${state.name}' is closed`);
    } catch (error) {
      if (error instanceof NotFoundError) throw new UnknownPreferredLocation(field);
      throw error;
    }
  }
}
