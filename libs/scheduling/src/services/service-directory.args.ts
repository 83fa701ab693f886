import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '@workbay/platform';
import { RESOURCE_KINDS } from '../shared/schedule.rules';
import { CatalogStatusEnum, RESOURCE_STATUSES, ResourceKindEnum } from '../catalog/catalog-enums';

@ArgsType()
export class ServiceDirectoryArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'only services at this location' })
  @ApiPropertyOptional({ format: 'uuid', description: 'only services at this location' })
  @IsOptional() @IsUUID()
  locationId?: string;

  @Field(() => ResourceKindEnum, { nullable: true, description: 'only services that need a resource of this kind' })
  @ApiPropertyOptional({ enum: ResourceKindEnum, enumName: 'ResourceKind', description: 'only services that need a resource of this kind' })
  @IsOptional() @IsIn(RESOURCE_KINDS, { message: `kind must be one of ${RESOURCE_KINDS.join(', ')}` })
  kind?: string;

  @Field(() => CatalogStatusEnum, { nullable: true, description: 'only active or only retired services' })
  @ApiPropertyOptional({ enum: CatalogStatusEnum, enumName: 'SchedulingCatalogStatus', description: 'only active or only retired services' })
  @IsOptional() @IsIn(RESOURCE_STATUSES, { message: 'status must be active or retired' })
  status?: string;
}
