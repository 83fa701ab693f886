import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsOptionalText, IsRequiredText } from '@workbay/platform';
import { RESOURCE_KINDS, ScheduleExceptionKind } from '../shared/schedule.rules';
import { CATALOG_LIMITS, CATALOG_TEXT } from '../catalog/catalog-fields.rules';
import { BookingRulesInput, BookingRulesView } from '../catalog/catalog.dto';
import { CatalogStatusEnum, ResourceKindEnum, ScheduleExceptionKindEnum } from '../catalog/catalog-enums';
import { LOCAL_DATE_PATTERN, LOCAL_TIME_PATTERN, MAX_WEEKLY_SPANS, SCHEDULE_EXCEPTION_KINDS } from './working-hours.rules';

const TIME_MESSAGE = "$property must be a local time 'HH:mm' (24:00 only as an end)";
const limit = (rule: { min: number; max: number }) => ({ type: 'integer' as const, minimum: rule.min, maximum: rule.max });

/** Capacity, grid, buffers and rules: shared by registering and changing a resource. */
@InputType({ isAbstract: true })
abstract class ResourceTuningInput {
  @Field(() => Int, { nullable: true, description: 'bookings it takes at once: 1 (default), or N seats of a class' })
  @ApiPropertyOptional({ ...limit(CATALOG_LIMITS.capacity), description: 'bookings it takes at once: 1 (default), or N seats of a class' })
  @IsOptional() @IsInt() @Min(CATALOG_LIMITS.capacity.min) @Max(CATALOG_LIMITS.capacity.max)
  capacity?: number;

  @Field(() => Int, { nullable: true, description: 'starts are offered every this many minutes (default 15)' })
  @ApiPropertyOptional({ ...limit(CATALOG_LIMITS.slotMinutes), description: 'starts are offered every this many minutes (default 15)' })
  @IsOptional() @IsInt() @Min(CATALOG_LIMITS.slotMinutes.min) @Max(CATALOG_LIMITS.slotMinutes.max)
  slotMinutes?: number;

  @Field(() => Int, { nullable: true, description: 'minutes kept free before each booking (default 0)' })
  @ApiPropertyOptional({ ...limit(CATALOG_LIMITS.bufferMinutes), description: 'minutes kept free before each booking (default 0)' })
  @IsOptional() @IsInt() @Min(CATALOG_LIMITS.bufferMinutes.min) @Max(CATALOG_LIMITS.bufferMinutes.max)
  bufferBeforeMinutes?: number;

  @Field(() => Int, { nullable: true, description: 'minutes kept free after each booking (default 0)' })
  @ApiPropertyOptional({ ...limit(CATALOG_LIMITS.bufferMinutes), description: 'minutes kept free after each booking (default 0)' })
  @IsOptional() @IsInt() @Min(CATALOG_LIMITS.bufferMinutes.min) @Max(CATALOG_LIMITS.bufferMinutes.max)
  bufferAfterMinutes?: number;

  @Field(() => BookingRulesInput, { nullable: true, description: 'minimum notice, horizon, daily limit' })
  @ApiPropertyOptional({ type: BookingRulesInput, description: 'minimum notice, horizon, daily limit' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => BookingRulesInput)
  rules?: BookingRulesInput;
}

@InputType({ description: 'Name, capacity, grid, buffers and booking rules; each left out keeps its value' })
export class ResourceSettingsInput extends ResourceTuningInput {
  @Field({ nullable: true, description: 'what staff and customers see, e.g. Bay 2' })
  @ApiPropertyOptional({ example: 'Bay 2', description: 'what staff and customers see, e.g. Bay 2' })
  @IsOptionalText(CATALOG_TEXT.name)
  name?: string;
}

@InputType({ description: 'A bookable resource at a shop location; its time zone is the location\'s' })
export class RegisterResourceInput extends ResourceTuningInput {
  @Field(() => ID, { description: "the shop location it is at (its time zone is the resource's)" })
  @ApiProperty({ format: 'uuid', description: "the shop location it is at (its time zone is the resource's)" })
  @IsUUID()
  locationId: string;

  @Field(() => ResourceKindEnum, { description: 'what it is' })
  @ApiProperty({ enum: ResourceKindEnum, enumName: 'ResourceKind', description: 'what it is' })
  @IsIn(RESOURCE_KINDS, { message: `kind must be one of ${RESOURCE_KINDS.join(', ')}` })
  kind: string;

  @Field({ description: 'what staff and customers see, e.g. Bay 2' })
  @ApiProperty({ example: 'Bay 2', description: 'what staff and customers see, e.g. Bay 2' })
  @IsRequiredText(CATALOG_TEXT.name)
  name: string;
}

@InputType({ description: 'A local span of one weekday' })
export class WeeklySpanInput {
  @Field(() => Int, { description: 'ISO weekday: 1 Monday .. 7 Sunday' })
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 7, description: 'ISO weekday: 1 Monday .. 7 Sunday' })
  @IsInt() @Min(1) @Max(7)
  day: number;

  @Field({ description: "local start 'HH:mm'" })
  @ApiProperty({ example: '09:00', pattern: LOCAL_TIME_PATTERN, description: "local start 'HH:mm'" })
  @IsString() @Matches(new RegExp(LOCAL_TIME_PATTERN), { message: TIME_MESSAGE })
  start: string;

  @Field({ description: "local end 'HH:mm' (24:00 for midnight)" })
  @ApiProperty({ example: '17:00', pattern: LOCAL_TIME_PATTERN, description: "local end 'HH:mm' (24:00 for midnight)" })
  @IsString() @Matches(new RegExp(LOCAL_TIME_PATTERN), { message: TIME_MESSAGE })
  end: string;
}

@InputType({ description: 'The whole week: working spans and breaks (replaces the previous week)' })
export class WorkingHoursInput {
  @Field(() => [WeeklySpanInput], { description: 'working spans; several per day for a split shift, not overlapping' })
  @ApiProperty({ type: [WeeklySpanInput], description: 'working spans; several per day for a split shift, not overlapping' })
  @IsArray() @ArrayMaxSize(MAX_WEEKLY_SPANS) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => WeeklySpanInput)
  weeklyHours: WeeklySpanInput[];

  @Field(() => [WeeklySpanInput], { nullable: true, description: 'breaks, each inside a working span of its day' })
  @ApiPropertyOptional({ type: [WeeklySpanInput], description: 'breaks, each inside a working span of its day' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_WEEKLY_SPANS) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => WeeklySpanInput)
  breaks?: WeeklySpanInput[];
}

@InputType({ description: 'A local span of one day' })
export class LocalSpanInput {
  @Field({ description: "local start 'HH:mm'" })
  @ApiProperty({ example: '12:00', pattern: LOCAL_TIME_PATTERN, description: "local start 'HH:mm'" })
  @IsString() @Matches(new RegExp(LOCAL_TIME_PATTERN), { message: TIME_MESSAGE })
  start: string;

  @Field({ description: "local end 'HH:mm' (24:00 for midnight)" })
  @ApiProperty({ example: '14:00', pattern: LOCAL_TIME_PATTERN, description: "local end 'HH:mm' (24:00 for midnight)" })
  @IsString() @Matches(new RegExp(LOCAL_TIME_PATTERN), { message: TIME_MESSAGE })
  end: string;
}

@InputType({ description: 'A dated exception to the week' })
export class ScheduleExceptionInput {
  @Field({ description: "the resource's local date 'YYYY-MM-DD'" })
  @ApiProperty({ example: '2026-12-25', pattern: LOCAL_DATE_PATTERN, description: "the resource's local date 'YYYY-MM-DD'" })
  @IsString() @Matches(new RegExp(LOCAL_DATE_PATTERN), { message: "date must be 'YYYY-MM-DD'" })
  date: string;

  @Field(() => ScheduleExceptionKindEnum, { description: 'closed (whole day), time_off (a span, or the whole day), extra_hours (a span)' })
  @ApiProperty({ enum: ScheduleExceptionKindEnum, enumName: 'ScheduleExceptionKind', description: 'closed (whole day), time_off (a span, or the whole day), extra_hours (a span)' })
  @IsIn(SCHEDULE_EXCEPTION_KINDS, { message: `kind must be one of ${SCHEDULE_EXCEPTION_KINDS.join(', ')}` })
  kind: string;

  @Field(() => LocalSpanInput, { nullable: true, description: 'required for extra_hours, optional for time_off, none for closed' })
  @ApiPropertyOptional({ type: LocalSpanInput, description: 'required for extra_hours, optional for time_off, none for closed' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LocalSpanInput)
  span?: LocalSpanInput;

  @Field({ nullable: true, description: 'why, e.g. Diwali' })
  @ApiPropertyOptional({ example: 'Diwali', description: 'why, e.g. Diwali' })
  @IsOptionalText(CATALOG_TEXT.reason)
  reason?: string;
}

@ObjectType({ description: 'A local span of one weekday' })
export class WeeklySpanView {
  @Field(() => Int, { description: 'ISO weekday: 1 Monday .. 7 Sunday' }) @ApiProperty({ type: 'integer', description: 'ISO weekday: 1 Monday .. 7 Sunday' })
  day: number;

  @Field({ description: "local start 'HH:mm'" }) @ApiProperty({ description: "local start 'HH:mm'" })
  start: string;

  @Field({ description: "local end 'HH:mm'" }) @ApiProperty({ description: "local end 'HH:mm'" })
  end: string;
}

@ObjectType({ description: 'A local span of one day' })
export class LocalSpanView {
  @Field({ description: "local start 'HH:mm'" }) @ApiProperty({ description: "local start 'HH:mm'" })
  start: string;

  @Field({ description: "local end 'HH:mm'" }) @ApiProperty({ description: "local end 'HH:mm'" })
  end: string;
}

@ObjectType({ description: 'A dated exception to the week' })
export class ScheduleExceptionView {
  @Field(() => ID, { description: 'the exception (to remove it)' }) @ApiProperty({ format: 'uuid', description: 'the exception (to remove it)' })
  exceptionId: string;

  @Field({ description: "local date 'YYYY-MM-DD'" }) @ApiProperty({ format: 'date', description: "local date 'YYYY-MM-DD'" })
  date: string;

  @Field(() => ScheduleExceptionKindEnum, { description: 'what kind of exception' })
  @ApiProperty({ enum: ScheduleExceptionKindEnum, enumName: 'ScheduleExceptionKind', description: 'what kind of exception' })
  kind: ScheduleExceptionKind;

  @Field(() => LocalSpanView, { nullable: true, description: 'the span; null: the whole day' })
  @ApiProperty({ type: LocalSpanView, nullable: true, description: 'the span; null: the whole day' })
  span: LocalSpanView | null;

  @Field(() => String, { nullable: true, description: 'why; null if not given' })
  @ApiProperty({ type: String, nullable: true, description: 'why; null if not given' })
  reason: string | null;
}

@ObjectType({ description: 'A bookable resource at a shop location' })
export class ResourceView {
  @Field(() => ID, { description: 'the resource' }) @ApiProperty({ format: 'uuid', description: 'the resource' })
  id: string;

  @Field(() => ID, { description: 'its shop location' }) @ApiProperty({ format: 'uuid', description: 'its shop location' })
  locationId: string;

  @Field(() => ResourceKindEnum, { description: 'what it is' }) @ApiProperty({ enum: ResourceKindEnum, enumName: 'ResourceKind', description: 'what it is' })
  kind: string;

  @Field({ description: 'its name' }) @ApiProperty({ description: 'its name' })
  name: string;

  @Field({ description: "IANA time zone of its hours (its location's)" }) @ApiProperty({ example: 'Asia/Kolkata', description: "IANA time zone of its hours (its location's)" })
  timezone: string;

  @Field(() => CatalogStatusEnum, { description: 'whether it can be booked' })
  @ApiProperty({ enum: CatalogStatusEnum, enumName: 'SchedulingCatalogStatus', description: 'whether it can be booked' })
  status: string;

  @Field(() => Int, { description: 'bookings at once (seats)' }) @ApiProperty({ type: 'integer', description: 'bookings at once (seats)' })
  capacity: number;

  @Field(() => Int, { description: 'start grid, minutes' }) @ApiProperty({ type: 'integer', description: 'start grid, minutes' })
  slotMinutes: number;

  @Field(() => Int, { description: 'buffer before each booking, minutes' }) @ApiProperty({ type: 'integer', description: 'buffer before each booking, minutes' })
  bufferBeforeMinutes: number;

  @Field(() => Int, { description: 'buffer after each booking, minutes' }) @ApiProperty({ type: 'integer', description: 'buffer after each booking, minutes' })
  bufferAfterMinutes: number;

  @Field(() => BookingRulesView, { description: 'booking rules' }) @ApiProperty({ type: BookingRulesView, description: 'booking rules' })
  rules: BookingRulesView;

  @Field(() => [WeeklySpanView], { description: 'working spans by weekday and start' }) @ApiProperty({ type: [WeeklySpanView], description: 'working spans by weekday and start' })
  weeklyHours: WeeklySpanView[];

  @Field(() => [WeeklySpanView], { description: 'breaks by weekday and start' }) @ApiProperty({ type: [WeeklySpanView], description: 'breaks by weekday and start' })
  breaks: WeeklySpanView[];

  @Field(() => [ScheduleExceptionView], { description: 'dated exceptions by date' }) @ApiProperty({ type: [ScheduleExceptionView], description: 'dated exceptions by date' })
  exceptions: ScheduleExceptionView[];

  @Field({ description: 'when it was registered' }) @ApiProperty({ format: 'date-time', description: 'when it was registered' })
  registeredAt: string;

  @Field(() => Int, { description: "stream version: the number of events in the resource's stream" })
  @ApiProperty({ type: 'integer', description: "stream version: the number of events in the resource's stream" })
  version: number;
}

@ObjectType({ description: 'A page of resources' })
export class ResourcePage {
  @Field(() => [ResourceView], { description: 'this page, newest first' }) @ApiProperty({ type: [ResourceView], description: 'this page, newest first' })
  items: ResourceView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}

@ObjectType({ description: 'What adding a schedule exception wrote' })
export class ScheduleExceptionAddedView {
  @Field(() => ID, { description: 'the resource' }) @ApiProperty({ format: 'uuid', description: 'the resource' })
  id: string;

  @Field(() => ID, { description: 'the new exception (to remove it)' }) @ApiProperty({ format: 'uuid', description: 'the new exception (to remove it)' })
  exceptionId: string;

  @Field(() => Int, { description: "the resource's stream version after the command" }) @ApiProperty({ type: 'integer', description: "the resource's stream version after the command" })
  streamVersion: number;

  @Field(() => GraphQLSafeInt, { description: 'global position written: pass it as minPosition (X-Min-Position) to read your write' })
  @ApiProperty({ description: 'global position written: send it as X-Min-Position to read your write' })
  position: number;
}
