import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
import { quoteDecider } from './quote';
import { quoteStreamCategory } from './quote.events';
import { ApproveQuoteInput } from './quote.dto';

/** The customer approves all lines or a chosen subset; the rest are declined. */
export class ApproveQuote extends Command<CommandResult> {
  constructor(readonly quoteId: string, readonly input: ApproveQuoteInput) {
    super();
  }
}

@CommandHandler(ApproveQuote)
export class ApproveQuoteHandler implements ICommandHandler<ApproveQuote> {
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  execute({ quoteId, input }: ApproveQuote): Promise<CommandResult> {
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, {
      type: 'ApproveQuote',
      lineIds: input.lineIds,
      revision: input.revision,
      approvedBy: { name: input.approvedByName, customerId: input.approvedByCustomerId },
      channel: input.channel,
      approvedAt: this.clock.now().toISOString(),
      actor: this.context.principal.userId,
    });
  }
}
