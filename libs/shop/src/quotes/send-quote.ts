import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { quoteDecider } from './quote.decider';
import { quoteStreamCategory } from './quote.events';
import { SendQuoteInput } from './quote.dto';

export class SendQuote extends Command<CommandResult> {
  constructor(readonly quoteId: string, readonly input: SendQuoteInput) {
    super();
  }
}

@CommandHandler(SendQuote)
export class SendQuoteHandler implements ICommandHandler<SendQuote> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ quoteId, input }: SendQuote): Promise<CommandResult> {
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, (_, { now, actor }) => ({
      type: 'SendQuote',
      channel: input.channel,
      sentAt: now,
      actor,
    }));
  }
}
