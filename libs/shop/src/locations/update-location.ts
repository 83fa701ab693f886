import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
import { locationDecider, UpdateLocation as UpdateLocationCommand } from './location.decider';
import { locationStreamCategory } from './location.events';
import { UpdateLocationInput } from './location.dto';
import { locationNameKey } from './location-name.decider';
import { currentLocation, LocationNames } from './location-names';

/** Renames, moves (within its country) or re-zones a location; a new name is claimed first, the old one freed after. */
export class UpdateLocation extends Command<CommandResult> {
  constructor(readonly locationId: string, readonly input: UpdateLocationInput) {
    super();
  }
}

@CommandHandler(UpdateLocation)
export class UpdateLocationHandler implements ICommandHandler<UpdateLocation> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly names: LocationNames,
    private readonly clock: Clock,
    private readonly context: RequestContext,
  ) {}

  async execute({ locationId, input }: UpdateLocation): Promise<CommandResult> {
    const command: UpdateLocationCommand = {
      type: 'UpdateLocation',
      name: input.name,
      address: input.address ? { ...input.address, line2: input.address.line2 ?? null } : undefined,
      timezone: input.timezone,
      updatedAt: this.clock.now().toISOString(),
      actor: this.context.principal.userId,
    };
    const { state, version } = await currentLocation(this.aggregates, locationId);
    const [updated] = locationDecider.decide(command, state);
    const oldName = state.status === 'none' ? null : state.name;
    const renamed = updated?.type === 'LocationUpdated' && oldName !== null && locationNameKey(updated.data.name) !== locationNameKey(oldName);
    if (renamed) await this.names.claim(updated.data.name, locationId, version);
    const result = await this.aggregates.execute(locationDecider, locationStreamCategory, locationId, command, { expectedVersion: version });
    if (renamed) await this.names.release(oldName, locationId);
    return result;
  }
}
