import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { graphqlEnum } from '@workbay/platform';

/** A real calendar date `YYYY-MM-DD` (the round trip refuses 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value && value >= '1970-01-01';
}

const DAY_MS = 86_400_000;

export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate', target: target.constructor, propertyName, options,
      validator: { validate: isCalendarDate, defaultMessage: (a?: ValidationArguments) => `${a?.property} must be a date like 2026-03-02` },
    });
}

/** Not before `from`, and at most `maxDays` days from it counting both ends (a week is 7). */
export function DaysFrom(maxDays: number, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'daysFrom', target: target.constructor, propertyName, options, constraints: [maxDays],
      validator: {
        validate(value: unknown, a: ValidationArguments) {
          const from = (a.object as Record<string, unknown>).from;
          if (!isCalendarDate(value) || !isCalendarDate(from)) return true; // the date rules name those
          const days = (Date.parse(value) - Date.parse(from)) / DAY_MS + 1;
          return days >= 1 && days <= maxDays;
        },
        defaultMessage: (a?: ValidationArguments) => `${a?.property} must be on or after from and at most ${maxDays} days from it`,
      },
    });
}

/** Local calendar days in the location's (or resource's) time zone: a day view is from = to, a week seven days. */
@ArgsType()
export class CalendarRangeArgs {
  @Field({ description: 'first local day, inclusive (YYYY-MM-DD)' })
  @ApiProperty({ example: '2026-03-02', format: 'date', description: 'first local day, inclusive (YYYY-MM-DD)' })
  @IsCalendarDate()
  from: string;

  @Field({ description: 'last local day, inclusive (YYYY-MM-DD); at most 31 days from `from`' })
  @ApiProperty({ example: '2026-03-08', format: 'date', description: 'last local day, inclusive (YYYY-MM-DD); at most 31 days from `from`' })
  @IsCalendarDate() @DaysFrom(31)
  to: string;
}

@ArgsType()
export class LocationCalendarArgs extends CalendarRangeArgs {
  @Field(() => ID, { description: 'the shop location' })
  @ApiProperty({ format: 'uuid', description: 'the shop location' })
  @IsUUID('all', { message: 'locationId must be a UUID' })
  locationId: string;
}

@ArgsType()
export class ResourceCalendarArgs extends CalendarRangeArgs {
  @Field(() => ID, { description: 'the resource' })
  @IsUUID('all', { message: 'resourceId must be a UUID' })
  resourceId: string;
}

export const BOOKINGS_WHEN = ['upcoming', 'past'] as const;
export type BookingsWhen = (typeof BOOKINGS_WHEN)[number];
export const BookingsWhenEnum = graphqlEnum('BookingsWhen', "Which of a customer's bookings", BOOKINGS_WHEN, {
  upcoming: 'starting now or later and still on (reserved, checked in, or a live hold), soonest first',
  past: 'started before now (completed, no-show, cancelled and the rest), latest first',
});

@ArgsType()
export class CustomerBookingsArgs {
  @Field(() => BookingsWhenEnum, { nullable: true, defaultValue: 'upcoming', description: 'upcoming (default) or past' })
  @ApiPropertyOptional({ enum: BOOKINGS_WHEN, default: 'upcoming', description: 'upcoming (default) or past' })
  @IsOptional() @IsIn(BOOKINGS_WHEN as unknown as string[], { message: 'when must be upcoming or past' })
  when?: BookingsWhen = 'upcoming';

  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'page size, 1 to 100' })
  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  first?: number = 20;

  @Field({ nullable: true, description: 'cursor from the previous page (nextCursor)' })
  @ApiPropertyOptional({ description: 'cursor from the previous page (nextCursor)' })
  @IsOptional() @IsString()
  after?: string;
}

@ArgsType()
export class CustomerBookingsQueryArgs extends CustomerBookingsArgs {
  @Field(() => ID, { description: 'the shop customer' })
  @IsUUID('all', { message: 'customerId must be a UUID' })
  customerId: string;
}
