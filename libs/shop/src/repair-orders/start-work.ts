import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
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
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  execute({ repairOrderId, lineId }: StartWork): Promise<CommandResult> {
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, {
      type: 'StartWork', lineId, startedAt: this.clock.now().toISOString(), actor: this.context.principal.userId,
    });
  }
}
