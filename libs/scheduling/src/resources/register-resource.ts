import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import type { ResourceKind } from '../shared/schedule.rules';
import { ShopLocations } from '../catalog/location-reference';
import { resourceDecider } from './resource.decider';
import { resourceStreamCategory } from './resource.events';
import { RegisterResourceInput } from './resource.dto';

export class RegisterResource extends Command<CommandResult> {
  constructor(readonly input: RegisterResourceInput) {
    super();
  }
}

@CommandHandler(RegisterResource)
export class RegisterResourceHandler implements ICommandHandler<RegisterResource> {
  constructor(private readonly aggregates: AggregateStore, private readonly locations: ShopLocations) {}

  async execute({ input }: RegisterResource): Promise<CommandResult> {
    const location = await this.locations.open(input.locationId);
    const resourceId = this.aggregates.newId(resourceStreamCategory);
    // The zone is read before the append: a re-zoning written meanwhile is caught up with by the
    // location-timezone process, which looks at every registration.
    return this.aggregates.execute(resourceDecider, resourceStreamCategory, resourceId, (_, { now, actor }) => ({
      type: 'RegisterResource',
      resourceId,
      locationId: location.locationId,
      kind: input.kind as ResourceKind,
      name: input.name,
      timezone: location.timezone,
      capacity: input.capacity,
      slotMinutes: input.slotMinutes,
      bufferBeforeMinutes: input.bufferBeforeMinutes,
      bufferAfterMinutes: input.bufferAfterMinutes,
      rules: input.rules,
      registeredAt: now,
      actor,
    }));
  }
}
