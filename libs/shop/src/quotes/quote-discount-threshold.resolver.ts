import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandResultView, RequireAbility } from '@workbay/platform';
import { QuoteDiscountThreshold, SetQuoteDiscountThreshold } from './quote-discount-threshold';
import { QuoteDiscountThresholdView, SetQuoteDiscountThresholdInput } from './quote-discount-threshold.dto';

@Resolver(() => QuoteDiscountThresholdView)
export class QuoteDiscountThresholdResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: "Sets the shop's quote discount threshold (owners and admins)" })
  @RequireAbility('manage', 'Quote')
  setQuoteDiscountThreshold(@Args('input', { description: 'the limits' }) input: SetQuoteDiscountThresholdInput): Promise<CommandResultView> {
    return this.commands.execute(new SetQuoteDiscountThreshold(input));
  }

  @Query(() => QuoteDiscountThresholdView, { description: "The shop's quote discount threshold" })
  @RequireAbility('read', 'Quote')
  quoteDiscountThreshold(): Promise<QuoteDiscountThresholdView> {
    return this.queries.execute(new QuoteDiscountThreshold());
  }
}
