import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { MinorUnits } from '@workbay/platform';
import { LineKindEnum } from './shop-enums';

/** What every sold line shows (quote, repair order, invoice, visit): the quote's line as sold. */
@ObjectType({ isAbstract: true })
export abstract class SoldLineView {
  @Field(() => ID, { description: 'the line, unique within its quote (line-<n> unless the quote named it)' })
  @ApiProperty({ description: 'the line, unique within its quote (line-<n> unless the quote named it)' })
  lineId: string;

  @Field(() => LineKindEnum, { description: 'labor or part' })
  @ApiProperty({ enum: LineKindEnum, description: 'labor or part' })
  kind: string;

  @Field({ description: 'what the customer sees on the line' })
  @ApiProperty({ description: 'what the customer sees on the line' })
  description: string;

  @Field(() => Float, { description: 'sold hours for labor, units for a part (up to 2 decimals)' })
  @ApiProperty({ description: 'sold hours for labor, units for a part (up to 2 decimals)' })
  quantity: number;

  @Field(MinorUnits, { description: 'price per hour or unit, in minor units of the currency' })
  @ApiProperty({ type: 'integer', minimum: 0, description: 'price per hour or unit, in minor units of the currency' })
  unitPriceMinor: number;
}
