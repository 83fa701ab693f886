import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsObject, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsRequiredText } from '@workbay/platform';
import { RETURN_REASON } from './repair-order.decider';
import { REPAIR_ORDER_LINE_STATUSES as LINE_STATUS_VALUES, REPAIR_ORDER_STATUSES as STATUS_VALUES } from './repair-order.errors';
import { RepairOrderLineStatusEnum, RepairOrderStatusEnum } from '../shared/shop-enums';
import { SoldLineView } from '../shared/sold-line.view';

export const REPAIR_ORDER_STATUSES: string[] = [...STATUS_VALUES];
export const REPAIR_ORDER_LINE_STATUSES: string[] = [...LINE_STATUS_VALUES];

/** The whole set of technicians for the line: it replaces the previous set (reassignment). */
@InputType({ description: 'The whole set of technicians for a line: it replaces the previous set' })
export class AssignTechnicianInput {
  @Field(() => [ID], { description: "user ids holding the technician role, at the repair order's location; replaces the line's previous set" })
  @ApiProperty({ type: [String], format: 'uuid', description: "user ids holding the technician role, at the repair order's location" })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(10) @IsUUID('all', { each: true, message: 'each technician id must be a user id (uuid)' })
  technicianIds: string[];
}

@InputType({ description: 'A line sent back, with its reason' })
export class ReturnLineInput {
  @Field(() => ID, { description: 'the line sent back' })
  @ApiProperty({ example: 'line-1', description: 'the line sent back' })
  @IsString() @Length(1, 40)
  lineId: string;

  @Field({ description: 'what is wrong with the work' })
  @ApiProperty({ example: 'pads squeal on the test drive', description: 'what is wrong with the work' })
  @IsRequiredText(RETURN_REASON)
  reason: string;
}

/** The advisor sends one or more lines back, each with its reason; the order reopens. */
@InputType({ description: 'Lines the advisor sends back; the order reopens' })
export class ReturnWorkInput {
  @Field(() => [ReturnLineInput], { description: 'the lines sent back, each with its reason' })
  @ApiProperty({ type: [ReturnLineInput], description: 'the lines sent back, each with its reason' })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(100) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => ReturnLineInput)
  lines: ReturnLineInput[];
}

@ObjectType({ description: "A technician's time on a line" })
export class LineTechnicianView {
  @Field(() => ID, { description: 'the technician (a user id)' })
  @ApiProperty({ format: 'uuid', description: 'the technician (a user id)' })
  technicianId: string;

  @Field(() => Float, { description: 'closed clock time on this line, minutes (2 decimals)' })
  @ApiProperty({ description: 'closed clock time on this line, minutes (2 decimals)' })
  clockedMinutes: number;

  @Field({ description: 'clocked in on the line right now' })
  @ApiProperty({ description: 'clocked in on the line right now' })
  clockedIn: boolean;
}

@ObjectType({ description: 'A time an advisor sent the line back' })
export class WorkReturnView {
  @Field({ description: 'what was wrong with the work' })
  @ApiProperty({ description: 'what was wrong with the work' })
  reason: string;

  @Field({ description: 'when the advisor sent the line back' })
  @ApiProperty({ format: 'date-time', description: 'when the advisor sent the line back' })
  returnedAt: string;
}

@ObjectType({ description: 'A line of a repair order' })
export class RepairOrderLineView extends SoldLineView {
  @Field({ description: 'whether tax applies to the line' })
  @ApiProperty({ description: 'whether tax applies to the line' })
  taxable: boolean;

  @Field(() => RepairOrderLineStatusEnum, { description: 'where the line is' })
  @ApiProperty({ enum: RepairOrderLineStatusEnum, description: 'where the line is' })
  status: string;

  @Field(() => [ID], { description: 'technicians assigned to the line (user ids)' })
  @ApiProperty({ type: [String], format: 'uuid', description: 'technicians assigned to the line (user ids)' })
  technicianIds: string[];

  @Field(() => [LineTechnicianView], { description: 'assigned technicians and anyone who clocked time on the line' })
  @ApiProperty({ type: [LineTechnicianView], description: 'assigned technicians and anyone who clocked time on the line' })
  technicians: LineTechnicianView[];
  @Field(() => Float, { description: 'closed clock time of every technician on the line, minutes (2 decimals)' })
  @ApiProperty({ description: 'closed clock time of every technician on the line, minutes (2 decimals)' })
  clockedMinutes: number;

  @Field(() => String, { nullable: true, description: 'when its technician signed it off; null if not completed' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when its technician signed it off; null if not completed' })
  completedAt: string | null;

  @Field(() => Int, { description: 'times an advisor sent the line back' })
  @ApiProperty({ type: 'integer', description: 'times an advisor sent the line back' })
  returnsCount: number;

  @Field(() => [WorkReturnView], { description: 'each time an advisor sent the line back' })
  @ApiProperty({ type: [WorkReturnView], description: 'each time an advisor sent the line back' })
  returns: WorkReturnView[];
}

@ObjectType({ description: 'A declined quote line, to offer again' })
export class DeferredRecommendationView extends SoldLineView {
  @Field({ description: 'whether tax applies to the line' })
  @ApiProperty({ description: 'whether tax applies to the line' })
  taxable: boolean;

  @Field({ description: 'offer the work again on or after this day (YYYY-MM-DD)' })
  @ApiProperty({ example: '2025-06-01', description: 'offer the work again on or after this date', format: 'date' })
  followUpOn: string;
}

@ObjectType({ description: 'A repair order, without its lines' })
export class RepairOrderSummaryView {
  @Field(() => ID, { description: 'the repair order' })
  @ApiProperty({ format: 'uuid', description: 'the repair order' })
  id: string;

  @Field(() => ID, { description: 'the quote the repair order was opened from' })
  @ApiProperty({ format: 'uuid', description: 'the quote the repair order was opened from' })
  quoteId: string;

  @Field(() => ID, { description: 'the customer' })
  @ApiProperty({ format: 'uuid', description: 'the customer' })
  customerId: string;

  @Field(() => ID, { description: 'the vehicle' })
  @ApiProperty({ format: 'uuid', description: 'the vehicle' })
  vehicleId: string;

  @Field(() => ID, { nullable: true, description: 'the shop location doing the work; null for orders opened without one' })
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the shop location doing the work; null for orders opened without one' })
  locationId: string | null;

  @Field(() => RepairOrderStatusEnum, { description: 'where the repair order is' })
  @ApiProperty({ enum: RepairOrderStatusEnum, description: 'where the repair order is' })
  status: string;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ example: 'INR', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(() => Int, { description: 'lines on the order' })
  @ApiProperty({ type: 'integer', description: 'lines on the order' })
  lineCount: number;

  @Field(() => Int, { description: 'lines signed off' })
  @ApiProperty({ type: 'integer', description: 'lines signed off' })
  completedLineCount: number;

  @Field(() => Float, { description: "sum of the labor lines' hours" })
  @ApiProperty({ description: "sum of the labor lines' hours" })
  soldHours: number;

  @Field(() => Float, { description: 'closed clock time, minutes (2 decimals)' })
  @ApiProperty({ description: 'closed clock time on every line, minutes (2 decimals)' })
  clockedMinutes: number;

  @Field(() => Int, { description: 'times an advisor sent work back, all lines' })
  @ApiProperty({ type: 'integer', description: 'times an advisor sent work back, all lines' })
  returnsCount: number;

  @Field({ description: 'when it was opened' })
  @ApiProperty({ format: 'date-time', description: 'when it was opened' })
  openedAt: string;

  @Field(() => String, { nullable: true, description: "when every line was done and the advisor's review was requested; null if not" })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: "when every line was done and the advisor's review was requested; null if not" })
  reviewRequestedAt: string | null;

  @Field(() => String, { nullable: true, description: 'when the advisor approved the work; null if not yet' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when the advisor approved the work; null if not yet' })
  approvedAt: string | null;

  @Field(() => Int, { description: "stream version: the number of events in the record's stream" })
  @ApiProperty({ description: 'stream version', type: 'integer' })
  version: number;
}

@ObjectType({ description: 'A repair order with its lines' })
export class RepairOrderView extends RepairOrderSummaryView {
  @Field(() => [RepairOrderLineView], { description: 'the approved quote lines, in order' })
  @ApiProperty({ type: [RepairOrderLineView], description: 'the approved quote lines, in order' })
  lines: RepairOrderLineView[];

  @Field(() => [DeferredRecommendationView], { description: 'declined quote lines, to offer again' })
  @ApiProperty({ type: [DeferredRecommendationView], description: 'declined quote lines, to offer again' })
  deferred: DeferredRecommendationView[];
}

@ObjectType({ description: 'A page of repair orders' })
export class RepairOrderPage {
  @Field(() => [RepairOrderSummaryView], { description: 'this page of repair orders, newest first' })
  @ApiProperty({ type: [RepairOrderSummaryView], description: 'this page of repair orders, newest first' })
  items: RepairOrderSummaryView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}
