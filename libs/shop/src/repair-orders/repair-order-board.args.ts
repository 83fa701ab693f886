import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '@workbay/platform';
import { REPAIR_ORDER_STATUSES } from './repair-order.dto';
import { RepairOrderStatusEnum } from '../shared/shop-enums';

@ArgsType()
export class RepairOrderBoardArgs extends PageArgs {
  @Field(() => RepairOrderStatusEnum, { nullable: true, description: 'only repair orders in this status' })
  @ApiPropertyOptional({ enum: RepairOrderStatusEnum, description: 'only repair orders in this status' })
  @IsOptional() @IsIn(REPAIR_ORDER_STATUSES, { message: `status must be one of ${REPAIR_ORDER_STATUSES.join(', ')}` })
  status?: string;

  @Field(() => ID, { nullable: true, description: "only this location's repair orders" })
  @ApiPropertyOptional({ format: 'uuid', description: "only this location's repair orders" })
  @IsOptional() @IsUUID()
  locationId?: string;
}
