import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FEATURES, PLAN_IDS } from '../catalog/catalog.types';
import { METER_IDS } from '../meters/meters';
import { PlanEnum } from '../plan.graphql';

@ObjectType('EntitledFeature', { description: 'A feature of the catalog and whether this tenant has it' })
export class EntitledFeatureView {
  @Field({ description: `the feature (${FEATURES.join(', ')})` })
  @ApiProperty({ enum: FEATURES, description: 'the feature' })
  feature: string;

  @Field({ description: 'whether the tenant may use it now' })
  @ApiProperty({ description: 'whether the tenant may use it now' })
  enabled: boolean;

  @Field({ description: "set by a platform operator, not the plan's" })
  @ApiProperty({ description: "set by a platform operator, not the plan's" })
  overridden: boolean;
}

@ObjectType('QuotaStanding', { description: "A meter's quota and its usage in the current period" })
export class QuotaStandingView {
  @Field({ description: `the meter (${METER_IDS.join(', ')})` })
  @ApiProperty({ enum: METER_IDS, description: 'the meter' })
  meter: string;

  @Field(() => Int, { nullable: true, description: 'past it requests pass with a Workbay-Quota-Warning header' })
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'past it requests pass with a Workbay-Quota-Warning header' })
  soft?: number;

  @Field(() => Int, { nullable: true, description: 'at it requests are refused with 429 until the period resets' })
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'at it requests are refused with 429 until the period resets' })
  hard?: number;

  @Field(() => Int, { description: 'units counted in the current period' })
  @ApiProperty({ type: 'integer', minimum: 0, description: 'units counted in the current period' })
  used: number;

  @Field({ description: 'the current period, `YYYY-MM` (UTC month) or `YYYY` for a yearly plan' })
  @ApiProperty({ description: 'the current period, `YYYY-MM` (UTC month) or `YYYY` for a yearly plan', example: '2026-12' })
  period: string;

  @Field({ description: 'when the period ends and usage starts again from 0 (UTC ISO-8601)' })
  @ApiProperty({ format: 'date-time', description: 'when the period ends and usage starts again from 0' })
  resetsAt: string;

  @Field({ description: "set by a platform operator, not the plan's" })
  @ApiProperty({ description: "set by a platform operator, not the plan's" })
  overridden: boolean;
}

@ObjectType('Entitlements', { description: "What the tenant's plan version and overrides allow" })
export class EntitlementsView {
  @Field(() => PlanEnum, { description: 'the plan the tenant is on' })
  @ApiProperty({ enum: PLAN_IDS, description: 'the plan the tenant is on' })
  plan: string;

  @Field(() => Int, { description: 'the version of the plan it is on (kept until it changes plan)' })
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the version of the plan it is on (kept until it changes plan)' })
  version: number;

  @Field(() => [EntitledFeatureView], { description: 'every feature of the catalog' })
  @ApiProperty({ type: [EntitledFeatureView] })
  features: EntitledFeatureView[];

  @Field(() => [QuotaStandingView], { description: 'every meter with a quota' })
  @ApiProperty({ type: [QuotaStandingView] })
  quotas: QuotaStandingView[];
}
