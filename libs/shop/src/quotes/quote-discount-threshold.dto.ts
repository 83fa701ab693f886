import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, Max, Min, ValidateIf } from 'class-validator';
import { MinorUnits } from '@workbay/platform';

@InputType({ description: "The shop's quote discount threshold: above either limit a discount needs an approved discount request" })
export class SetQuoteDiscountThresholdInput {
  @Field(() => Float, { nullable: true, description: 'percent of the quote subtotal (0-100, 2 decimals); null: no percent limit' })
  @ApiPropertyOptional({ type: 'number', nullable: true, minimum: 0, maximum: 100, example: 10, description: 'percent of the quote subtotal (0-100, 2 decimals); null or omitted: no percent limit' })
  @ValidateIf((o: SetQuoteDiscountThresholdInput) => o.maxPercent != null)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'maxPercent must be a number with at most 2 decimals' })
  @Min(0) @Max(100)
  maxPercent?: number | null;

  @Field(MinorUnits, { nullable: true, description: "in minor units of the shop's currency; null: no amount limit" })
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, example: 500000, description: "in minor units of the shop's currency; null or omitted: no amount limit" })
  @ValidateIf((o: SetQuoteDiscountThresholdInput) => o.maxAmountMinor != null)
  @IsInt({ message: 'maxAmountMinor must be a whole number of minor units' }) @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  maxAmountMinor?: number | null;
}

@ObjectType({ description: "The shop's quote discount threshold" })
export class QuoteDiscountThresholdView {
  @Field(() => Float, { nullable: true, description: 'percent of the quote subtotal; null: no percent limit' })
  @ApiProperty({ type: 'number', nullable: true, description: 'percent of the quote subtotal; null: no percent limit' })
  maxPercent: number | null;

  @Field(MinorUnits, { nullable: true, description: 'in minor units of `currency`; null: no amount limit' })
  @ApiProperty({ type: 'integer', nullable: true, description: 'in minor units of `currency`; null: no amount limit' })
  maxAmountMinor: number | null;

  @Field({ description: 'ISO 4217 code of maxAmountMinor (the shop currency when it was set)' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of maxAmountMinor (the shop currency when it was set)' })
  currency: string;

  @Field(() => String, { nullable: true, description: 'when it was last set; null: never (no limit)' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was last set; null: never (no limit)' })
  setAt: string | null;

  @Field(() => Int, { description: "stream version: the number of times it was set" })
  @ApiProperty({ type: 'integer', description: 'stream version: the number of times it was set' })
  version: number;
}
