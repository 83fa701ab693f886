import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '@workbay/platform';
import { QuoteStatusEnum } from '../shared/shop-enums';

@ArgsType()
export class QuoteBoardArgs extends PageArgs {
  @Field(() => QuoteStatusEnum, { nullable: true, description: 'only quotes in this status' })
  @ApiPropertyOptional({ enum: QuoteStatusEnum, description: 'only quotes in this status' })
  @IsOptional() @IsIn(['draft', 'sent', 'approved', 'declined'], { message: 'status must be draft, sent, approved or declined' })
  status?: string;

  @Field(() => ID, { nullable: true, description: "only this customer's quotes" })
  @ApiPropertyOptional({ format: 'uuid', description: "only this customer's quotes" })
  @IsOptional() @IsUUID()
  customerId?: string;
}

export { AsOfArgs } from '@workbay/platform';
