import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { resourceDecider } from './resource.decider';
import { resourceStreamCategory } from './resource.events';
import { ResourceSettingsInput } from './resource.dto';

/** Renames a resource or changes its capacity, grid, buffers or rules; existing reservations keep theirs. */
export class ChangeResourceSettings extends Command<CommandResult> {
  constructor(readonly resourceId: string, readonly input: ResourceSettingsInput) {
    super();
  }
}

@CommandHandler(ChangeResourceSettings)
export class ChangeResourceSettingsHandler implements ICommandHandler<ChangeResourceSettings> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ resourceId, input }: ChangeResourceSettings): Promise<CommandResult> {
    return this.aggregates.execute(resourceDecider, resourceStreamCategory, resourceId, (_, { now, actor }) => ({
      type: 'ChangeResourceSettings',
      name: input.name,
      capacity: input.capacity,
      slotMinutes: input.slotMinutes,
      bufferBeforeMinutes: input.bufferBeforeMinutes,
      bufferAfterMinutes: input.bufferAfterMinutes,
      rules: input.rules,
      changedAt: now,
      actor,
    }));
  }
}
