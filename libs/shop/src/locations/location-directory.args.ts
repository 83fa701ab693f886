import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageArgs } from '@workbay/platform';
import { LOCATION_STATUSES } from './location.dto';
import { LocationStatusEnum } from '../shared/shop-enums';

@ArgsType()
export class LocationDirectoryArgs extends PageArgs {
  @Field(() => LocationStatusEnum, { nullable: true, description: 'only locations in this status' })
  @ApiPropertyOptional({ enum: LocationStatusEnum, description: 'only locations in this status' })
  @IsOptional() @IsIn(LOCATION_STATUSES, { message: 'status must be open or closed' })
  status?: string;
}
