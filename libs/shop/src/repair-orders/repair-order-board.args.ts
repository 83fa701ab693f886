import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../shared/pagination';
import { REPAIR_ORDER_STATUSES } from './repair-order.dto';

@ArgsType()
export class RepairOrderBoardArgs extends PageArgs {
  @Field({ nullable: true }) @ApiPropertyOptional({ enum: REPAIR_ORDER_STATUSES })
  @IsOptional() @IsIn(REPAIR_ORDER_STATUSES, { message: `status must be one of ${REPAIR_ORDER_STATUSES.join(', ')}` })
  status?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  locationId?: string;
}
