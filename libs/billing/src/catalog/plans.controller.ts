import { Controller, Get, Param, PipeTransform, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, NotFoundError, Public, ValidationFailed } from '@workbay/platform';
import { isPlanId } from './catalog';
import { PLAN_IDS } from './catalog.types';
import { PlanCatalogView, PlanPriceArgs, PlanVersionView, PRICING_VIEWS } from './plan-catalog.dto';
import { PlanCatalogService } from './plan-catalog.service';

/** An unknown plan is a resource that does not exist (404), like an unknown id. */
class PlanParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isPlanId(value)) throw new NotFoundError('plan', JSON.stringify(value));
    return value;
  }
}

/**
 * A version is 1, 2, ...: anything else names no version and is a bad request naming `version`.
 * The global pipe has already turned the segment into a number (so `01` reads as 1).
 */
class VersionParam implements PipeTransform<string | number, number> {
  transform(value: string | number): number {
    if (!/^[1-9][0-9]{0,8}$/.test(String(value))) throw new ValidationFailed([{ field: 'version', message: 'version must be a positive integer' }]);
    return Number(value);
  }
}

@ApiTags('billing')
@ApiExtraModels(...PRICING_VIEWS)
@Controller('billing/plans')
export class PlansController {
  constructor(private readonly catalog: PlanCatalogService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'The plans a shop can sign up on: the current version of each, with prices, features, quotas and metered charges',
    description: 'Public (no token). `currency` narrows `prices` to one currency.',
  })
  @ApiProblems()
  @ApiOkResponse({ type: PlanCatalogView })
  list(@Query() { currency }: PlanPriceArgs): PlanCatalogView {
    return { plans: this.catalog.current(currency) };
  }

  @Public()
  @Get(':plan/versions/:version')
  @ApiOperation({
    summary: 'One version of a plan, current or older (what a tenant that stayed on it pays)',
    description: 'Public (no token). 404 for an unknown plan or version; 400 naming `version` when it is not a positive integer.',
  })
  @ApiParam({ name: 'plan', enum: PLAN_IDS, enumName: 'Plan', description: 'the plan' })
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 }, description: 'the version, from 1' })
  @ApiProblems()
  @ApiOkResponse({ type: PlanVersionView })
  version(@Param('plan', new PlanParam()) plan: string, @Param('version', new VersionParam()) version: number, @Query() { currency }: PlanPriceArgs): PlanVersionView {
    return this.catalog.version(plan, version, currency);
  }
}
