import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { resourceDecider } from './resource.decider';
import { resourceStreamCategory } from './resource.events';

export class RemoveScheduleException extends Command<CommandResult> {
  constructor(readonly resourceId: string, readonly exceptionId: string) {
    super();
  }
}

@CommandHandler(RemoveScheduleException)
export class RemoveScheduleExceptionHandler implements ICommandHandler<RemoveScheduleException> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ resourceId, exceptionId }: RemoveScheduleException): Promise<CommandResult> {
    return this.aggregates.execute(resourceDecider, resourceStreamCategory, resourceId, (_, { now, actor }) => ({
      type: 'RemoveScheduleException', exceptionId, removedAt: now, actor,
    }));
  }
}
