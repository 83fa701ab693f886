import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { locationDecider } from './location.decider';
import { locationStreamCategory } from './location.events';
import { CloseLocationInput } from './location.dto';
import { LocationNames } from './location-names';

/** Closes a location for good; its name becomes free for a new location. */
export class CloseLocation extends Command<CommandResult> {
  constructor(readonly locationId: string, readonly input: CloseLocationInput) {
    super();
  }
}

@CommandHandler(CloseLocation)
export class CloseLocationHandler implements ICommandHandler<CloseLocation> {
  constructor(private readonly aggregates: AggregateStore, private readonly names: LocationNames) {}

  async execute({ locationId, input }: CloseLocation): Promise<CommandResult> {
    let freeName = async () => {};
    const result = await this.aggregates.execute(locationDecider, locationStreamCategory, locationId, (state, { now, actor }) => {
      if (state.status !== 'none') freeName = () => this.names.release(state.name, locationId, { now, actor });
      return { type: 'CloseLocation', reason: input.reason, closedAt: now, actor };
    });
    await freeName();
    return result;
  }
}
