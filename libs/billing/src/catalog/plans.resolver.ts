import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@workbay/platform';
import { PlanPriceArgs, PlanVersionArgs, PlanVersionView } from './plan-catalog.dto';
import { PlanCatalogService } from './plan-catalog.service';

@Resolver()
export class PlansResolver {
  constructor(private readonly catalog: PlanCatalogService) {}

  @Public()
  @Query(() => [PlanVersionView], { description: 'The plans a shop can sign up on: the current version of each (public)' })
  plans(@Args() { currency }: PlanPriceArgs): PlanVersionView[] {
    return this.catalog.current(currency);
  }

  @Public()
  @Query(() => PlanVersionView, { description: 'One version of a plan, current or older (public); NOT_FOUND when there is no such version' })
  planVersion(@Args() { plan, version, currency }: PlanVersionArgs): PlanVersionView {
    return this.catalog.version(plan, version, currency);
  }
}
