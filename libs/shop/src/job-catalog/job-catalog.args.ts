import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageArgs } from '../shared/pagination';
import { CANNED_JOB_STATUSES } from './canned-job.dto';

@ArgsType()
export class JobCatalogArgs extends PageArgs {
  @Field({ nullable: true }) @ApiPropertyOptional({ enum: CANNED_JOB_STATUSES })
  @IsOptional() @IsIn(CANNED_JOB_STATUSES, { message: 'status must be active or retired' })
  status?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ description: 'part of the name, any case' })
  @IsOptional() @IsString() @Length(1, 120)
  q?: string;
}
