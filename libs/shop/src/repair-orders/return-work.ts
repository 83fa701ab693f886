import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, RequestContext } from '@workbay/platform';
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
  constructor(private readonly aggregates: AggregateStore, private readonly context: RequestContext) {}

  execute({ repairOrderId, input }: ReturnWork): Promise<CommandResult> {
    // The roles are for the decider's reviewer rule: a system component holds none, so it is refused (403) like any non-reviewer.
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, (_, { now, actor }) => ({
      type: 'ReturnWork',
      lines: input.lines.map(({ lineId, reason }) => ({ lineId, reason })),
      returnedAt: now,
      actor,
      actorRoles: this.context.principalOrNull?.roles ?? [],
    }));
  }
}
