import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType({ description: 'A start a booking of the service can take now' })
export class AvailableSlotView {
  @Field({ description: 'start, ISO-8601 UTC' }) @ApiProperty({ format: 'date-time', description: 'start, ISO-8601 UTC' })
  start: string;

  @Field({ description: 'the start in the location\'s zone with its offset, e.g. 2026-11-01T01:30:00-04:00' })
  @ApiProperty({ example: '2026-11-01T01:30:00-04:00', description: "the start in the location's zone with its offset" })
  localStart: string;

  @Field({ description: 'end of the appointment (start + duration, without buffers), ISO-8601 UTC' })
  @ApiProperty({ format: 'date-time', description: 'end of the appointment (start + duration, without buffers), ISO-8601 UTC' })
  end: string;

  @Field(() => [ID], { description: 'the resources a booking now would take (fair rule; the chosen one first)' })
  @ApiProperty({ type: [String], format: 'uuid', description: 'the resources a booking now would take (fair rule; the chosen one first)' })
  resourceIds: string[];
}

@ObjectType('SchedulingAvailability', { description: 'Free slots of a service at a location, display advice: the booking itself decides' })
export class AvailabilityView {
  @Field({ description: 'IANA zone the local days are counted in' }) @ApiProperty({ example: 'America/New_York', description: 'IANA zone the local days are counted in' })
  timezone: string;

  @Field({ description: 'first local day, inclusive (YYYY-MM-DD)' }) @ApiProperty({ format: 'date' })
  from: string;

  @Field({ description: 'last local day, inclusive (YYYY-MM-DD)' }) @ApiProperty({ format: 'date' })
  to: string;

  @Field(() => [AvailableSlotView], { description: 'in ascending order of start, each instant once' })
  @ApiProperty({ type: [AvailableSlotView], description: 'in ascending order of start, each instant once' })
  slots: AvailableSlotView[];
}
