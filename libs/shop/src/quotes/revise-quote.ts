import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
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
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly lineSource: QuoteLineSource,
    private readonly clock: Clock,
    private readonly context: RequestContext,
  ) {}

  async execute({ quoteId, input }: ReviseQuote): Promise<CommandResult> {
    // Priced in the quote's own currency, whatever the tenant's is today.
    const { state } = await this.aggregates.load(quoteDecider, quoteStreamCategory, quoteId, { what: 'quote' });
    const currency = state.status === 'none' ? '' : state.currency;
    const lines = await this.lineSource.lines(input, currency);
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, {
      type: 'ReviseQuote',
      lines,
      expectedRevision: input.expectedRevision,
      reason: input.reason ?? null,
      revisedAt: this.clock.now().toISOString(),
      actor: this.context.principal.userId,
    });
  }
}
