import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { graphqlEnum, MinorUnits, RoleEnum } from '@workbay/platform';
import { AttachmentView, LinkView } from '../requests/request.dto';
import { LOG_KINDS, LogKind, REQUEST_STATUSES, RequestStatus } from './request-log.rules';

export const ApprovalRequestStatusEnum = graphqlEnum('ApprovalRequestStatus', 'Where an approval request stands', REQUEST_STATUSES, {
  in_review: 'a gate waits on its deciders', changes_requested: 'sent back to the requester for changes',
  rejected: 'rejected at a gate; the requester may resubmit or withdraw', withdrawn: 'withdrawn by the requester', completed: 'every gate approved',
} satisfies Record<RequestStatus, string>);

export const ApprovalLogKindEnum = graphqlEnum('ApprovalLogKind', 'What a line of the gate log records', LOG_KINDS, {
  submitted: 'the requester submitted it', gate_opened: 'a gate began waiting on its deciders', approved: 'a decider approved the gate',
  rejected: 'a decider rejected it', changes_requested: 'a decider sent it back for changes', resubmitted: 'the requester resubmitted it (a new round from the first gate)',
  withdrawn: 'the requester withdrew it', reminded: 'the gate sat open to its deadline: its deciders were reminded',
  escalated: 'the gate sat past its deadline: it now waits on the next higher holder', completed: 'the last gate was approved',
} satisfies Record<LogKind, string>);

@ObjectType('ApprovalDecider', { description: 'Who may decide a gate: a role (held now), or one named user' })
export class ApprovalDeciderView {
  @Field(() => RoleEnum, { nullable: true, description: 'the role whose holders decide' })
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the role whose holders decide' }) role: string | null;
  @Field(() => ID, { nullable: true, description: 'the one user who decides' })
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the one user who decides' }) userId: string | null;
}

@ObjectType('ApprovalWaitingGate', { description: 'The gate a request waits on now' })
export class WaitingGateView {
  @Field(() => Int, { description: 'position in the route, from 0' }) @ApiProperty({ type: 'integer', description: 'position in the route, from 0' }) gateIndex: number;
  @Field(() => ID, { description: 'the gate\'s id in the policy' }) @ApiProperty() gateId: string;
  @Field({ description: 'what deciders see' }) @ApiProperty() name: string;
  @Field(() => ApprovalDeciderView, { description: 'who decides it now (after an escalation, whom it was escalated to)' })
  @ApiProperty({ type: ApprovalDeciderView, description: 'who decides it now (after an escalation, whom it was escalated to)' }) decider: ApprovalDeciderView;
  @Field(() => Int, { description: 'approvals needed from distinct deciders' }) @ApiProperty({ type: 'integer', description: 'approvals needed' }) quorum: number;
  @Field(() => Int, { description: 'approvals so far' }) @ApiProperty({ type: 'integer', description: 'approvals so far' }) approvals: number;
  @Field({ description: 'when the gate opened (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) openedAt: string;
  @Field(() => String, { nullable: true, description: 'when the gate is due (ISO-8601); null without a deadline' }) @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @Field(() => String, { nullable: true, description: 'when its deciders were reminded (ISO-8601); null if not yet' }) @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) remindedAt: string | null;
  @Field(() => String, { nullable: true, description: 'when it was escalated (ISO-8601); null if not' }) @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) escalatedAt: string | null;
}

@ObjectType('ApprovalLogEntry', { description: 'One audited line of the gate log' })
export class LogEntryView {
  @Field(() => Int, { description: 'the line\'s position in the request\'s stream' }) @ApiProperty({ type: 'integer', description: "the line's position in the request's stream" }) seq: number;
  @Field(() => ApprovalLogKindEnum, { description: 'what the line records' }) @ApiProperty({ enum: LOG_KINDS }) kind: string;
  @Field(() => Int, { description: 'the submission round (1, then 2 after a resubmission ...)' }) @ApiProperty({ type: 'integer', description: 'the submission round (1, then 2 after a resubmission ...)' }) round: number;
  @Field(() => Int, { nullable: true, description: 'the gate\'s position in the route, when the line is about a gate' }) @ApiPropertyOptional({ type: 'integer', nullable: true }) gateIndex: number | null;
  @Field(() => ID, { nullable: true, description: 'the gate\'s id in the policy, when the line is about a gate' }) @ApiPropertyOptional({ type: String, nullable: true }) gateId: string | null;
  @Field(() => String, { nullable: true, description: 'the gate\'s name, when the line is about a gate' }) @ApiPropertyOptional({ type: String, nullable: true }) gateName: string | null;
  @Field(() => ID, { nullable: true, description: 'who acted; null for the system (reminders, escalations, completion)' })
  @ApiPropertyOptional({ type: String, nullable: true, description: 'who acted; null for the system (reminders, escalations, completion)' }) actorId: string | null;
  @Field(() => String, { nullable: true, description: "the actor's display name now" })
  @ApiPropertyOptional({ type: String, nullable: true, description: "the actor's display name now" }) actorName: string | null;
  @Field(() => [String], { description: 'the roles the actor held when deciding' })
  @ApiProperty({ type: [String], description: 'the roles the actor held when deciding' }) actorRoles: string[];
  @Field(() => ID, { nullable: true, description: 'the user a delegate acted for' })
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the user a delegate acted for' }) onBehalfOf: string | null;
  @Field(() => String, { nullable: true, description: "that user's display name now" })
  @ApiPropertyOptional({ type: String, nullable: true, description: "that user's display name now" }) onBehalfOfName: string | null;
  @Field(() => String, { nullable: true, description: 'the decider\'s or the requester\'s comment' }) @ApiPropertyOptional({ type: String, nullable: true }) comment: string | null;
  @Field(() => Boolean, { nullable: true, description: 'on an approval: whether it reached the quorum' })
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'on an approval: whether it reached the quorum' }) gateComplete: boolean | null;
  @Field(() => ApprovalDeciderView, { nullable: true, description: 'opened: who it waits on; escalated: whom it now waits on' })
  @ApiPropertyOptional({ type: ApprovalDeciderView, nullable: true, description: 'opened: who it waits on; escalated: whom it now waits on' }) decider: ApprovalDeciderView | null;
  @Field(() => ApprovalDeciderView, { nullable: true, description: 'escalated: whom it waited on before' })
  @ApiPropertyOptional({ type: ApprovalDeciderView, nullable: true, description: 'escalated: whom it waited on before' }) previousDecider: ApprovalDeciderView | null;
  @Field({ description: 'when it happened (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) at: string;
}

@ObjectType('ApprovalRequestSummary', { description: 'An approval request as lists show it' })
export class ApprovalRequestSummaryView {
  @Field(() => ID, { description: 'the request' }) @ApiProperty({ format: 'uuid' }) id: string;
  @Field({ description: 'purchase, payment, asset, discount, leave or subscription' }) @ApiProperty({ description: 'purchase, payment, asset, discount, leave or subscription' }) requestType: string;
  @Field({ description: 'what is asked for' }) @ApiProperty() title: string;
  @Field(MinorUnits, { description: 'minor units of currency' }) @ApiProperty({ description: 'minor units of currency' }) amountMinor: number;
  @Field({ description: 'ISO 4217 code' }) @ApiProperty() currency: string;
  @Field(() => ID, { description: 'the user who submitted it' }) @ApiProperty() requesterId: string;
  @Field(() => Int, { description: 'the policy version it was submitted under' }) @ApiProperty({ type: 'integer', description: 'the policy version it was submitted under' }) policyVersion: number;
  @Field(() => Int, { description: 'the submission round (1, then 2 after a resubmission ...)' }) @ApiProperty({ type: 'integer' }) round: number;
  @Field(() => ApprovalRequestStatusEnum, { description: 'where it stands' }) @ApiProperty({ enum: REQUEST_STATUSES }) status: string;
  @Field(() => WaitingGateView, { nullable: true, description: 'the gate it waits on, if any' })
  @ApiPropertyOptional({ type: WaitingGateView, nullable: true, description: 'the gate it waits on, if any' }) waitingGate: WaitingGateView | null;
  @Field({ description: 'when it was first submitted (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) submittedAt: string;
  @Field({ description: 'when it last changed (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) lastChangedAt: string;
  @Field(() => String, { nullable: true, description: 'when it was completed or withdrawn' })
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'when it was completed or withdrawn' }) closedAt: string | null;
  @Field(() => Int, { description: 'the request stream\'s version this view includes' }) @ApiProperty({ type: 'integer', description: "the request stream's version this view includes" }) version: number;
}

@ObjectType('ApprovalRequestDetail', { description: 'An approval request with its route and its audited gate log' })
export class ApprovalRequestDetailView extends ApprovalRequestSummaryView {
  @Field(() => String, { nullable: true, description: "the requester's display name now" })
  @ApiPropertyOptional({ type: String, nullable: true, description: "the requester's display name now" }) requesterName: string | null;
  @Field(() => String, { nullable: true, description: 'free text for the deciders' }) @ApiPropertyOptional({ type: String, nullable: true }) details: string | null;
  @Field(() => [AttachmentView], { description: 'references to supporting files' }) @ApiProperty({ type: [AttachmentView] }) attachments: AttachmentView[];
  @Field(() => LinkView, { nullable: true, description: 'the record of this shop it is about, if any' }) @ApiPropertyOptional({ type: LinkView, nullable: true }) link: LinkView | null;
  @Field(() => [String], { description: 'the gate ids of the current round, in order' })
  @ApiProperty({ type: [String], description: 'the gate ids of the current round, in order' }) route: string[];
  @Field(() => [LogEntryView], { description: 'every decision, reminder and escalation, in order' })
  @ApiProperty({ type: [LogEntryView], description: 'every decision, reminder and escalation, in order' }) log: LogEntryView[];
}

@ObjectType('ApprovalRequestPage', { description: 'A page of approval requests' })
export class ApprovalRequestPage {
  @Field(() => [ApprovalRequestSummaryView], { description: 'the page' }) @ApiProperty({ type: [ApprovalRequestSummaryView] }) items: ApprovalRequestSummaryView[];
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' }) @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

