import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';

@ArgsType()
export class AuditEventsArgs {
  @Field(() => GraphQLSafeInt, { nullable: true, defaultValue: 0, description: 'global position to continue after (nextAfter of the previous page)' })
  @ApiPropertyOptional({ default: 0, minimum: 0 })
  // IsInt alone takes 1e308 and 2^60 (integers as doubles), which the bigint query refuses as a 500.
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  after?: number = 0;

  @Field(() => Int, { nullable: true, defaultValue: 100 })
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  first?: number = 100;
}

@ObjectType('AuditEventMetadata')
export class AuditEventMetadataView {
  @Field() @ApiProperty({ description: 'user id, or system:<component>' }) actor: string;
  @Field({ nullable: true }) @ApiPropertyOptional() correlationId?: string;
  @Field({ nullable: true }) @ApiPropertyOptional() causationId?: string;
  @Field({ nullable: true }) @ApiPropertyOptional({ description: 'command id / idempotency key that produced the event' }) commandId?: string;
}

@ObjectType('AuditEvent')
export class AuditEventView {
  @Field() @ApiProperty({ format: 'uuid' }) eventId: string;
  @Field() @ApiProperty({ example: 'QuoteApproved' }) type: string;
  @Field(() => Int) @ApiProperty() schemaVersion: number;
  @Field(() => GraphQLJSONObject) @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @Field() @ApiProperty() streamId: string;
  @Field(() => Int) @ApiProperty() streamVersion: number;
  @Field(() => GraphQLSafeInt) @ApiProperty() globalPosition: number;
  @Field() @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @Field(() => AuditEventMetadataView) @ApiProperty({ type: AuditEventMetadataView }) metadata: AuditEventMetadataView;
  @Field() @ApiProperty({ description: 'hex sha-256 of the canonical event content' }) contentHash: string;
  @Field() @ApiProperty({ description: "hex sha-256 chained to the stream's previous event" }) chainHash: string;
}

@ObjectType('AuditEventPage')
export class AuditEventPage {
  @Field(() => [AuditEventView]) @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'pass as `after` for the next page; null at the end' })
  @ApiProperty({ nullable: true, type: Number }) nextAfter: number | null;
}

@ObjectType('StreamBreak')
export class StreamBreakView {
  @Field() @ApiProperty() streamId: string;
  @Field(() => Int) @ApiProperty({ description: 'stream version where the chain first breaks' }) streamVersion: number;
  @Field(() => GraphQLSafeInt, { nullable: true }) @ApiPropertyOptional() globalPosition?: number;
  @Field() @ApiProperty({ enum: ['altered', 'removed', 'reordered', 'head-mismatch'] }) reason: string;
  @Field() @ApiProperty() detail: string;
}

@ObjectType('AuditVerification')
export class AuditVerificationView {
  @Field() @ApiProperty({ description: 'true when every stream of the tenant verifies' }) ok: boolean;
  @Field(() => Int) @ApiProperty() streamsChecked: number;
  @Field(() => GraphQLSafeInt) @ApiProperty() eventsChecked: number;
  @Field(() => [StreamBreakView]) @ApiProperty({ type: [StreamBreakView], description: 'first broken link per broken stream' })
  breaks: StreamBreakView[];
}

@ArgsType()
export class AuditRecordArgs {
  @Field({ nullable: true, description: 'ISO instant: the record as it stood then (default: now)' })
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T12:00:00Z' })
  @IsOptional() @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}

/** GraphQL takes the record's category and id as arguments too (REST has them in the path). */
@ArgsType()
export class AuditRecordQueryArgs extends AuditRecordArgs {
  @Field({ description: "the record's kind: customer, household, vehicle, location, canned-job, quote, repair-order, invoice" })
  @IsString()
  category: string;

  @Field()
  @IsString()
  id: string;
}

@ObjectType('AuditRecord')
export class AuditRecordView {
  @Field() @ApiProperty({ example: 'invoice' }) category: string;
  @Field() @ApiProperty() id: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'null: as it stands now' })
  asOf: string | null;
  @Field(() => Int) @ApiProperty({ description: 'how many events made the record up to asOf' }) version: number;
  @Field() @ApiProperty({ format: 'date-time', description: 'when the last of those events was recorded' }) lastChangedAt: string;
  @Field(() => GraphQLJSONObject) @ApiProperty({ type: 'object', additionalProperties: true, description: "the record's state, folded from its events" })
  state: Record<string, unknown>;
  @Field(() => [AuditEventView]) @ApiProperty({ type: [AuditEventView], description: 'the events that made it, in order (the replay)' })
  events: AuditEventView[];
}
