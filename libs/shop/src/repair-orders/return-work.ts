import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
import { repairOrderDecider } from './repair-order.decider';
import { repairOrderStreamCategory } from './repair-order.events';
import { ReturnWorkInput } from './repair-order.dto';

/** The advisor sends lines back with reasons; the order and those lines reopen (technicians kept). */
export class ReturnWork extends Command<CommandResult> {
  constructor(readonly repairOrderId: string, readonly input: ReturnWorkInput) {
    super();
  }
}

@CommandHandler(ReturnWork)
export class ReturnWorkHandler implements ICommandHandler<ReturnWork> {
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  execute({ repairOrderId, input }: ReturnWork): Promise<CommandResult> {
    const { userId, roles } = this.context.principal;
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, {
      type: 'ReturnWork',
      lines: input.lines.map(({ lineId, reason }) => ({ lineId, reason })),
      returnedAt: this.clock.now().toISOString(),
      actor: userId,
      actorRoles: roles,
    });
  }
}
