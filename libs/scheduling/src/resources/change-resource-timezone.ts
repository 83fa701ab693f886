import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { ShopLocations } from '../catalog/location-reference';
import { resourceDecider } from './resource.decider';
import { resourceStreamCategory } from './resource.events';

/**
 * Sets a resource's zone to its location's zone as the shop says it is now (not as an event said
 * it was), so redelivered or reordered location changes all end on the current zone.
 */
export class ChangeResourceTimezone extends Command<CommandResult> {
  constructor(readonly resourceId: string) {
    super();
  }
}

@CommandHandler(ChangeResourceTimezone)
export class ChangeResourceTimezoneHandler implements ICommandHandler<ChangeResourceTimezone> {
  constructor(private readonly aggregates: AggregateStore, private readonly locations: ShopLocations) {}

  execute({ resourceId }: ChangeResourceTimezone): Promise<CommandResult> {
    return this.aggregates.execute(resourceDecider, resourceStreamCategory, resourceId, async (state, { now, actor }) => {
      const location = state ? await this.locations.find(state.locationId) : null;
      return { type: 'ChangeResourceTimezone', timezone: location?.timezone ?? state?.timezone ?? '', changedAt: now, actor };
    });
  }
}
