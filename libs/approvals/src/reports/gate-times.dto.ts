import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

@ObjectType('ApprovalGateTime', { description: 'How long one gate of one request type sat open before it was decided' })
export class GateTimeView {
  @Field({ description: 'purchase, payment, asset, discount, leave or subscription' }) @ApiProperty() requestType: string;
  @Field(() => ID, { description: 'the gate\'s id in the policy' }) @ApiProperty() gateId: string;
  @Field(() => Int, { description: 'gates decided in the range (approved to quorum, rejected or sent back)' })
  @ApiProperty({ type: 'integer', description: 'gates decided in the range (approved to quorum, rejected or sent back)' }) decided: number;
  @Field(() => Int, { description: 'of which approved' }) @ApiProperty({ type: 'integer', description: 'of which approved' }) approved: number;
  @Field(() => Float, { description: 'median seconds from opened to decided (interpolated)' })
  @ApiProperty({ type: 'number', description: 'median seconds from opened to decided (interpolated)' }) medianSeconds: number;
  @Field(() => Float, { description: '90th percentile of those seconds (interpolated, percentile_cont)' })
  @ApiProperty({ type: 'number', description: '90th percentile of those seconds (interpolated, percentile_cont)' }) p90Seconds: number;
  @Field(() => Float, { description: 'the longest of those seconds' }) @ApiProperty({ type: 'number' }) maxSeconds: number;
}

@ObjectType('ApprovalGateTimes', { description: 'Time per gate, per request type, over the gates decided in [from, to)' })
export class GateTimesView {
  @Field(() => String, { nullable: true, description: 'the request type asked for; null: every type' }) @ApiPropertyOptional({ type: String, nullable: true }) type: string | null;
  @Field({ description: 'start of the range, inclusive (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) from: string;
  @Field({ description: 'end of the range, exclusive (ISO-8601)' }) @ApiProperty({ format: 'date-time' }) to: string;
  @Field(() => [GateTimeView], { description: 'one row per request type and gate' }) @ApiProperty({ type: [GateTimeView] }) gates: GateTimeView[];
}
