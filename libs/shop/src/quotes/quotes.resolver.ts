import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { CommandResultView } from '../shared/command-result';
import { IdOf } from '../shared/id-param';
import { ApproveQuote } from './approve-quote';
import { CreateQuote } from './create-quote';
import { DeclineQuote } from './decline-quote';
import { AsOfArg } from '../shared/as-of';
import { QuoteBoardArgs } from './quote-board.args';
import { QUOTE_BOARD, QuoteBoard, QuoteDetail } from './quote-board.queries';
import { ApproveQuoteInput, CreateQuoteInput, DeclineQuoteInput, QuotePage, QuoteView, ReviseQuoteInput, SendQuoteInput } from './quote.dto';
import { ReviseQuote } from './revise-quote';
import { SendQuote } from './send-quote';

const quoteId = () => Args('id', { type: () => ID }, IdOf('quote'));

@Resolver(() => QuoteView)
export class QuotesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView)
  @RequireAbility('create', 'Quote')
  createQuote(@Args('input') input: CreateQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new CreateQuote(input));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('update', 'Quote')
  reviseQuote(@quoteId() id: string, @Args('input') input: ReviseQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new ReviseQuote(id, input));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('send', 'Quote')
  sendQuote(@quoteId() id: string, @Args('input', { nullable: true }) input?: SendQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new SendQuote(id, input ?? {}));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('approve', 'Quote')
  approveQuote(@quoteId() id: string, @Args('input') input: ApproveQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new ApproveQuote(id, input));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('decline', 'Quote')
  declineQuote(@quoteId() id: string, @Args('input') input: DeclineQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new DeclineQuote(id, input));
  }

  @Query(() => QuotePage)
  @RequireAbility('read', 'Quote')
  @ReadsProjectionQuery(QUOTE_BOARD)
  quotes(@Args() args: QuoteBoardArgs): Promise<QuotePage> {
    return this.queries.execute(new QuoteBoard(args.first ?? 20, args.after, args.status, args.customerId));
  }

  @Query(() => QuoteView)
  @RequireAbility('read', 'Quote')
  @ReadsProjectionQuery(QUOTE_BOARD)
  quote(@quoteId() id: string, @AsOfArg() asOf?: string): Promise<QuoteView> {
    return this.queries.execute(new QuoteDetail(id, asOf));
  }
}
