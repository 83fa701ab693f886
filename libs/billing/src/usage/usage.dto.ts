import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { graphqlEnum } from '@workbay/platform';
import { Allow } from 'class-validator';
import { GraphQLJSONObject, GraphQLSafeInt } from 'graphql-scalars';
import { MAX_USAGE_ID_LENGTH } from './usage-envelope.rules';
import { MAX_USAGE_BATCH } from './record-usage';

const EVENT_TYPE = 'the meter\'s event type, e.g. workbay.payments.paid (see the meters)';
const TIME = 'when the usage happened, RFC 3339 with an offset (default: when received); it decides the period (calendar month, UTC)';
const DATA = "the value at the meter's value path (e.g. amountMinor) and its group-by dimensions (e.g. currency)";

/**
 * A usage event in Workbay's JSON. Every rule is in usage-envelope.rules.ts and the decider (one
 * place for both edges); `@Allow` only lets the fields through the global whitelist.
 */
@InputType('UsageEventInput', { description: 'One usage event; `id` is its dedupe key (unique per tenant, forever)' })
export class UsageEventInput {
  @Field(() => ID, { description: 'the emitter\'s id for the event: a repeat is reported duplicate and never counted twice' })
  @ApiProperty({ description: 'the emitter\'s id for the event: a repeat is reported duplicate and never counted twice', minLength: 1, maxLength: MAX_USAGE_ID_LENGTH, pattern: '^[\\x21-\\x7E]+$', example: 'evt-2026-12-01-0001' })
  @Allow() id: string;

  @Field({ description: EVENT_TYPE })
  @ApiProperty({ description: EVENT_TYPE, example: 'workbay.payments.paid' })
  @Allow() type: string;

  @Field({ nullable: true, description: TIME })
  @ApiPropertyOptional({ description: TIME, format: 'date-time' })
  @Allow() time?: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: DATA })
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: DATA, example: { amountMinor: 125000, currency: 'INR' } })
  @Allow() data?: Record<string, unknown>;

  @Field({ nullable: true, description: 'the id of the usage event this one corrects: a late correction past the grace window, counted in the open period' })
  @ApiPropertyOptional({ description: 'the id of the usage event this one corrects: a late correction past the grace window, counted in the open period', maxLength: MAX_USAGE_ID_LENGTH })
  @Allow() adjustmentOf?: string;
}

/** CloudEvents 1.0, structured mode (`application/cloudevents+json`). Only documented here; usage-envelope.rules.ts reads it. */
export class CloudEventInput {
  @ApiProperty({ enum: ['1.0'] }) specversion: string;
  @ApiProperty({ description: 'the dedupe key (unique per tenant, forever)', minLength: 1, maxLength: MAX_USAGE_ID_LENGTH }) id: string;
  @ApiProperty({ description: 'URI-reference of the emitter', example: '/shops/pos-7' }) source: string;
  @ApiProperty({ description: EVENT_TYPE, example: 'workbay.payments.paid' }) type: string;
  @ApiPropertyOptional({ description: TIME, format: 'date-time' }) time?: string;
  @ApiPropertyOptional({ description: 'application/json when given' }) datacontenttype?: string;
  @ApiPropertyOptional() subject?: string;
  @ApiPropertyOptional() dataschema?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: DATA }) data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'extension attribute: the id of the usage event this one corrects (see adjustmentOf)' }) workbayadjustmentof?: string;
}

export const UsageItemStatus = graphqlEnum('UsageItemStatus', 'What became of one usage event', ['accepted', 'duplicate', 'rejected'] as const, {
  accepted: 'recorded in the tenant\'s event store, counted in `period`',
  duplicate: 'its id was recorded before (or earlier in the batch): dropped, not counted again',
  rejected: 'refused: `field` and `reason` say why; nothing recorded',
});

@ObjectType('UsageItemResult', { description: 'The answer for one usage event of a request, in request order' })
export class UsageItemResultView {
  @Field(() => Int, { description: 'its index in the request' }) @ApiProperty({ type: 'integer', minimum: 0 }) index: number;
  @Field(() => ID, { nullable: true, description: 'its id (null when it had none)' }) @ApiProperty({ type: String, nullable: true }) id: string | null;
  @Field(() => UsageItemStatus, { description: 'what became of it' }) @ApiProperty({ enum: ['accepted', 'duplicate', 'rejected'], description: 'what became of it' }) status: 'accepted' | 'duplicate' | 'rejected';
  @Field({ nullable: true, description: 'accepted: the period it counts in (YYYY-MM, UTC)' }) @ApiPropertyOptional({ pattern: '^\\d{4}-\\d{2}$' }) period?: string;
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'accepted: its global position' }) @ApiPropertyOptional({ type: 'integer' }) position?: number;
  @Field({ nullable: true, description: 'rejected: the error code, e.g. USAGE_PERIOD_CLOSED' }) @ApiPropertyOptional() code?: string;
  @Field({ nullable: true, description: 'rejected: the field at fault, e.g. time or data.amountMinor' }) @ApiPropertyOptional() field?: string;
  @Field({ nullable: true, description: 'rejected: why' }) @ApiPropertyOptional() reason?: string;
}

@ObjectType('UsageBatchResult', { description: `A batch (up to ${MAX_USAGE_BATCH} usage events): one answer per event, in order` })
export class UsageBatchResultView {
  @Field(() => Int, { description: 'events recorded' }) @ApiProperty({ type: 'integer', minimum: 0, description: 'events recorded' }) accepted: number;
  @Field(() => Int, { description: 'events dropped as repeats of an id already recorded' }) @ApiProperty({ type: 'integer', minimum: 0, description: 'events dropped as repeats of an id already recorded' }) duplicates: number;
  @Field(() => Int, { description: 'events refused (see their results)' }) @ApiProperty({ type: 'integer', minimum: 0, description: 'events refused (see their results)' }) rejected: number;
  @Field(() => GraphQLSafeInt, { description: 'global position of the last event written (0 if none): pass as X-Min-Position' })
  @ApiProperty({ type: 'integer', minimum: 0, description: 'global position of the last event written (0 if none): pass as X-Min-Position' }) position: number;
  @Field(() => [UsageItemResultView], { description: 'one per event, in request order' }) @ApiProperty({ type: [UsageItemResultView], description: 'one per event, in request order' }) results: UsageItemResultView[];
}
