import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MinorUnits } from '@workbay/platform';
import { ApprovalDeciderView } from '../request-log/request-log.dto';

@ObjectType('ApprovalOpenGate', { description: 'A request and the gate it waits on' })
export class OpenGateView {
  @Field(() => ID, { description: 'the approval request' }) @ApiProperty({ format: 'uuid' }) requestId: string;
  @Field({ description: 'purchase, payment, asset, discount, leave or subscription' }) @ApiProperty() requestType: string;
  @Field({ description: 'what is asked for' }) @ApiProperty() title: string;
  @Field(MinorUnits, { description: 'the amount asked for, in minor units' }) @ApiProperty({ description: 'minor units of currency' }) amountMinor: number;
  @Field({ description: 'ISO 4217 code' }) @ApiProperty() currency: string;
  @Field(() => ID, { description: 'the user who submitted it' }) @ApiProperty() requesterId: string;
  @Field(() => Int, { description: 'the submission round (1, then 2 after a resubmission ...)' }) @ApiProperty({ type: 'integer' }) round: number;
  @Field(() => Int, { description: 'position in the route, from 0' }) @ApiProperty({ type: 'integer', description: 'position in the route, from 0' }) gateIndex: number;
  @Field(() => ID, { description: 'the gate\'s id in the policy' }) @ApiProperty() gateId: string;
  @Field({ description: 'what deciders see' }) @ApiProperty() gateName: string;
  @Field(() => ApprovalDeciderView, { description: 'who decides it now (after an escalation, whom it was escalated to)' })
  @ApiProperty({ type: ApprovalDeciderView, description: 'who decides it now (after an escalation, whom it was escalated to)' }) decider: ApprovalDeciderView;
  @Field(() => Int, { description: 'approvals needed from distinct deciders' }) @ApiProperty({ type: 'integer' }) quorum: number;
  @Field(() => Int, { description: 'approvals so far' }) @ApiProperty({ type: 'integer', description: 'approvals so far' }) approvals: number;
  @Field({ description: 'when the gate opened (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) openedAt: string;
  @Field(() => String, { nullable: true, description: 'when the gate is due (ISO-8601); null without a deadline' }) @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @Field(() => String, { nullable: true, description: 'when its deciders were reminded (ISO-8601); null if not yet' }) @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) remindedAt: string | null;
  @Field(() => String, { nullable: true, description: 'when it was escalated (ISO-8601); null if not' }) @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) escalatedAt: string | null;
}

@ObjectType('ApprovalInboxItem', { description: 'A gate the reader may decide now, and why' })
export class InboxItemView extends OpenGateView {
  @Field({ description: 'the gate names the reader' }) @ApiProperty({ description: 'the gate names the reader' }) byName: boolean;
  @Field({ description: "the gate's role is one the reader holds now" }) @ApiProperty({ description: "the gate's role is one the reader holds now" }) byRole: boolean;
  @Field(() => [ID], { description: 'the users whose active delegation to the reader covers this gate; deciding for one of them logs it on their behalf' })
  @ApiProperty({ type: [String], description: 'the users whose active delegation to the reader covers this gate; deciding for one of them logs it on their behalf' })
  onBehalfOf: string[];
}

@ObjectType('ApprovalInboxPage', { description: 'A page of the reader\'s inbox' })
export class InboxPage {
  @Field(() => [InboxItemView], { description: 'this page of gates' }) @ApiProperty({ type: [InboxItemView] }) items: InboxItemView[];
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' }) @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

@ObjectType('ApprovalOverdueGate', { description: 'An open gate past its due time' })
export class OverdueGateView extends OpenGateView {
  @Field(() => Float, { description: 'seconds past due at the time of the read' })
  @ApiProperty({ type: 'number', description: 'seconds past due at the time of the read' }) overdueSeconds: number;
}

@ObjectType('ApprovalOverduePage', { description: 'A page of open gates past their due time' })
export class OverduePage {
  @Field(() => [OverdueGateView], { description: 'this page of gates' }) @ApiProperty({ type: [OverdueGateView] }) items: OverdueGateView[];
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' }) @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}
