import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { graphqlEnum } from '@workbay/platform';
import { GraphQLSafeInt } from 'graphql-scalars';
import { AuditVerificationView } from '../audit.dto';

export const VERIFICATION_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const VerificationStatusEnum = graphqlEnum('VerificationStatus', 'Where a tenant verification run stands', VERIFICATION_STATUSES, {
  queued: 'waiting for the worker (again, after a failed attempt)',
  running: 'the worker is recomputing the hash chains; eventsChecked grows',
  done: 'finished: the report says whether every stream verifies',
  failed: 'every attempt failed; error says why (the chains were not judged)',
});

@ObjectType('AuditVerificationJob', { description: "A run of the tenant's hash-chain verification in the worker" })
export class AuditVerificationJobView {
  @Field(() => ID, { description: 'the run; poll GET /audit/verifications/{id}' }) @ApiProperty({ format: 'uuid' }) id: string;
  @Field(() => VerificationStatusEnum, { description: 'queued, running, done or failed' }) @ApiProperty({ enum: VERIFICATION_STATUSES }) status: VerificationStatus;
  @Field(() => GraphQLSafeInt, { description: 'events recomputed so far (all of them once done)' }) @ApiProperty({ type: 'integer', minimum: 0, description: 'events recomputed so far (all of them once done)' })
  eventsChecked: number;
  @Field(() => Int, { description: 'attempts started (a retry after a failure or a worker that died counts again)' }) @ApiProperty({ type: 'integer', minimum: 0 }) attempts: number;
  @Field(() => AuditVerificationView, { nullable: true, description: 'the report, once done' }) @ApiProperty({ type: AuditVerificationView, nullable: true, description: 'the report, once done' })
  report: AuditVerificationView | null;
  @Field(() => String, { nullable: true, description: 'why the last attempt failed' }) @ApiProperty({ type: String, nullable: true, description: 'why the last attempt failed' }) error: string | null;
  @Field({ description: 'user who asked for the run' }) @ApiProperty({ description: 'user who asked for the run' }) requestedBy: string;
  @Field({ description: 'ISO-8601 UTC' }) @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @Field(() => String, { nullable: true, description: 'when the first attempt started' }) @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @Field(() => String, { nullable: true, description: 'when it finished (done or failed)' }) @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}
