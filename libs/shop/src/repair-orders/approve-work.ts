import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
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
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  execute({ repairOrderId }: ApproveWork): Promise<CommandResult> {
    const { userId, roles } = this.context.principal;
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, {
      type: 'ApproveWork', approvedAt: this.clock.now().toISOString(), actor: userId, actorRoles: roles,
    });
  }
}
