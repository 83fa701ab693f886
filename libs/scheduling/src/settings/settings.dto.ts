import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MoneyInput, MoneyView } from '../services/service.dto';
import { SETTINGS_LIMITS } from './settings.decider';

const L = SETTINGS_LIMITS;

@InputType({ description: "The tenant's scheduling settings; each left out keeps its value" })
export class SchedulingSettingsInput {
  @Field(() => Int, { nullable: true, description: 'a cancel less than this many hours before the start is late' })
  @ApiPropertyOptional({ type: 'integer', minimum: L.cancellationWindowHours.min, maximum: L.cancellationWindowHours.max, description: 'a cancel less than this many hours before the start is late' })
  @IsOptional() @IsInt() @Min(L.cancellationWindowHours.min) @Max(L.cancellationWindowHours.max)
  cancellationWindowHours?: number;

  @Field(() => MoneyInput, { nullable: true, description: 'recorded on a late cancel; null removes it' })
  @ApiPropertyOptional({ type: MoneyInput, nullable: true, description: 'recorded on a late cancel; null removes it' })
  @ValidateIf((_, v) => v !== undefined && v !== null) @IsObject() @ValidateNested() @Type(() => MoneyInput)
  lateCancelFee?: MoneyInput | null;

  @Field(() => [Int], { nullable: true, description: 'reminders this many minutes before each start: 1 to 10, each 5 minutes to 30 days' })
  @ApiPropertyOptional({
    type: 'array', items: { type: 'integer', minimum: L.reminderOffsetMinutes.min, maximum: L.reminderOffsetMinutes.max },
    minItems: L.reminderOffsets.min, maxItems: L.reminderOffsets.max, example: [1440, 120],
    description: 'reminders this many minutes before each start: 1 to 10, each 5 minutes to 30 days',
  })
  @IsOptional() @IsArray() @ArrayMinSize(L.reminderOffsets.min) @ArrayMaxSize(L.reminderOffsets.max)
  @IsInt({ each: true }) @Min(L.reminderOffsetMinutes.min, { each: true }) @Max(L.reminderOffsetMinutes.max, { each: true })
  reminderOffsetsMinutes?: number[];

  @Field(() => Int, { nullable: true, description: 'how long a hold lasts unless confirmed, minutes' })
  @ApiPropertyOptional({ type: 'integer', minimum: L.holdTtlMinutes.min, maximum: L.holdTtlMinutes.max, description: 'how long a hold lasts unless confirmed, minutes' })
  @IsOptional() @IsInt() @Min(L.holdTtlMinutes.min) @Max(L.holdTtlMinutes.max)
  holdTtlMinutes?: number;
}

@ObjectType({ description: "The tenant's scheduling settings (the defaults until changed)" })
export class SchedulingSettingsView {
  @Field(() => Int, { description: 'late-cancel window, hours before the start' }) @ApiProperty({ type: 'integer', description: 'late-cancel window, hours before the start' })
  cancellationWindowHours: number;

  @Field(() => MoneyView, { nullable: true, description: 'recorded on a late cancel; null: none' })
  @ApiProperty({ type: MoneyView, nullable: true, description: 'recorded on a late cancel; null: none' })
  lateCancelFee: MoneyView | null;

  @Field(() => [Int], { description: 'reminder offsets, minutes before the start, longest first' })
  @ApiProperty({ type: 'array', items: { type: 'integer' }, description: 'reminder offsets, minutes before the start, longest first' })
  reminderOffsetsMinutes: number[];

  @Field(() => Int, { description: 'hold lifetime, minutes' }) @ApiProperty({ type: 'integer', description: 'hold lifetime, minutes' })
  holdTtlMinutes: number;

  @Field(() => String, { nullable: true, description: 'when last changed; null: never (the defaults)' })
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when last changed; null: never (the defaults)' })
  changedAt: string | null;

  @Field(() => Int, { description: 'stream version: 0 while never changed' }) @ApiProperty({ type: 'integer', description: 'stream version: 0 while never changed' })
  version: number;
}
