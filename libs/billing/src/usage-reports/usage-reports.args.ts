import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { METER_IDS } from '../meters/meters';

/** A real calendar date `YYYY-MM-DD` (the round trip refuses 2025-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && value >= '1970-01';
}

function Is(name: string, test: (v: unknown) => boolean, message: (property: string) => string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name, target: target.constructor, propertyName, options,
      validator: { validate: test, defaultMessage: (a?: ValidationArguments) => message(a?.property ?? propertyName) },
    });
}

@ArgsType()
export class UsageSummaryArgs {
  @Field({ nullable: true, description: 'billing period YYYY-MM (UTC); default the current one' })
  @ApiPropertyOptional({ example: '2026-06', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'billing period YYYY-MM (UTC); default the current one' })
  @IsOptional() @Is('isPeriod', isPeriod, (p) => `${p} must be a period like 2026-06`)
  period?: string;
}

/** An inclusive range of UTC days; both default from the current period (its first day to today). */
@ArgsType()
export class UsageRangeArgs {
  @Field({ nullable: true, description: 'first day, inclusive (YYYY-MM-DD, UTC); default the first day of `to`\'s month' })
  @ApiPropertyOptional({ example: '2026-06-01', format: 'date', description: "first day, inclusive (YYYY-MM-DD, UTC); default the first day of `to`'s month" })
  @IsOptional() @Is('isCalendarDate', isCalendarDate, (p) => `${p} must be a date like 2026-06-01`)
  from?: string;

  @Field({ nullable: true, description: 'last day, inclusive (YYYY-MM-DD, UTC); default today; at most 366 days after `from`' })
  @ApiPropertyOptional({ example: '2026-06-30', format: 'date', description: 'last day, inclusive (YYYY-MM-DD, UTC); default today; at most 366 days after `from`' })
  @IsOptional() @Is('isCalendarDate', isCalendarDate, (p) => `${p} must be a date like 2026-06-30`)
  to?: string;
}

@ArgsType()
export class UsageDailyArgs extends UsageRangeArgs {
  @Field({ nullable: true, description: 'only this meter' })
  @ApiPropertyOptional({ enum: METER_IDS, description: 'only this meter' })
  @IsOptional() @IsString() @IsIn(METER_IDS as string[], { message: `meter must be one of ${METER_IDS.join(', ')}` })
  meter?: string;

  @Field(() => Int, { nullable: true, defaultValue: 100, description: 'page size, 1 to 500' })
  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  first?: number = 100;

  @Field({ nullable: true, description: 'cursor from the previous page (nextCursor)' })
  @ApiPropertyOptional({ description: 'cursor from the previous page (nextCursor)' })
  @IsOptional() @IsString()
  after?: string;
}
