import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../shared/pagination';

@ArgsType()
export class QuoteBoardArgs extends PageArgs {
  @Field({ nullable: true }) @ApiPropertyOptional({ enum: ['draft', 'sent', 'approved', 'declined'] })
  @IsOptional() @IsIn(['draft', 'sent', 'approved', 'declined'], { message: 'status must be draft, sent, approved or declined' })
  status?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  customerId?: string;
}

export { AsOfArgs } from '../shared/as-of';
