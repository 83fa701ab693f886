import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, NotFoundError } from '@workbay/platform';
import { quoteDecider } from './quote.decider';
import { quoteStreamCategory } from './quote.events';
import { ReviseQuoteInput } from './quote.dto';
import { QuoteLineSource } from './quote-line-source';

/** A new version of a draft or sent quote; it goes back to draft and must be sent again. */
export class ReviseQuote extends Command<CommandResult> {
  constructor(readonly quoteId: string, readonly input: ReviseQuoteInput) {
    super();
  }
}

@CommandHandler(ReviseQuote)
export class ReviseQuoteHandler implements ICommandHandler<ReviseQuote> {
  constructor(private readonly aggregates: AggregateStore, private readonly lineSource: QuoteLineSource) {}

  execute({ quoteId, input }: ReviseQuote): Promise<CommandResult> {
    // One read of the quote: the lines are priced from the state the revision is decided on.
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, async (state, { now, actor }) => {
      // An unknown quote is a 404 before its lines are looked at (their errors would be 422s).
      if (state.status === 'none') throw new NotFoundError('quote', quoteId);
      return {
        type: 'ReviseQuote',
        // Priced in the quote's own currency, whatever the tenant's is today.
        lines: await this.lineSource.lines(input, state.currency),
        expectedRevision: input.expectedRevision,
        reason: input.reason ?? null,
        discountMinor: input.discountMinor,
        revisedAt: now,
        actor,
      };
    });
  }
}
