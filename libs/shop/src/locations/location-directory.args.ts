import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageArgs } from '../shared/pagination';
import { LOCATION_STATUSES } from './location.dto';

@ArgsType()
export class LocationDirectoryArgs extends PageArgs {
  @Field({ nullable: true }) @ApiPropertyOptional({ enum: LOCATION_STATUSES })
  @IsOptional() @IsIn(LOCATION_STATUSES, { message: 'status must be open or closed' })
  status?: string;
}
