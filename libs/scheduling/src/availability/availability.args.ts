import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { MAX_AVAILABILITY_DAYS } from './availability.rules';

/** A real calendar date `YYYY-MM-DD` (the round trip refuses 2026-02-30). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate', target: target.constructor, propertyName, options,
      validator: { validate: isCalendarDate, defaultMessage: (a?: ValidationArguments) => `${a?.property} must be a date like 2026-06-01` },
    });
}

/** Free slots of a service at a location over local days (the location's zone), for any resource or a chosen one. */
@ArgsType()
export class AvailabilityArgs {
  @Field(() => ID, { description: 'the service to book' })
  @ApiProperty({ format: 'uuid', description: 'the service to book' })
  @IsUUID('all', { message: 'serviceId must be a UUID' })
  serviceId: string;

  @Field(() => ID, { description: 'the location offering it (the service\'s own)' })
  @ApiProperty({ format: 'uuid', description: "the location offering it (the service's own)" })
  @IsUUID('all', { message: 'locationId must be a UUID' })
  locationId: string;

  @Field({ description: 'first local day, inclusive (YYYY-MM-DD, the location\'s zone)' })
  @ApiProperty({ example: '2026-06-01', format: 'date', description: "first local day, inclusive (YYYY-MM-DD, the location's zone)" })
  @IsCalendarDate()
  from: string;

  @Field({ description: `last local day, inclusive; at most ${MAX_AVAILABILITY_DAYS} days from \`from\`` })
  @ApiProperty({ example: '2026-06-07', format: 'date', description: `last local day, inclusive; at most ${MAX_AVAILABILITY_DAYS} days from \`from\`` })
  @IsCalendarDate()
  to: string;

  @Field(() => ID, { nullable: true, description: 'only slots of this resource; absent: any resource (assigned fairly)' })
  @ApiPropertyOptional({ format: 'uuid', description: 'only slots of this resource; absent: any resource (assigned fairly)' })
  @IsOptional() @IsUUID('all', { message: 'resourceId must be a UUID' })
  resourceId?: string;
}
