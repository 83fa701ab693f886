import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { AS_OF_DESCRIPTION } from '../shared/as-of';
import { PageArgs } from '../shared/pagination';

@ArgsType()
export class QuoteBoardArgs extends PageArgs {
  @Field({ nullable: true }) @ApiPropertyOptional({ enum: ['draft', 'sent', 'approved', 'declined'] })
  @IsOptional() @IsIn(['draft', 'sent', 'approved', 'declined'], { message: 'status must be draft, sent, approved or declined' })
  status?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  customerId?: string;
}

/** REST query parameters of a detail read; GraphQL takes the same through AsOfArg. */
export class AsOfArgs {
  @ApiPropertyOptional({ description: AS_OF_DESCRIPTION })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 date-time' })
  asOf?: string;
}
