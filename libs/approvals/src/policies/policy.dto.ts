import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNumber, IsObject, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { IsAmountMinor, IsCurrencyCode, MinorUnits, RoleEnum } from '@workbay/platform';
import { PRICE_MINOR } from '@workbay/platform/fields';
import { MAX_GATES } from './policy.decider';

@InputType({ description: 'Who decides a gate: exactly one of a role or a named user' })
export class GateDeciderInput {
  @Field(() => RoleEnum, { nullable: true, description: 'a role, e.g. manager, revenue_assurance, ceo, owner' })
  @ApiPropertyOptional({ example: 'manager', description: 'a role, e.g. manager, revenue_assurance, ceo, owner' })
  @IsOptional() @IsString() role?: string;

  @Field(() => ID, { nullable: true, description: 'a user of this shop' })
  @ApiPropertyOptional({ format: 'uuid', description: 'a user of this shop' })
  @IsOptional() @IsUUID() userId?: string;
}

@InputType({ description: 'A threshold in one currency' })
export class GateThresholdInput {
  @Field({ description: 'ISO 4217 code' }) @ApiProperty({ example: 'INR', description: 'ISO 4217 code' }) @IsCurrencyCode()
  currency: string;

  @Field(MinorUnits, { description: 'the gate applies above this amount (minor units)' })
  @ApiProperty({ example: 100000, description: 'the gate applies above this amount (minor units)' })
  @IsAmountMinor(PRICE_MINOR) amountMinor: number;
}

@InputType({ description: 'One gate of a policy, in routing order' })
export class PolicyGateInput {
  @Field(() => ID, { description: 'stable id within the policy: lower-case letters, digits, dashes' })
  @ApiProperty({ example: 'manager', description: 'stable id within the policy: lower-case letters, digits, dashes' })
  @IsString() gateId: string;

  @Field({ description: 'what deciders see, e.g. Revenue Assurance' }) @ApiProperty({ example: 'Manager', description: 'what deciders see' }) @IsString()
  name: string;

  @Field(() => GateDeciderInput, { description: 'who decides it' }) @ApiProperty({ type: GateDeciderInput, description: 'who decides it' })
  @IsObject() @ValidateNested() @Type(() => GateDeciderInput) decider: GateDeciderInput;

  @Field(() => [GateThresholdInput], { nullable: true, description: 'applies only above these amounts, per currency; omitted: always applies' })
  @ApiPropertyOptional({ type: [GateThresholdInput], description: 'applies only above these amounts, per currency; omitted: always applies' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => GateThresholdInput) requiredAbove?: GateThresholdInput[];

  @Field(() => Int, { nullable: true, description: 'approvals needed from distinct deciders; default 1' })
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'approvals needed from distinct deciders; default 1' })
  @IsOptional() @IsInt() @Min(1) quorum?: number;

  @Field(() => Float, { nullable: true, description: 'hours before a reminder, then an escalation; omitted or null: no deadline' })
  @ApiPropertyOptional({ type: 'number', nullable: true, description: 'hours before a reminder, then an escalation; omitted or null: no deadline' })
  @IsOptional() @IsNumber() deadlineHours?: number | null;

  @Field(() => GateDeciderInput, { nullable: true, description: 'who takes the gate over past its deadline; omitted: the next gate\'s decider, else the owner' })
  @ApiPropertyOptional({ type: GateDeciderInput, description: "who takes the gate over past its deadline; omitted: the next gate's decider, else the owner" })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => GateDeciderInput) escalateTo?: GateDeciderInput;
}

@InputType({ description: 'A new version of a policy: its whole gate list' })
export class PublishPolicyInput {
  @Field(() => [PolicyGateInput], { description: 'the gates, in routing order' })
  @ApiProperty({ type: [PolicyGateInput], description: 'the gates, in routing order' })
  @IsArray() @ArrayMinSize(1, { message: 'gates must have at least one gate' }) @ArrayMaxSize(MAX_GATES)
  @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => PolicyGateInput) gates: PolicyGateInput[];

  @Field(() => Int, { nullable: true, description: 'the version this edit was made against; a newer one is 409' })
  @ApiPropertyOptional({ type: 'integer', description: 'the version this edit was made against; a newer one is 409' })
  @IsOptional() @IsInt() @Min(0) expectedVersion?: number;
}

@ObjectType('GateDecider', { description: 'A role or a named user' })
export class GateDeciderView {
  @Field(() => RoleEnum, { nullable: true, description: 'the role whose holders decide; null when a user is named' }) @ApiPropertyOptional() role?: string;
  @Field(() => ID, { nullable: true, description: 'the one user who decides; null when a role is named' }) @ApiPropertyOptional({ format: 'uuid' }) userId?: string;
}

@ObjectType('GateThreshold', { description: 'A threshold in one currency: the gate applies above it' })
export class GateThresholdView {
  @Field({ description: 'ISO 4217 code' }) @ApiProperty() currency: string;
  @Field(MinorUnits, { description: 'the gate applies above this amount (minor units)' }) @ApiProperty() amountMinor: number;
}

@ObjectType('PolicyGate', { description: 'One gate of a published policy version' })
export class PolicyGateView {
  @Field(() => ID, { description: 'stable id within the policy: lower-case letters, digits, dashes' }) @ApiProperty() gateId: string;
  @Field({ description: 'what deciders see, e.g. Revenue Assurance' }) @ApiProperty() name: string;
  @Field(() => GateDeciderView, { description: 'who decides it' }) @ApiProperty({ type: GateDeciderView }) decider: GateDeciderView;
  @Field(() => [GateThresholdView], { description: 'empty: always applies' }) @ApiProperty({ type: [GateThresholdView] }) requiredAbove: GateThresholdView[];
  @Field(() => Int, { description: 'approvals needed from distinct deciders' }) @ApiProperty({ type: 'integer' }) quorum: number;
  @Field(() => Float, { nullable: true, description: 'hours before a reminder, then an escalation; null: no deadline' }) @ApiProperty({ type: 'number', nullable: true }) deadlineHours: number | null;
  @Field(() => GateDeciderView, { nullable: true, description: "who takes the gate over past its deadline; null: the next gate's decider, else the owner" }) @ApiProperty({ type: GateDeciderView, nullable: true }) escalateTo: GateDeciderView | null;
}

@ObjectType('ApprovalPolicyVersion', { description: 'A published version of a policy' })
export class PolicyVersionView {
  @Field({ description: 'purchase, payment, asset, discount, leave or subscription' }) @ApiProperty() requestType: string;
  @Field(() => Int, { description: 'the version number, from 1' }) @ApiProperty({ type: 'integer' }) version: number;
  @Field(() => [PolicyGateView], { description: 'the gates, in routing order' }) @ApiProperty({ type: [PolicyGateView] }) gates: PolicyGateView[];
  @Field({ description: "'seed' for the signup default, else the editor's user id" }) @ApiProperty({ description: "'seed' for the signup default, else the editor's user id" }) publishedBy: string;
  @Field({ description: 'when it was published (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

@ObjectType('ApprovalPolicyVersionSummary', { description: 'A published version of a policy, as the version list shows it' })
export class PolicyVersionSummaryView {
  @Field(() => Int, { description: 'the version number, from 1' }) @ApiProperty({ type: 'integer' }) version: number;
  @Field(() => Int, { description: 'how many gates it has' }) @ApiProperty({ type: 'integer' }) gateCount: number;
  @Field({ description: "'seed' for the signup default, else the editor's user id" }) @ApiProperty() publishedBy: string;
  @Field({ description: 'when it was published (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

@ObjectType('ApprovalPolicy', { description: "A request type's policy: its current version and every version published" })
export class PolicyView {
  @Field({ description: 'purchase, payment, asset, discount, leave or subscription' }) @ApiProperty() requestType: string;
  @Field(() => PolicyVersionView, { nullable: true, description: 'null until one is published' })
  @ApiProperty({ type: PolicyVersionView, nullable: true }) current: PolicyVersionView | null;
  @Field(() => [PolicyVersionSummaryView], { description: 'every version published, oldest first' }) @ApiProperty({ type: [PolicyVersionSummaryView] }) versions: PolicyVersionSummaryView[];
}

@ObjectType('ApprovalPolicyList', { description: 'The policies of every request type' })
export class PolicyListView {
  @Field(() => [PolicyView], { description: 'one per request type' }) @ApiProperty({ type: [PolicyView] }) items: PolicyView[];
}

@ObjectType('ApprovalPolicyPublished', { description: 'What a publish wrote' })
export class PolicyPublishedView {
  @Field({ description: 'the request type whose policy it is' }) @ApiProperty({ description: 'the request type whose policy it is' }) requestType: string;
  @Field(() => Int, { description: 'the version published' }) @ApiProperty({ type: 'integer', description: 'the version published' }) version: number;
  @Field(MinorUnits, { description: 'global position written: pass it as X-Min-Position to read your write' })
  @ApiProperty({ description: 'global position written: send it as X-Min-Position to read your write' }) position: number;
}
