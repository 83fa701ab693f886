import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { locationDecider, UpdateLocation as UpdateLocationCommand } from './location.decider';
import { locationStreamCategory } from './location.events';
import { UpdateLocationInput } from './location.dto';
import { locationNameKey } from './location-name.decider';
import { LocationNames } from './location-names';

/** Renames, moves (within its country) or re-zones a location; a new name is claimed first, the old one freed after. */
export class UpdateLocation extends Command<CommandResult> {
  constructor(readonly locationId: string, readonly input: UpdateLocationInput) {
    super();
  }
}

@CommandHandler(UpdateLocation)
export class UpdateLocationHandler implements ICommandHandler<UpdateLocation> {
  constructor(private readonly aggregates: AggregateStore, private readonly names: LocationNames) {}

  async execute({ locationId, input }: UpdateLocation): Promise<CommandResult> {
    let freeOldName = async () => {};
    const result = await this.aggregates.execute(locationDecider, locationStreamCategory, locationId, async (state, { now, actor, version }) => {
      const command: UpdateLocationCommand = {
        type: 'UpdateLocation',
        name: input.name,
        address: input.address ? { ...input.address, line2: input.address.line2 ?? null } : undefined,
        timezone: input.timezone,
        updatedAt: now,
        actor,
      };
      const [updated] = locationDecider.decide(command, state);
      const oldName = state.status === 'none' ? null : state.name;
      if (updated?.type === 'LocationUpdated' && oldName !== null && locationNameKey(updated.data.name) !== locationNameKey(oldName)) {
        await this.names.claim(updated.data.name, locationId, version, { now, actor });
        freeOldName = () => this.names.release(oldName, locationId, { now, actor });
      }
      return command;
    });
    await freeOldName();
    return result;
  }
}
