import { ArgsType, createUnionType, Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { MinorUnits } from '@workbay/platform';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { METER_IDS } from '../meters/meters';
import { PlanEnum } from '../plan.graphql';
import { BillingPeriodEnum, FeatureEnum, MeterEnum, PlanCurrencyEnum, PricingModelEnum } from './catalog.graphql';
import { BILLING_PERIODS, FEATURES, PLAN_CURRENCIES, PLAN_IDS, PlanCurrency } from './catalog.types';

/**
 * The catalog as clients read it (REST and GraphQL, one set of classes). Every amount is an
 * integer in minor units of the price's currency; absent bounds are null, never omitted.
 */

const MINOR = { type: 'integer', minimum: 0 } as const;

@ObjectType('PriceTier', { description: 'A tier of a graduated or volume price' })
export class PriceTierView {
  @Field(() => MinorUnits(), { nullable: true, description: 'last billable unit of the tier (inclusive); null: no end (the last tier)' })
  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: 'last billable unit of the tier (inclusive); null: no end (the last tier)' })
  upTo: number | null;

  @Field(() => MinorUnits(), { description: 'price of each unit in the tier, in minor units' })
  @ApiProperty({ ...MINOR, description: 'price of each unit in the tier, in minor units' })
  unitMinor: number;

  @Field(() => MinorUnits(), { description: 'charged once when the tier is reached, in minor units (0: none)' })
  @ApiProperty({ ...MINOR, description: 'charged once when the tier is reached, in minor units (0: none)' })
  flatMinor: number;
}

@ObjectType('PerUnitPricing', { description: 'Every billable unit at the same price' })
export class PerUnitPricingView {
  @Field(() => PricingModelEnum, { description: 'always per_unit' })
  @ApiProperty({ enum: ['per_unit'], description: 'always per_unit' })
  model: 'per_unit';

  @Field(() => MinorUnits(), { description: 'price of each billable unit, in minor units' })
  @ApiProperty({ ...MINOR, description: 'price of each billable unit, in minor units' })
  unitMinor: number;
}

@ObjectType('GraduatedPricing', { description: 'Each billable unit at the price of the tier it falls in (first 1,000 at x, the next at y, ...)' })
export class GraduatedPricingView {
  @Field(() => PricingModelEnum, { description: 'always graduated' })
  @ApiProperty({ enum: ['graduated'], description: 'always graduated' })
  model: 'graduated';

  @Field(() => [PriceTierView], { description: 'ascending by upTo; the last has no end' })
  @ApiProperty({ type: [PriceTierView], description: 'ascending by upTo; the last has no end' })
  tiers: PriceTierView[];
}

@ObjectType('VolumePricing', { description: 'All billable units at the price of the tier their total falls in' })
export class VolumePricingView {
  @Field(() => PricingModelEnum, { description: 'always volume' })
  @ApiProperty({ enum: ['volume'], description: 'always volume' })
  model: 'volume';

  @Field(() => [PriceTierView], { description: 'ascending by upTo; the last has no end' })
  @ApiProperty({ type: [PriceTierView], description: 'ascending by upTo; the last has no end' })
  tiers: PriceTierView[];
}

@ObjectType('PackagePricing', { description: 'Billable units sold in packages of `size`; a started package is charged whole' })
export class PackagePricingView {
  @Field(() => PricingModelEnum, { description: 'always package' })
  @ApiProperty({ enum: ['package'], description: 'always package' })
  model: 'package';

  @Field(() => Int, { description: 'units in a package' })
  @ApiProperty({ type: 'integer', minimum: 1, description: 'units in a package' })
  size: number;

  @Field(() => MinorUnits(), { description: 'price of a package, in minor units' })
  @ApiProperty({ ...MINOR, description: 'price of a package, in minor units' })
  packageMinor: number;
}

@ObjectType('PercentagePricing', { description: "A share of a money meter's billable amount, rounded half up, within a floor and a cap per period" })
export class PercentagePricingView {
  @Field(() => PricingModelEnum, { description: 'always percentage' })
  @ApiProperty({ enum: ['percentage'], description: 'always percentage' })
  model: 'percentage';

  @Field(() => Int, { description: 'the share in basis points (100 = 1%)' })
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, description: 'the share in basis points (100 = 1%)' })
  basisPoints: number;

  @Field(() => MinorUnits(), { nullable: true, description: 'least charged in a period with billable usage, in minor units; null: no floor' })
  @ApiProperty({ ...MINOR, nullable: true, description: 'least charged in a period with billable usage, in minor units; null: no floor' })
  minimumMinor: number | null;

  @Field(() => MinorUnits(), { nullable: true, description: 'most charged in a period, in minor units; null: no cap' })
  @ApiProperty({ ...MINOR, nullable: true, description: 'most charged in a period, in minor units; null: no cap' })
  maximumMinor: number | null;
}

export type PricingView = PerUnitPricingView | GraduatedPricingView | VolumePricingView | PackagePricingView | PercentagePricingView;

export const PRICING_VIEWS = [PerUnitPricingView, GraduatedPricingView, VolumePricingView, PackagePricingView, PercentagePricingView] as const;

const PRICING_VIEW_BY_MODEL = {
  per_unit: PerUnitPricingView,
  graduated: GraduatedPricingView,
  volume: VolumePricingView,
  package: PackagePricingView,
  percentage: PercentagePricingView,
} as const;

export const PricingUnion = createUnionType({
  name: 'Pricing',
  description: 'How usage of a meter is charged; `model` (or __typename) says which',
  types: () => PRICING_VIEWS,
  resolveType: (value: PricingView) => PRICING_VIEW_BY_MODEL[value.model],
});

@ObjectType('MeteredCharge', { description: "How a plan charges one meter's usage in a period" })
export class MeteredChargeView {
  @Field(() => MeterEnum, { description: 'the meter charged' })
  @ApiProperty({ enum: METER_IDS, enumName: 'Meter', description: 'the meter charged' })
  meter: string;

  @Field(() => MinorUnits(), { description: 'units of the period free of charge before the pricing applies' })
  @ApiProperty({ type: 'integer', minimum: 0, description: 'units of the period free of charge before the pricing applies' })
  includedUnits: number;

  @Field(() => PricingUnion, { description: 'the price of the billable units (past the included ones)' })
  @ApiProperty({
    description: 'the price of the billable units (past the included ones); `model` says which shape',
    oneOf: PRICING_VIEWS.map((view) => ({ $ref: getSchemaPath(view) })),
    discriminator: { propertyName: 'model', mapping: Object.fromEntries(Object.entries(PRICING_VIEW_BY_MODEL).map(([model, view]) => [model, getSchemaPath(view)])) },
  })
  pricing: PricingView;
}

@ObjectType('PlanPrice', { description: "A plan version's price in one currency" })
export class PlanPriceView {
  @Field(() => PlanCurrencyEnum, { description: 'the currency of every amount of this price' })
  @ApiProperty({ enum: PLAN_CURRENCIES, enumName: 'PlanCurrency', description: 'the currency of every amount of this price' })
  currency: string;

  @Field(() => MinorUnits(), { description: 'charged once per period whatever the usage, in minor units' })
  @ApiProperty({ ...MINOR, description: 'charged once per period whatever the usage, in minor units' })
  baseFeeMinor: number;

  @Field(() => [MeteredChargeView], { description: 'the metered charges; a meter not listed is not charged' })
  @ApiProperty({ type: [MeteredChargeView], description: 'the metered charges; a meter not listed is not charged' })
  charges: MeteredChargeView[];
}

@ObjectType('PlanQuota', { description: "A plan's limit on one meter per period" })
export class PlanQuotaView {
  @Field(() => MeterEnum, { description: 'the meter limited' })
  @ApiProperty({ enum: METER_IDS, enumName: 'Meter', description: 'the meter limited' })
  meter: string;

  @Field(() => MinorUnits(), { nullable: true, description: 'past it, requests pass with a warning; null: none' })
  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: 'past it, requests pass with a warning; null: none' })
  soft: number | null;

  @Field(() => MinorUnits(), { nullable: true, description: 'at it, requests are refused (429) until the period resets; null: none' })
  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: 'at it, requests are refused (429) until the period resets; null: none' })
  hard: number | null;
}

@ObjectType('PlanVersion', { description: 'One published version of a plan: a version never changes; a tenant keeps its version until it changes plan' })
export class PlanVersionView {
  @Field(() => PlanEnum, { description: 'the plan' })
  @ApiProperty({ enum: PLAN_IDS, enumName: 'Plan', description: 'the plan' })
  plan: string;

  @Field(() => Int, { description: 'the version, from 1' })
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the version, from 1' })
  version: number;

  @Field({ description: 'from when new subscriptions get this version (ISO-8601 UTC)' })
  @ApiProperty({ format: 'date-time', description: 'from when new subscriptions get this version (ISO-8601 UTC)' })
  publishedAt: string;

  @Field({ description: 'the name shown to shops' })
  @ApiProperty({ description: 'the name shown to shops' })
  name: string;

  @Field(() => BillingPeriodEnum, { description: 'how often it is billed; usage and quotas count per period' })
  @ApiProperty({ enum: BILLING_PERIODS, enumName: 'BillingPeriod', description: 'how often it is billed; usage and quotas count per period' })
  period: string;

  @Field(() => Int, { description: 'our fee on card payments taken through Workbay, in basis points' })
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, description: 'our fee on card payments taken through Workbay, in basis points' })
  platformFeeBps: number;

  @Field(() => [FeatureEnum], { description: 'the features it switches on' })
  @ApiProperty({ enum: FEATURES, enumName: 'Feature', isArray: true, description: 'the features it switches on' })
  features: string[];

  @Field(() => [PlanQuotaView], { description: 'limits per meter and period; a meter not listed is unlimited' })
  @ApiProperty({ type: [PlanQuotaView], description: 'limits per meter and period; a meter not listed is unlimited' })
  quotas: PlanQuotaView[];

  @Field(() => [PlanPriceView], { description: 'the price in each currency (one, when asked for a currency)' })
  @ApiProperty({ type: [PlanPriceView], description: 'the price in each currency (one, when asked for a currency)' })
  prices: PlanPriceView[];
}

/** REST's envelope of the current catalog (GraphQL's `plans` is the list itself). */
export class PlanCatalogView {
  @ApiProperty({ type: [PlanVersionView], description: 'the current version of each plan, Starter to Enterprise' })
  plans: PlanVersionView[];
}

@ArgsType()
export class PlanPriceArgs {
  @Field(() => PlanCurrencyEnum, { nullable: true, description: 'only the price in this currency (default: every currency)' })
  @ApiPropertyOptional({ enum: PLAN_CURRENCIES, enumName: 'PlanCurrency', description: 'only the price in this currency (default: every currency)' })
  @IsOptional()
  @IsIn(PLAN_CURRENCIES as unknown as string[], { message: `currency must be one of ${PLAN_CURRENCIES.join(', ')}` })
  currency?: PlanCurrency;
}

/** GraphQL `planVersion`'s arguments (REST takes plan and version from the path). */
@ArgsType()
export class PlanVersionArgs extends PlanPriceArgs {
  @Field(() => PlanEnum, { description: 'the plan' })
  @IsIn(PLAN_IDS as unknown as string[], { message: `plan must be one of ${PLAN_IDS.join(', ')}` })
  plan: string;

  @Field(() => Int, { description: 'the version, from 1' })
  @IsInt({ message: 'version must be a positive integer' })
  @Min(1, { message: 'version must be a positive integer' })
  version: number;
}
