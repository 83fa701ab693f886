import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { quoteDecider } from './quote.decider';
import { quoteStreamCategory } from './quote.events';
import { DeclineQuoteInput } from './quote.dto';

export class DeclineQuote extends Command<CommandResult> {
  constructor(readonly quoteId: string, readonly input: DeclineQuoteInput) {
    super();
  }
}

@CommandHandler(DeclineQuote)
export class DeclineQuoteHandler implements ICommandHandler<DeclineQuote> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ quoteId, input }: DeclineQuote): Promise<CommandResult> {
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, (_, { now, actor }) => ({
      type: 'DeclineQuote',
      reason: input.reason,
      channel: input.channel,
      declinedAt: now,
      actor,
    }));
  }
}
