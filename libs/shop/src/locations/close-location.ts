import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
import { locationDecider } from './location.decider';
import { locationStreamCategory } from './location.events';
import { CloseLocationInput } from './location.dto';
import { currentLocation, LocationNames } from './location-names';

/** Closes a location for good; its name becomes free for a new location. */
export class CloseLocation extends Command<CommandResult> {
  constructor(readonly locationId: string, readonly input: CloseLocationInput) {
    super();
  }
}

@CommandHandler(CloseLocation)
export class CloseLocationHandler implements ICommandHandler<CloseLocation> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly names: LocationNames,
    private readonly clock: Clock,
    private readonly context: RequestContext,
  ) {}

  async execute({ locationId, input }: CloseLocation): Promise<CommandResult> {
    const { state, version } = await currentLocation(this.aggregates, locationId);
    const result = await this.aggregates.execute(
      locationDecider, locationStreamCategory, locationId,
      { type: 'CloseLocation', reason: input.reason, closedAt: this.clock.now().toISOString(), actor: this.context.principal.userId },
      { expectedVersion: version },
    );
    if (state.status !== 'none') await this.names.release(state.name, locationId);
    return result;
  }
}
