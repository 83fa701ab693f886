import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { quoteDecider } from './quote.decider';
import { quoteStreamCategory } from './quote.events';

export interface ApplyApprovedDiscountInput {
  quoteId: string;
  /** The approval request (type discount, linked to the quote) that was approved. */
  requestId: string;
  /** The approved discount: the request's amount. */
  discount: { amountMinor: number; currency: string };
}

/**
 * A contract command (`@workbay/shop/contract`): approvals' routing saga sends it when a discount
 * request linked to a quote completes. The quote is revised to carry the approved discount (back
 * to draft) and can be sent. Not on REST or GraphQL: only an approval may apply an approval.
 */
export class ApplyApprovedDiscount extends Command<CommandResult> {
  constructor(readonly input: ApplyApprovedDiscountInput) {
    super();
  }
}

@CommandHandler(ApplyApprovedDiscount)
export class ApplyApprovedDiscountHandler implements ICommandHandler<ApplyApprovedDiscount> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ input }: ApplyApprovedDiscount): Promise<CommandResult> {
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, input.quoteId, (_, { now, actor }) => ({
      type: 'ApplyApprovedDiscount', requestId: input.requestId, discount: input.discount, appliedAt: now, actor,
    }));
  }
}
