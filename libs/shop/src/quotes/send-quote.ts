import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { quoteDecider } from './quote.decider';
import { QuoteDiscountThresholds } from './quote-discount-threshold';
import { thresholdFor } from './quote-discount-threshold.decider';
import { quoteStreamCategory } from './quote.events';
import { SendQuoteInput } from './quote.dto';

export class SendQuote extends Command<CommandResult> {
  constructor(readonly quoteId: string, readonly input: SendQuoteInput) {
    super();
  }
}

@CommandHandler(SendQuote)
export class SendQuoteHandler implements ICommandHandler<SendQuote> {
  constructor(private readonly aggregates: AggregateStore, private readonly thresholds: QuoteDiscountThresholds) {}

  execute({ quoteId, input }: SendQuote): Promise<CommandResult> {
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, async (quote, { now, actor }) => ({
      type: 'SendQuote',
      channel: input.channel,
      // Only a discounted quote needs the shop's threshold (one more stream read).
      discountThreshold: quote.status !== 'none' && quote.lines.some((l) => l.discountMinor) ? thresholdFor((await this.thresholds.current()).state, quote.currency) : null,
      sentAt: now,
      actor,
    }));
  }
}
