import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { repairOrderDecider } from './repair-order.decider';
import { repairOrderStreamCategory } from './repair-order.events';

/** The signed-in technician clocks in on a line assigned to them. */
export class StartWork extends Command<CommandResult> {
  constructor(readonly repairOrderId: string, readonly lineId: string) {
    super();
  }
}

@CommandHandler(StartWork)
export class StartWorkHandler implements ICommandHandler<StartWork> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ repairOrderId, lineId }: StartWork): Promise<CommandResult> {
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, (_, { now, actor }) => ({
      type: 'StartWork', lineId, startedAt: now, actor,
    }));
  }
}
