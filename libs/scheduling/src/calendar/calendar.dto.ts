import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { ReservationChannelEnum, ReservationStatusEnum, ResourceKindEnum } from '../catalog/catalog-enums';
import { CALENDAR_STATUSES } from './calendar.rules';

/** The calendar shows a reservation's status: scheduling's one ReservationStatus enum. */
export const CalendarStatusEnum = ReservationStatusEnum;

@ObjectType('CalendarResource', { description: 'A resource a reservation takes' })
export class CalendarResourceView {
  @Field(() => ID, { description: 'the resource' }) @ApiProperty({ format: 'uuid', description: 'the resource' })
  resourceId: string;

  @Field(() => String, { nullable: true, description: "the resource's current name" })
  @ApiProperty({ type: String, nullable: true, description: "the resource's current name" })
  name: string | null;

  @Field(() => ResourceKindEnum, { description: 'what the resource is' }) @ApiProperty({ description: 'technician, bay, staff, room, advisor' })
  kind: string;
}

@ObjectType('CalendarEntry', { description: 'A reservation or live hold, with its times in UTC and in its location\'s zone' })
export class CalendarEntryView {
  @Field(() => ID, { description: 'the reservation (or hold)' }) @ApiProperty({ format: 'uuid', description: 'the reservation (or hold)' })
  reservationId: string;

  @Field(() => CalendarStatusEnum, { description: 'where the reservation is' }) @ApiProperty({ enum: CALENDAR_STATUSES, description: 'where the reservation is' })
  status: string;

  @Field({ description: 'start, ISO-8601 UTC' }) @ApiProperty({ format: 'date-time', description: 'start, ISO-8601 UTC' })
  start: string;

  @Field({ description: 'end, ISO-8601 UTC' }) @ApiProperty({ format: 'date-time', description: 'end, ISO-8601 UTC' })
  end: string;

  @Field({ description: "start in the location's zone, with its offset (2026-03-03T09:00:00.000+01:00)" })
  @ApiProperty({ example: '2026-03-03T09:00:00.000+01:00', description: "start in the location's zone, with its offset" })
  startLocal: string;

  @Field({ description: "end in the location's zone, with its offset" }) @ApiProperty({ example: '2026-03-03T09:45:00.000+01:00', description: "end in the location's zone, with its offset" })
  endLocal: string;

  @Field({ description: 'the local day it starts on (YYYY-MM-DD)' }) @ApiProperty({ format: 'date', description: 'the local day it starts on' })
  localDate: string;

  @Field({ description: "the location's IANA time zone" }) @ApiProperty({ example: 'Europe/Berlin', description: "the location's IANA time zone" })
  timezone: string;

  @Field(() => ID, { description: 'the shop location' }) @ApiProperty({ format: 'uuid', description: 'the shop location' })
  locationId: string;

  @Field(() => ID, { description: 'the service booked' }) @ApiProperty({ format: 'uuid', description: 'the service booked' })
  serviceId: string;

  @Field(() => String, { nullable: true, description: "the service's current name" })
  @ApiProperty({ type: String, nullable: true, description: "the service's current name" })
  serviceName: string | null;

  @Field(() => [CalendarResourceView], { description: 'the resources it takes' }) @ApiProperty({ type: [CalendarResourceView], description: 'the resources it takes' })
  resources: CalendarResourceView[];

  @Field(() => String, { nullable: true, description: "the customer's name, or the guest's who booked online" })
  @ApiProperty({ type: String, nullable: true, description: "the customer's name, or the guest's who booked online" })
  partyName: string | null;

  @Field(() => ID, { nullable: true, description: 'the shop customer; null for a guest' })
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the shop customer; null for a guest' })
  customerId: string | null;

  @Field(() => ID, { nullable: true, description: "the customer's vehicle, when given" }) @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "the customer's vehicle, when given" })
  vehicleId: string | null;

  @Field(() => Int, { description: 'seats taken (a class)' }) @ApiProperty({ type: 'integer', description: 'seats taken (a class)' })
  seats: number;

  @Field(() => ReservationChannelEnum, { description: 'who made it: staff or online' }) @ApiProperty({ enum: ['staff', 'online'], description: 'staff or online' })
  channel: string;

  @Field(() => ID, { nullable: true, description: 'the recurring series it belongs to' })
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the recurring series it belongs to' })
  seriesId: string | null;

  @Field(() => String, { nullable: true, description: 'when a hold lapses unless confirmed' })
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when a hold lapses unless confirmed' })
  holdExpiresAt: string | null;

  @Field(() => String, { nullable: true, description: 'notes for the staff' }) @ApiProperty({ type: String, nullable: true, description: 'notes for the staff' })
  notes: string | null;
}

@ObjectType('CalendarDay', { description: 'One local day of a calendar' })
export class CalendarDayView {
  @Field({ description: 'YYYY-MM-DD' }) @ApiProperty({ format: 'date' })
  date: string;

  @Field(() => [CalendarEntryView], { description: 'reservations and live holds starting that day, by start' })
  @ApiProperty({ type: [CalendarEntryView], description: 'reservations and live holds starting that day, by start' })
  entries: CalendarEntryView[];
}

@ObjectType('Calendar', { description: 'A day or week (up to 31 days) of a location or a resource' })
export class CalendarView {
  @Field(() => ID, { description: 'the shop location' }) @ApiProperty({ format: 'uuid', description: 'the shop location' })
  locationId: string;

  @Field(() => ID, { nullable: true, description: 'set on a resource calendar' })
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set on a resource calendar' })
  resourceId: string | null;

  @Field({ description: 'the zone the days are in' }) @ApiProperty({ example: 'Europe/Berlin', description: 'the zone the days are in' })
  timezone: string;

  @Field(() => [CalendarDayView], { description: 'every day from `from` to `to`, empty ones too' })
  @ApiProperty({ type: [CalendarDayView], description: 'every day from `from` to `to`, empty ones too' })
  days: CalendarDayView[];
}

@ObjectType('CustomerBookingsPage', { description: "A page of a customer's bookings" })
export class CustomerBookingsPage {
  @Field(() => [CalendarEntryView], { description: 'this page of bookings' }) @ApiProperty({ type: [CalendarEntryView], description: 'this page of bookings' })
  items: CalendarEntryView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ type: String, nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}
