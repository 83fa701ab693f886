import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../shared/pagination';

@ArgsType()
export class QuoteBoardArgs extends PageArgs {
  @Field({ nullable: true }) @ApiPropertyOptional({ enum: ['draft', 'sent', 'approved', 'declined'] })
  @IsOptional() @IsIn(['draft', 'sent', 'approved', 'declined'], { message: 'status must be draft, sent, approved or declined' })
  status?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  customerId?: string;
}

@ArgsType()
export class AsOfArgs {
  @Field({ nullable: true, description: 'ISO-8601 instant: the quote as it stood then, rebuilt from its events' })
  @ApiPropertyOptional({ description: 'ISO-8601 instant: the quote as it stood then, rebuilt from its events' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 date-time' })
  asOf?: string;
}
