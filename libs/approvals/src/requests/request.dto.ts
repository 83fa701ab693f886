import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { graphqlEnum, IsAmountMinor, IsCurrencyCode, IsOptionalText, IsRequiredText, MinorUnits, RoleEnum } from '@workbay/platform';
import { PAYMENT_MINOR } from '@workbay/platform/fields';
import { GateDeciderView } from '../policies/policy.dto';
import { REQUEST_TYPES } from '../policies/policy.events';
import { MAX_ATTACHMENTS, REQUEST_TEXT } from './request.decider';
import { GateLogEntry, REQUEST_STATUSES as STREAM_STATUSES, RequestStatus as StreamStatus } from './request-state.rules';

export const ApprovalLinkKindEnum = graphqlEnum('ApprovalLinkKind', 'What kind of record of this shop a request is about', ['quote'] as const, {
  quote: 'a quote (its id is the quote id)',
});

export const ApprovalRequestStateEnum = graphqlEnum('ApprovalRequestState', "Where a request stands, as its own stream folds it", STREAM_STATUSES, {
  in_review: 'a gate waits on its deciders', returned: 'rejected or sent back for changes: the requester may resubmit or withdraw',
  withdrawn: 'withdrawn by the requester', completed: 'every gate approved',
} satisfies Record<StreamStatus, string>);

const GATE_LOG_KINDS = ['submitted', 'resubmitted', 'opened', 'approved', 'rejected', 'changes_requested', 'reminded', 'escalated', 'withdrawn', 'completed'] as const;
export const ApprovalGateLogKindEnum = graphqlEnum('ApprovalGateLogKind', 'What a step of a request\'s gate log records', GATE_LOG_KINDS, {
  submitted: 'the requester submitted it', resubmitted: 'the requester resubmitted it (a new round from the first gate)',
  opened: 'a gate began waiting on its deciders', approved: 'a decider approved the gate', rejected: 'a decider rejected it',
  changes_requested: 'a decider sent it back for changes', reminded: 'the gate sat open to its deadline: its deciders were reminded',
  escalated: 'the gate sat past its deadline: it now waits on someone else', withdrawn: 'the requester withdrew it', completed: 'the last gate was approved',
} satisfies Record<GateLogEntry['kind'], string>);

@InputType('ApprovalMoneyInput', { description: 'An amount in minor units and its currency' })
export class MoneyInput {
  @Field(MinorUnits, { description: 'minor units (paise, cents)' }) @ApiProperty({ example: 2500000, description: 'minor units (paise, cents)' })
  @IsAmountMinor(PAYMENT_MINOR) amountMinor: number;

  @Field({ description: 'ISO 4217 code' }) @ApiProperty({ example: 'INR', description: 'ISO 4217 code' }) @IsCurrencyCode() currency: string;
}

@InputType('ApprovalAttachmentInput', { description: 'A reference to a file kept elsewhere' })
export class AttachmentInput {
  @Field({ description: 'the file name shown' }) @ApiProperty({ example: 'quotation.pdf' }) @IsRequiredText(REQUEST_TEXT.attachmentName) name: string;
  @Field({ description: 'a URL or storage key' }) @ApiProperty({ example: 'https://files.example.com/q/123.pdf', description: 'a URL or storage key' })
  @IsRequiredText(REQUEST_TEXT.attachmentRef) ref: string;
}

@InputType('ApprovalLinkInput', { description: 'The record of this shop the request is about' })
export class LinkInput {
  @Field(() => ApprovalLinkKindEnum, { description: 'what kind of record' }) @ApiProperty({ enum: ['quote'], description: 'what kind of record' }) @IsIn(['quote'], { message: 'kind must be quote' })
  kind: 'quote';

  @Field(() => ID, { description: 'the id of that record' }) @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
}

@InputType({ description: 'A new approval request' })
export class SubmitRequestInput {
  @Field({ description: REQUEST_TYPES.join(', ') }) @ApiProperty({ enum: REQUEST_TYPES, description: 'the request type, whose policy routes it' })
  @IsIn(REQUEST_TYPES, { message: `type must be one of ${REQUEST_TYPES.join(', ')}` }) type: string;

  @Field({ description: 'what is asked for, as deciders see it' }) @ApiProperty({ example: 'Diagnostic scanner' }) @IsRequiredText(REQUEST_TEXT.title) title: string;

  @Field(() => MoneyInput, { description: 'the amount asked for; it picks the gates that apply' }) @ApiProperty({ type: MoneyInput }) @IsObject() @ValidateNested() @Type(() => MoneyInput) amount: MoneyInput;

  @Field({ nullable: true, description: 'free text for the deciders' }) @ApiPropertyOptional() @IsOptionalText(REQUEST_TEXT.details) details?: string;

  @Field(() => [AttachmentInput], { nullable: true, description: 'references to supporting files' }) @ApiPropertyOptional({ type: [AttachmentInput] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ATTACHMENTS) @ValidateNested({ each: true }) @Type(() => AttachmentInput) attachments?: AttachmentInput[];

  @Field(() => LinkInput, { nullable: true, description: 'the record of this shop it is about, if any' }) @ApiPropertyOptional({ type: LinkInput })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LinkInput) link?: LinkInput;
}

@InputType({ description: 'A decision on the gate a request waits on' })
export class DecideGateInput {
  @Field({ nullable: true, description: 'required to reject or request changes' })
  @ApiPropertyOptional({ description: 'required to reject or request changes' }) @IsOptionalText(REQUEST_TEXT.comment) comment?: string;

  @Field(() => ID, { nullable: true, description: 'deciding as a delegate: the user who delegated to you' })
  @ApiPropertyOptional({ format: 'uuid', description: 'deciding as a delegate: the user who delegated to you' }) @IsOptional() @IsUUID() onBehalfOf?: string;

  @Field(() => Int, { nullable: true, description: 'the round you saw; with gateIndex, a decision for a gate decided meanwhile is 409' })
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'the round you saw' }) @IsOptional() @IsInt() @Min(1) round?: number;

  @Field(() => Int, { nullable: true, description: 'the gate you saw (its index in the route)' })
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'the gate you saw (its index in the route)' }) @IsOptional() @IsInt() @Min(0) gateIndex?: number;
}

@InputType({ description: 'A returned request sent again; omitted fields stay as they were' })
export class ResubmitRequestInput {
  @Field({ nullable: true, description: 'a new title' }) @ApiPropertyOptional() @IsOptionalText(REQUEST_TEXT.title) title?: string;
  @Field(() => MoneyInput, { nullable: true, description: 'a new amount' }) @ApiPropertyOptional({ type: MoneyInput }) @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyInput) amount?: MoneyInput;
  @Field({ nullable: true, description: 'new details' }) @ApiPropertyOptional() @IsOptionalText(REQUEST_TEXT.details) details?: string;
  @Field(() => [AttachmentInput], { nullable: true, description: 'the new attachment list (replaces the old one)' }) @ApiPropertyOptional({ type: [AttachmentInput] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ATTACHMENTS) @ValidateNested({ each: true }) @Type(() => AttachmentInput) attachments?: AttachmentInput[];
}

@InputType({ description: 'Why the requester takes the request back' })
export class WithdrawRequestInput {
  @Field({ nullable: true, description: 'the reason, logged with the withdrawal' }) @ApiPropertyOptional() @IsOptional() @IsString() @IsOptionalText(REQUEST_TEXT.reason) reason?: string;
}

@ObjectType('ApprovalMoney', { description: 'An amount in minor units and its currency' })
export class MoneyView {
  @Field(MinorUnits, { description: 'minor units (paise, cents)' }) @ApiProperty() amountMinor: number;
  @Field({ description: 'ISO 4217 code' }) @ApiProperty() currency: string;
}

@ObjectType('ApprovalAttachment', { description: 'A reference to a file kept elsewhere' })
export class AttachmentView {
  @Field({ description: 'the file name shown' }) @ApiProperty() name: string;
  @Field({ description: 'a URL or storage key' }) @ApiProperty() ref: string;
}

@ObjectType('ApprovalLink', { description: 'The record of this shop a request is about' })
export class LinkView {
  @Field(() => ApprovalLinkKindEnum, { description: 'what kind of record' }) @ApiProperty() kind: string;
  @Field(() => ID, { description: 'the id of that record' }) @ApiProperty({ format: 'uuid' }) id: string;
}

@ObjectType('RoutedGate', { description: 'A gate of this request\'s route, frozen at submission' })
export class RoutedGateView {
  @Field(() => Int, { description: 'position in the route, from 0' }) @ApiProperty({ type: 'integer' }) gateIndex: number;
  @Field(() => ID, { description: "the gate's id in the policy" }) @ApiProperty() gateId: string;
  @Field({ description: 'what deciders see' }) @ApiProperty() name: string;
  @Field(() => GateDeciderView, { description: 'who decides it (before any escalation)' }) @ApiProperty({ type: GateDeciderView }) decider: GateDeciderView;
  @Field(() => Int, { description: 'approvals needed from distinct deciders' }) @ApiProperty({ type: 'integer' }) quorum: number;
  @Field(() => Float, { nullable: true, description: 'hours before a reminder, then an escalation; null: no deadline' }) @ApiProperty({ type: 'number', nullable: true }) deadlineHours: number | null;
}

@ObjectType('GateLogEntry', { description: 'One step of the audited gate log, in order' })
export class GateLogEntryView {
  @Field(() => ApprovalGateLogKindEnum, { description: 'what the step records' })
  @ApiProperty({ description: 'submitted, resubmitted, opened, approved, rejected, changes_requested, reminded, escalated, withdrawn, completed' }) kind: string;
  @Field(() => Int, { description: 'the submission round (1, then 2 after a resubmission ...)' }) @ApiProperty({ type: 'integer' }) round: number;
  @Field(() => Int, { nullable: true, description: "the gate's position in the route, when the step is about a gate" }) @ApiProperty({ type: 'integer', nullable: true }) gateIndex: number | null;
  @Field(() => ID, { nullable: true, description: "the gate's id in the policy, on opened and decision steps" }) @ApiProperty({ nullable: true, type: String }) gateId: string | null;
  @Field(() => ID, { nullable: true, description: 'who acted (the decider, or the requester for a submission)' })
  @ApiProperty({ nullable: true, type: String, description: 'who acted (the decider, or the requester for a submission)' }) actorId: string | null;
  @Field(() => [String], { description: 'the decider\'s roles when deciding' }) @ApiProperty({ type: [String] }) actorRoles: string[];
  @Field(() => ID, { nullable: true, description: 'set when a delegate decided: whose gate it was' })
  @ApiProperty({ nullable: true, type: String, description: 'set when a delegate decided: whose gate it was' }) onBehalfOf: string | null;
  @Field(() => String, { nullable: true, description: "the decider's or the requester's comment" }) @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @Field(() => GateDeciderView, { nullable: true, description: 'opened: who it waits on; escalated: to whom' })
  @ApiProperty({ nullable: true, type: GateDeciderView }) decider: GateDeciderView | null;
  @Field(() => String, { nullable: true, description: 'opened: when the gate is due (ISO-8601); null without a deadline' }) @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt: string | null;
  @Field({ description: 'when it happened (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) at: string;
}

@ObjectType('ApprovalRequest', { description: 'A request as its stream stands now' })
export class RequestView {
  @Field(() => ID, { description: 'the request' }) @ApiProperty({ format: 'uuid' }) id: string;
  @Field({ description: 'purchase, payment, asset, discount, leave or subscription' }) @ApiProperty() type: string;
  @Field({ description: 'what is asked for' }) @ApiProperty() title: string;
  @Field(() => MoneyView, { description: 'the amount asked for' }) @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @Field(() => String, { nullable: true, description: 'free text for the deciders' }) @ApiProperty({ nullable: true, type: String }) details: string | null;
  @Field(() => [AttachmentView], { description: 'references to supporting files' }) @ApiProperty({ type: [AttachmentView] }) attachments: AttachmentView[];
  @Field(() => LinkView, { nullable: true, description: 'the record of this shop it is about, if any' }) @ApiProperty({ nullable: true, type: LinkView }) link: LinkView | null;
  @Field(() => ID, { description: 'the user who submitted it' }) @ApiProperty({ format: 'uuid' }) requesterId: string;
  @Field(() => Int, { description: 'the policy version it was routed by' }) @ApiProperty({ type: 'integer' }) policyVersion: number;
  @Field(() => ApprovalRequestStateEnum, { description: 'where it stands' }) @ApiProperty({ enum: ['in_review', 'returned', 'withdrawn', 'completed'] }) status: string;
  @Field(() => Int, { description: 'the submission round (1, then 2 after a resubmission ...)' }) @ApiProperty({ type: 'integer' }) round: number;
  @Field(() => [RoutedGateView], { description: 'the gates that apply to it, in order, frozen at submission' }) @ApiProperty({ type: [RoutedGateView] }) route: RoutedGateView[];
  @Field(() => Int, { nullable: true, description: 'the open gate, while in review' }) @ApiProperty({ type: 'integer', nullable: true }) currentGate: number | null;
  @Field(() => GateDeciderView, { nullable: true, description: 'who the open gate waits on (after any escalation)' })
  @ApiProperty({ nullable: true, type: GateDeciderView }) waitingOn: GateDeciderView | null;
  @Field(() => Int, { description: 'approvals the open gate has so far' }) @ApiProperty({ type: 'integer' }) approvalsSoFar: number;
  @Field(() => [GateLogEntryView], { description: 'every step, in order' }) @ApiProperty({ type: [GateLogEntryView] }) log: GateLogEntryView[];
}
