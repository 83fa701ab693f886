import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsObject, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { MinorUnits } from '../shared/minor-units';

export const REPAIR_ORDER_STATUSES = ['open', 'awaiting_review', 'approved'];
export const REPAIR_ORDER_LINE_STATUSES = ['pending', 'assigned', 'in_progress', 'completed'];

/** The whole set of technicians for the line: it replaces the previous set (reassignment). */
@InputType()
export class AssignTechnicianInput {
  @Field(() => [String]) @ApiProperty({ type: [String], format: 'uuid', description: 'user ids holding the technician role, at the repair order\'s location' })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(10) @IsUUID('all', { each: true, message: 'each technician id must be a user id (uuid)' })
  technicianIds: string[];
}

@InputType()
export class ReturnLineInput {
  @Field() @ApiProperty({ example: 'line-1' }) @IsString() @Length(1, 40)
  lineId: string;

  @Field() @ApiProperty({ example: 'pads squeal on the test drive' }) @IsString() @Length(1, 500)
  reason: string;
}

/** The advisor sends one or more lines back, each with its reason; the order reopens. */
@InputType()
export class ReturnWorkInput {
  @Field(() => [ReturnLineInput]) @ApiProperty({ type: [ReturnLineInput] })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(100) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => ReturnLineInput)
  lines: ReturnLineInput[];
}

@ObjectType()
export class LineTechnicianView {
  @Field() @ApiProperty() technicianId: string;
  @Field(() => Float) @ApiProperty({ description: 'closed clock time on this line, minutes (2 decimals)' }) clockedMinutes: number;
  @Field() @ApiProperty({ description: 'clocked in on the line right now' }) clockedIn: boolean;
}

@ObjectType()
export class WorkReturnView {
  @Field() @ApiProperty() reason: string;
  @Field() @ApiProperty() returnedAt: string;
}

@ObjectType()
export class RepairOrderLineView {
  @Field() @ApiProperty() lineId: string;
  @Field() @ApiProperty({ enum: ['labor', 'part', 'fee'] }) kind: string;
  @Field() @ApiProperty() description: string;
  @Field(() => Float) @ApiProperty({ description: 'sold hours for labor, units for parts' }) quantity: number;
  @Field(MinorUnits) @ApiProperty() unitPriceMinor: number;
  @Field() @ApiProperty() taxable: boolean;
  @Field() @ApiProperty({ enum: REPAIR_ORDER_LINE_STATUSES }) status: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) technicianIds: string[];
  @Field(() => [LineTechnicianView]) @ApiProperty({ type: [LineTechnicianView], description: 'assigned technicians and anyone who clocked time on the line' })
  technicians: LineTechnicianView[];
  @Field(() => Float) @ApiProperty() clockedMinutes: number;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
  @Field(() => Int) @ApiProperty() returnsCount: number;
  @Field(() => [WorkReturnView]) @ApiProperty({ type: [WorkReturnView] }) returns: WorkReturnView[];
}

@ObjectType()
export class DeferredRecommendationView {
  @Field() @ApiProperty() lineId: string;
  @Field() @ApiProperty() kind: string;
  @Field() @ApiProperty() description: string;
  @Field(() => Float) @ApiProperty() quantity: number;
  @Field(MinorUnits) @ApiProperty() unitPriceMinor: number;
  @Field() @ApiProperty() taxable: boolean;
  @Field() @ApiProperty({ example: '2025-06-01', description: 'offer the work again on or after this date' }) followUpOn: string;
}

@ObjectType()
export class RepairOrderSummaryView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty() quoteId: string;
  @Field() @ApiProperty() customerId: string;
  @Field() @ApiProperty() vehicleId: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) locationId: string | null;
  @Field() @ApiProperty({ enum: REPAIR_ORDER_STATUSES }) status: string;
  @Field() @ApiProperty({ example: 'INR' }) currency: string;
  @Field(() => Int) @ApiProperty() lineCount: number;
  @Field(() => Int) @ApiProperty() completedLineCount: number;
  @Field(() => Float) @ApiProperty({ description: 'sum of the labor lines\' hours' }) soldHours: number;
  @Field(() => Float) @ApiProperty({ description: 'closed clock time on every line, minutes (2 decimals)' }) clockedMinutes: number;
  @Field(() => Int) @ApiProperty() returnsCount: number;
  @Field() @ApiProperty() openedAt: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) reviewRequestedAt: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @Field(() => Int) @ApiProperty({ description: 'stream version' }) version: number;
}

@ObjectType()
export class RepairOrderView extends RepairOrderSummaryView {
  @Field(() => [RepairOrderLineView]) @ApiProperty({ type: [RepairOrderLineView] }) lines: RepairOrderLineView[];
  @Field(() => [DeferredRecommendationView]) @ApiProperty({ type: [DeferredRecommendationView] }) deferred: DeferredRecommendationView[];
}

@ObjectType()
export class RepairOrderPage {
  @Field(() => [RepairOrderSummaryView]) @ApiProperty({ type: [RepairOrderSummaryView] }) items: RepairOrderSummaryView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
