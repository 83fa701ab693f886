import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageArgs } from '@workbay/platform';
import { ApprovalRequestStatusEnum } from './request-log.dto';
import { REQUEST_STATUSES } from './request-log.rules';

@ArgsType()
export class MyRequestsArgs extends PageArgs {
  @Field(() => ApprovalRequestStatusEnum, { nullable: true, description: 'only requests in this status' })
  @ApiPropertyOptional({ enum: REQUEST_STATUSES, description: 'only requests in this status' })
  @IsOptional() @IsIn(REQUEST_STATUSES, { message: `status must be one of ${REQUEST_STATUSES.join(', ')}` })
  status?: string;
}

export { AsOfArgs } from '@workbay/platform';
