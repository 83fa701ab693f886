import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageArgs } from '@workbay/platform';
import { CANNED_JOB_STATUSES } from './canned-job.dto';
import { CannedJobStatusEnum } from '../shared/shop-enums';

@ArgsType()
export class JobCatalogArgs extends PageArgs {
  @Field(() => CannedJobStatusEnum, { nullable: true, description: 'only canned jobs in this status' })
  @ApiPropertyOptional({ enum: CannedJobStatusEnum, description: 'only canned jobs in this status' })
  @IsOptional() @IsIn(CANNED_JOB_STATUSES, { message: 'status must be active or retired' })
  status?: string;

  @Field({ nullable: true, description: 'part of the name, any case' }) @ApiPropertyOptional({ description: 'part of the name, any case' })
  @IsOptional() @IsString() @Length(1, 120)
  q?: string;
}
