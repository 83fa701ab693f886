import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, RequestContext } from '@workbay/platform';
import { repairOrderDecider } from './repair-order.decider';
import { repairOrderStreamCategory } from './repair-order.events';

/** The advisor accepts the work: the repair order is ready to invoice. */
export class ApproveWork extends Command<CommandResult> {
  constructor(readonly repairOrderId: string) {
    super();
  }
}

@CommandHandler(ApproveWork)
export class ApproveWorkHandler implements ICommandHandler<ApproveWork> {
  constructor(private readonly aggregates: AggregateStore, private readonly context: RequestContext) {}

  execute({ repairOrderId }: ApproveWork): Promise<CommandResult> {
    // The roles are for the decider's reviewer rule: a system component holds none, so it is refused (403) like any non-reviewer.
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, (_, { now, actor }) => ({
      type: 'ApproveWork', approvedAt: now, actor, actorRoles: this.context.principalOrNull?.roles ?? [],
    }));
  }
}
