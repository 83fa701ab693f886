import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Aggregation } from '../meters/meters';

const AGGREGATIONS: readonly Aggregation[] = ['COUNT', 'SUM', 'MAX', 'UNIQUE_COUNT', 'LATEST'];
const AggregationEnum = Object.fromEntries(AGGREGATIONS.map((a) => [a, a])) as { [K in Aggregation]: K };
registerEnumType(AggregationEnum, {
  name: 'UsageAggregation', description: "How a meter's usage events add up to its figure",
  valuesMap: {
    COUNT: { description: 'the number of usage events' }, SUM: { description: 'the sum of their values' },
    MAX: { description: 'the largest value' }, UNIQUE_COUNT: { description: 'the number of distinct values' },
    LATEST: { description: 'the value with the latest occurrence time' },
  },
});

@ObjectType('UsageDimension', { description: 'One group-by dimension of a figure, e.g. currency = INR' })
export class UsageDimensionView {
  @Field({ description: 'the dimension, e.g. currency' }) @ApiProperty({ example: 'currency', description: 'the dimension, e.g. currency' }) name: string;
  @Field({ description: 'its value in this figure' }) @ApiProperty({ example: 'INR', description: 'its value in this figure' }) value: string;
}

@ObjectType('UsageFigure', { description: "A meter's usage in a billing period, for one combination of its dimensions" })
export class UsageFigureView {
  @Field({ description: 'the meter id' }) @ApiProperty({ example: 'stripe_paid_amount' }) meter: string;
  @Field(() => AggregationEnum, { description: "how the meter's usage events add up" }) @ApiProperty({ enum: AGGREGATIONS, description: "how the meter's usage events add up" }) aggregation: Aggregation;
  @Field({ description: 'what one unit of the figure is' }) @ApiProperty({ example: 'minor unit' }) unit: string;
  @Field({ description: 'billing period YYYY-MM' }) @ApiProperty({ example: '2026-06' }) period: string;
  @Field(() => [UsageDimensionView], { description: 'sorted by name; empty for a meter without dimensions' })
  @ApiProperty({ type: [UsageDimensionView] }) dimensions: UsageDimensionView[];
  @Field(() => Float, { description: "the meter's figure (see aggregation)" }) @ApiProperty({ example: 118000 }) value: number;
  @Field(() => Int, { description: 'usage events counted, adjustments included' }) @ApiProperty({ type: 'integer' }) events: number;
  @Field(() => Int, { description: 'of those, late adjustments of an earlier period, counted here' }) @ApiProperty({ type: 'integer' }) adjustments: number;
  @Field({ description: 'earliest occurrence (ISO-8601 UTC)' }) @ApiProperty({ format: 'date-time' }) firstAt: string;
  @Field({ description: 'latest occurrence (ISO-8601 UTC)' }) @ApiProperty({ format: 'date-time' }) lastAt: string;
}

@ObjectType('UsageDay', { description: "A meter's usage on one UTC day, in the billing period it counts in" })
export class UsageDayView extends UsageFigureView {
  @Field({ description: 'YYYY-MM-DD (UTC) the usage occurred on' }) @ApiProperty({ format: 'date' }) day: string;
}

@ObjectType('UsageSummary', { description: "The tenant's usage in one billing period, per meter and dimensions" })
export class UsageSummaryView {
  @Field({ description: 'billing period YYYY-MM (UTC)' }) @ApiProperty({ example: '2026-06', description: 'billing period YYYY-MM (UTC)' }) period: string;
  @Field(() => [UsageFigureView], { description: 'by meter, then dimensions' }) @ApiProperty({ type: [UsageFigureView] }) figures: UsageFigureView[];
}

@ObjectType('UsageDailyPage', { description: "A page of the tenant's usage per day, by day, meter, period and dimensions" })
export class UsageDailyPage {
  @Field(() => [UsageDayView], { description: 'by day, meter, period and dimensions' }) @ApiProperty({ type: [UsageDayView], description: 'by day, meter, period and dimensions' }) items: UsageDayView[];
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null at the end' })
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
