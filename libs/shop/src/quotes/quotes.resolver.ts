import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { CommandResultView, IdOf, AsOfArg } from '@workbay/platform';
import { ApproveQuote } from './approve-quote';
import { CreateQuote } from './create-quote';
import { DeclineQuote } from './decline-quote';
import { QuoteBoardArgs } from './quote-board.args';
import { QUOTE_BOARD, QuoteBoard, QuoteDetail } from './quote-board.queries';
import { ApproveQuoteInput, CreateQuoteInput, DeclineQuoteInput, QuotePage, QuoteView, ReviseQuoteInput, SendQuoteInput } from './quote.dto';
import { ReviseQuote } from './revise-quote';
import { SendQuote } from './send-quote';

const quoteId = () => Args('id', { type: () => ID, description: 'the quote' }, IdOf('quote'));

@Resolver(() => QuoteView)
export class QuotesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Creates a draft quote from explicit lines and/or canned jobs' })
  @RequireAbility('create', 'Quote')
  createQuote(@Args('input', { description: 'the quote' }) input: CreateQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new CreateQuote(input));
  }

  @Mutation(() => CommandResultView, { description: 'Replaces the lines of a quote: a new revision, back to draft' })
  @RequireAbility('update', 'Quote')
  reviseQuote(@quoteId() id: string, @Args('input', { description: 'the new lines' }) input: ReviseQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new ReviseQuote(id, input));
  }

  @Mutation(() => CommandResultView, { description: 'Sends a quote to the customer' })
  @RequireAbility('send', 'Quote')
  sendQuote(@quoteId() id: string, @Args('input', { nullable: true, description: 'how it is sent' }) input?: SendQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new SendQuote(id, input ?? {}));
  }

  @Mutation(() => CommandResultView, { description: 'Records the customer approving all or some lines of the revision they saw' })
  @RequireAbility('approve', 'Quote')
  approveQuote(@quoteId() id: string, @Args('input', { description: 'the approval' }) input: ApproveQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new ApproveQuote(id, input));
  }

  @Mutation(() => CommandResultView, { description: 'Records the customer declining a quote' })
  @RequireAbility('decline', 'Quote')
  declineQuote(@quoteId() id: string, @Args('input', { description: 'the decline' }) input: DeclineQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new DeclineQuote(id, input));
  }

  @Query(() => QuotePage, { description: 'Quotes, newest first' })
  @RequireAbility('read', 'Quote')
  @ReadsProjectionQuery(QUOTE_BOARD)
  quotes(@Args() args: QuoteBoardArgs): Promise<QuotePage> {
    return this.queries.execute(new QuoteBoard(args.first ?? 20, args.after, args.status, args.customerId));
  }

  @Query(() => QuoteView, { description: 'One quote with its lines' })
  @RequireAbility('read', 'Quote')
  @ReadsProjectionQuery(QUOTE_BOARD)
  quote(@quoteId() id: string, @AsOfArg() asOf?: string): Promise<QuoteView> {
    return this.queries.execute(new QuoteDetail(id, asOf));
  }
}
