import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt, IsOptional, IsUUID, Max, Min, registerDecorator, ValidationArguments, ValidationOptions,
} from 'class-validator';

/** A real calendar date `YYYY-MM-DD` (the round trip refuses 2025-02-30). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate', target: target.constructor, propertyName, options,
      validator: { validate: isCalendarDate, defaultMessage: (a?: ValidationArguments) => `${a?.property} must be a date like 2025-06-01` },
    });
}

/** `to` is not before `from` (both dates, compared as strings: YYYY-MM-DD sorts by time). */
function NotBefore(other: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notBefore', target: target.constructor, propertyName, options, constraints: [other],
      validator: {
        validate(value: unknown, a: ValidationArguments) {
          const start = (a.object as Record<string, unknown>)[other];
          return !isCalendarDate(value) || !isCalendarDate(start) || (value as string) >= (start as string);
        },
        defaultMessage: (a?: ValidationArguments) => `${a?.property} must not be before ${other}`,
      },
    });
}

/** Every dashboard can be narrowed to one location; without it, all locations (and location-less records). */
@ArgsType()
export class DashboardLocationArgs {
  @Field(() => ID, { nullable: true, description: 'only this location' }) @ApiPropertyOptional({ format: 'uuid', description: 'only this location' })
  @IsOptional() @IsUUID('all', { message: 'locationId must be a UUID' })
  locationId?: string;
}

/** An inclusive range of local calendar days (each location's own time zone). */
@ArgsType()
export class DashboardRangeArgs extends DashboardLocationArgs {
  @Field({ nullable: true, description: 'first day, inclusive (YYYY-MM-DD)' })
  @ApiPropertyOptional({ example: '2025-06-01', description: 'first day, inclusive (YYYY-MM-DD)', format: 'date' })
  @IsOptional() @IsCalendarDate()
  from?: string;

  @Field({ nullable: true, description: 'last day, inclusive (YYYY-MM-DD)' })
  @ApiPropertyOptional({ example: '2025-06-30', description: 'last day, inclusive (YYYY-MM-DD)', format: 'date' })
  @IsOptional() @IsCalendarDate() @NotBefore('from')
  to?: string;
}

@ArgsType()
export class OutstandingBalancesArgs extends DashboardLocationArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10, description: 'how many of the largest balances to list' })
  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 100, description: 'how many of the largest balances to list', type: 'integer' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  top?: number = 10;
}
