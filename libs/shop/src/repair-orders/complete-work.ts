import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { repairOrderDecider } from './repair-order.decider';
import { repairOrderStreamCategory } from './repair-order.events';

/** An assigned technician signs the line off; every clock still running on it stops (403 for anyone else). */
export class CompleteWork extends Command<CommandResult> {
  constructor(readonly repairOrderId: string, readonly lineId: string) {
    super();
  }
}

@CommandHandler(CompleteWork)
export class CompleteWorkHandler implements ICommandHandler<CompleteWork> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ repairOrderId, lineId }: CompleteWork): Promise<CommandResult> {
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, (_, { now, actor }) => ({
      type: 'CompleteWork', lineId, completedAt: now, actor,
    }));
  }
}
