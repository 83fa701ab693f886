import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { CATALOG_LIMITS } from './catalog-fields.rules';

/** Booking rules as given: each left out keeps its value (the default for a new resource). */
@InputType({ description: 'Booking rules; each left out keeps its value' })
export class BookingRulesInput {
  @Field(() => Int, { nullable: true, description: 'a start must be at least this many minutes from now' })
  @ApiPropertyOptional({ type: 'integer', minimum: CATALOG_LIMITS.minNoticeMinutes.min, maximum: CATALOG_LIMITS.minNoticeMinutes.max, description: 'a start must be at least this many minutes from now' })
  @IsOptional() @IsInt() @Min(CATALOG_LIMITS.minNoticeMinutes.min) @Max(CATALOG_LIMITS.minNoticeMinutes.max)
  minNoticeMinutes?: number;

  @Field(() => Int, { nullable: true, description: 'a start must be at most this many days ahead' })
  @ApiPropertyOptional({ type: 'integer', minimum: CATALOG_LIMITS.horizonDays.min, maximum: CATALOG_LIMITS.horizonDays.max, description: 'a start must be at most this many days ahead' })
  @IsOptional() @IsInt() @Min(CATALOG_LIMITS.horizonDays.min) @Max(CATALOG_LIMITS.horizonDays.max)
  horizonDays?: number;

  @Field(() => Int, { nullable: true, description: 'at most this many reservations per local day; null: no limit' })
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: CATALOG_LIMITS.dailyLimit.min, maximum: CATALOG_LIMITS.dailyLimit.max, description: 'at most this many reservations per local day; null: no limit' })
  @ValidateIf((_, v) => v !== undefined && v !== null) @IsInt() @Min(CATALOG_LIMITS.dailyLimit.min) @Max(CATALOG_LIMITS.dailyLimit.max)
  dailyLimit?: number | null;
}

@ObjectType({ description: 'Booking rules in force' })
export class BookingRulesView {
  @Field(() => Int, { description: 'minimum notice, minutes' }) @ApiProperty({ type: 'integer', description: 'minimum notice, minutes' })
  minNoticeMinutes: number;

  @Field(() => Int, { description: 'booking horizon, days ahead' }) @ApiProperty({ type: 'integer', description: 'booking horizon, days ahead' })
  horizonDays: number;

  @Field(() => Int, { nullable: true, description: 'reservations per local day; null: no limit' })
  @ApiProperty({ type: 'integer', nullable: true, description: 'reservations per local day; null: no limit' })
  dailyLimit: number | null;
}

@ObjectType({ description: "A service's own booking rules; a rule it does not set is the resource's" })
export class ServiceBookingRulesView {
  @Field(() => Int, { nullable: true, description: 'minimum notice, minutes; null: the resource\'s' })
  @ApiProperty({ type: 'integer', nullable: true, description: "minimum notice, minutes; null: the resource's" })
  minNoticeMinutes: number | null;

  @Field(() => Int, { nullable: true, description: "booking horizon, days; null: the resource's" })
  @ApiProperty({ type: 'integer', nullable: true, description: "booking horizon, days; null: the resource's" })
  horizonDays: number | null;

  @Field(() => Int, { nullable: true, description: "reservations per local day; null: the resource's (or none)" })
  @ApiProperty({ type: 'integer', nullable: true, description: "reservations per local day; null: the resource's (or none)" })
  dailyLimit: number | null;
}
