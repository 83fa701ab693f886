import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { repairOrderDecider } from './repair-order.decider';
import { repairOrderStreamCategory } from './repair-order.events';

/** Every line is done: hand the repair order to a service advisor (409 naming the unfinished lines otherwise). */
export class RequestAdvisorReview extends Command<CommandResult> {
  constructor(readonly repairOrderId: string) {
    super();
  }
}

@CommandHandler(RequestAdvisorReview)
export class RequestAdvisorReviewHandler implements ICommandHandler<RequestAdvisorReview> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ repairOrderId }: RequestAdvisorReview): Promise<CommandResult> {
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, (_, { now, actor }) => ({
      type: 'RequestAdvisorReview', requestedAt: now, actor,
    }));
  }
}
