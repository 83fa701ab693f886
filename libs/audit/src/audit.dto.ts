import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, Min } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';

@ArgsType()
export class AuditEventsArgs {
  @Field(() => GraphQLSafeInt, { nullable: true, defaultValue: 0, description: 'global position to continue after (nextAfter of the previous page)' })
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, description: 'global position to continue after (nextAfter of the previous page)' })
  // IsInt alone takes 1e308 and 2^60 (integers as doubles), which the bigint query refuses as a 500.
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  after?: number = 0;

  @Field(() => Int, { nullable: true, defaultValue: 100, description: 'page size, 1-1000' })
  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  first?: number = 100;
}

@ObjectType('AuditEventMetadata', { description: 'Who and what caused an event' })
export class AuditEventMetadataView {
  @Field({ description: 'user id, or system:<component>' }) @ApiProperty({ description: 'user id, or system:<component>' }) actor: string;
  @Field({ nullable: true, description: 'the request or process that the event belongs to' }) @ApiPropertyOptional({ description: 'the request or process that the event belongs to' }) correlationId?: string;
  @Field({ nullable: true, description: 'the event or command that caused it' }) @ApiPropertyOptional({ description: 'the event or command that caused it' }) causationId?: string;
  @Field({ nullable: true, description: 'command id / idempotency key that produced the event' }) @ApiPropertyOptional({ description: 'command id / idempotency key that produced the event' }) commandId?: string;
}

@ObjectType('AuditEvent', { description: "An event of the tenant's stream, with its place in the hash chain" })
export class AuditEventView {
  @Field(() => ID, { description: 'the event id' }) @ApiProperty({ format: 'uuid' }) eventId: string;
  @Field({ description: 'past-tense event type' }) @ApiProperty({ example: 'QuoteApproved', description: 'past-tense event type' }) type: string;
  @Field(() => Int, { description: 'version of the event type' }) @ApiProperty({ type: 'integer', minimum: 1, description: 'version of the event type' }) schemaVersion: number;
  @Field(() => GraphQLJSONObject, { description: 'the payload (ids and values)' }) @ApiProperty({ type: 'object', additionalProperties: true, description: 'the payload (ids and values)' }) data: Record<string, unknown>;
  @Field({ description: 'the stream (one record) it belongs to' }) @ApiProperty({ description: 'the stream (one record) it belongs to' }) streamId: string;
  @Field(() => Int, { description: 'its version in the stream' }) @ApiProperty({ type: 'integer', minimum: 0, description: 'its version in the stream' }) streamVersion: number;
  @Field(() => GraphQLSafeInt, { description: 'its position in the global order' }) @ApiProperty({ type: 'integer', minimum: 0, description: 'its position in the global order' }) globalPosition: number;
  @Field({ description: 'ISO-8601 UTC' }) @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @Field(() => AuditEventMetadataView, { description: 'actor, correlation and causation' }) @ApiProperty({ type: AuditEventMetadataView }) metadata: AuditEventMetadataView;
  @Field({ description: 'hex sha-256 of the canonical event content' }) @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'hex sha-256 of the canonical event content' }) contentHash: string;
  @Field({ description: "hex sha-256 chained to the stream's previous event" }) @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: "hex sha-256 chained to the stream's previous event" }) chainHash: string;
}

@ObjectType('AuditEventPage', { description: "A page of the tenant's events" })
export class AuditEventPage {
  @Field(() => [AuditEventView], { description: 'the events, in global order' }) @ApiProperty({ type: [AuditEventView] }) items: AuditEventView[];
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'pass as `after` for the next page; null at the end' })
  @ApiProperty({ nullable: true, type: 'integer', description: 'pass as `after` for the next page; null at the end' }) nextAfter: number | null;
}

@ObjectType('StreamBreak', { description: 'The first broken link of a stream' })
export class StreamBreakView {
  @Field(() => ID, { description: 'the broken stream' }) @ApiProperty() streamId: string;
  @Field(() => Int, { description: 'stream version where the chain first breaks' }) @ApiProperty({ type: 'integer', minimum: 0, description: 'stream version where the chain first breaks' }) streamVersion: number;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'global position of that event, when it still exists' }) @ApiPropertyOptional({ type: 'integer', minimum: 0 }) globalPosition?: number;
  // GraphQL keeps a String: `head-mismatch` is not a valid GraphQL enum value.
  @Field({ description: 'altered, removed, reordered or head-mismatch' }) @ApiProperty({ enum: ['altered', 'removed', 'reordered', 'head-mismatch'] }) reason: string;
  @Field({ description: 'what the verifier found' }) @ApiProperty() detail: string;
}

@ObjectType('AuditVerification', { description: "The result of recomputing the tenant's hash chains" })
export class AuditVerificationView {
  @Field({ description: 'true when every stream of the tenant verifies' }) @ApiProperty({ description: 'true when every stream of the tenant verifies' }) ok: boolean;
  @Field(() => Int, { description: 'streams recomputed' }) @ApiProperty({ type: 'integer', minimum: 0 }) streamsChecked: number;
  @Field(() => GraphQLSafeInt, { description: 'events recomputed' }) @ApiProperty({ type: 'integer', minimum: 0 }) eventsChecked: number;
  @Field(() => [StreamBreakView], { description: 'first broken link per broken stream' }) @ApiProperty({ type: [StreamBreakView], description: 'first broken link per broken stream' })
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

  @Field({ description: "the record's id (the last part of its stream id)" })
  @IsString()
  id: string;
}

@ObjectType('AuditRecord', { description: 'One record as it stood at an instant, and the events that made it' })
export class AuditRecordView {
  @Field({ description: "the record's kind" }) @ApiProperty({ example: 'invoice' }) category: string;
  @Field({ description: "the record's id" }) @ApiProperty() id: string;
  @Field(() => String, { nullable: true, description: 'null: as it stands now' }) @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'null: as it stands now' })
  asOf: string | null;
  @Field(() => Int, { description: 'how many events made the record up to asOf' }) @ApiProperty({ type: 'integer', minimum: 1, description: 'how many events made the record up to asOf' }) version: number;
  @Field({ description: 'when the last of those events was recorded' }) @ApiProperty({ format: 'date-time', description: 'when the last of those events was recorded' }) lastChangedAt: string;
  @Field(() => GraphQLJSONObject, { description: "the record's state, folded from its events" }) @ApiProperty({ type: 'object', additionalProperties: true, description: "the record's state, folded from its events" })
  state: Record<string, unknown>;
  @Field(() => [AuditEventView], { description: 'the events that made it, in order (the replay)' }) @ApiProperty({ type: [AuditEventView], description: 'the events that made it, in order (the replay)' })
  events: AuditEventView[];
}
