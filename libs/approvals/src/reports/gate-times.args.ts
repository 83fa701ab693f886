import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { REQUEST_TYPES } from '../policies/policy.events';

@ArgsType()
export class GateTimesArgs {
  @Field({ nullable: true, description: `only this request type (${REQUEST_TYPES.join(', ')})` })
  @ApiPropertyOptional({ enum: REQUEST_TYPES, description: 'only this request type' })
  @IsOptional() @IsIn(REQUEST_TYPES, { message: `type must be one of ${REQUEST_TYPES.join(', ')}` })
  type?: string;

  @Field({ nullable: true, description: 'gates decided at or after this instant (ISO-8601); default 90 days before `to`' })
  @ApiPropertyOptional({ format: 'date-time', description: 'gates decided at or after this instant (ISO-8601); default 90 days before `to`' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date or date-time' })
  from?: string;

  @Field({ nullable: true, description: 'gates decided before this instant (ISO-8601); default now' })
  @ApiPropertyOptional({ format: 'date-time', description: 'gates decided before this instant (ISO-8601); default now' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date or date-time' })
  to?: string;
}
