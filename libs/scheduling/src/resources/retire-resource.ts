import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { resourceDecider } from './resource.decider';
import { resourceStreamCategory } from './resource.events';

/** No longer bookable; its reservations stay as they are. */
export class RetireResource extends Command<CommandResult> {
  constructor(readonly resourceId: string) {
    super();
  }
}

@CommandHandler(RetireResource)
export class RetireResourceHandler implements ICommandHandler<RetireResource> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ resourceId }: RetireResource): Promise<CommandResult> {
    return this.aggregates.execute(resourceDecider, resourceStreamCategory, resourceId, (_, { now, actor }) => ({ type: 'RetireResource', retiredAt: now, actor }));
  }
}
