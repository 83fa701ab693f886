import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOptionalText } from '@workbay/platform';
import { RESERVATION_TEXT } from './reservation.rules';
import { ReservationStatusEnum, ResourceKindEnum } from '../catalog/catalog-enums';

const RESOURCE_PICK = /^(any|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const RESOURCES_DESCRIPTION = "one entry per resource the service takes (its needs in order, each need's count times): a resource id, or 'any' for a fair choice; omitted: 'any' for all";
const START_DESCRIPTION = 'appointment start, ISO-8601 with offset (stored in UTC); must be in working hours, in the future and within the booking rules';

@InputType({ description: 'Whom a staff booking is for: a customer of the shop, optionally with one of their vehicles' })
export class BookingPartyInput {
  @Field(() => ID, { description: 'a customer of this shop' })
  @ApiProperty({ format: 'uuid', description: 'a customer of this shop' })
  @IsUUID() customerId: string;

  @Field(() => ID, { nullable: true, description: "one of the customer's vehicles" })
  @ApiPropertyOptional({ format: 'uuid', description: "one of the customer's vehicles" })
  @IsOptional() @IsUUID() vehicleId?: string;
}

@InputType({ description: 'A slot to book (or hold)' })
export class ReserveSlotInput {
  @Field(() => ID, { description: 'the service to book' })
  @ApiProperty({ format: 'uuid', description: 'the service to book' })
  @IsUUID() serviceId: string;

  @Field(() => [String], { nullable: true, description: RESOURCES_DESCRIPTION })
  @ApiPropertyOptional({ type: [String], example: ['any'], description: RESOURCES_DESCRIPTION })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @Matches(RESOURCE_PICK, { each: true, message: "each of resources must be a resource id or 'any'" })
  resources?: string[];

  @Field({ description: START_DESCRIPTION })
  @ApiProperty({ example: '2030-03-04T09:00:00Z', description: START_DESCRIPTION })
  @IsString() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'start must be an ISO-8601 instant, e.g. 2030-03-04T09:00:00Z' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'start must carry its offset (Z or +hh:mm)' })
  start: string;

  @Field(() => BookingPartyInput, { description: 'whom it is for' })
  @ApiProperty({ type: BookingPartyInput, description: 'whom it is for' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => BookingPartyInput)
  party: BookingPartyInput;

  @Field({ nullable: true, description: 'notes for the staff' })
  @ApiPropertyOptional({ description: 'notes for the staff' })
  @IsOptionalText(RESERVATION_TEXT.notes)
  notes?: string;
}

@InputType({ description: 'A recurring booking: every occurrence of the rule, or none' })
export class ReserveRecurringInput extends ReserveSlotInput {
  @Field({ description: 'RFC 5545 RRULE without DTSTART (the first start is `start`), with COUNT or UNTIL, at most 52 occurrences; expanded in the location\'s time zone' })
  @ApiProperty({ example: 'FREQ=WEEKLY;COUNT=6', description: "RFC 5545 RRULE without DTSTART (the first start is `start`), with COUNT or UNTIL, at most 52 occurrences; expanded in the location's time zone" })
  @IsString() @MaxLength(500)
  rrule: string;
}

@InputType({ description: 'Where a reservation moves to' })
export class RescheduleReservationInput {
  @Field({ description: START_DESCRIPTION })
  @ApiProperty({ example: '2030-03-04T10:00:00Z', description: START_DESCRIPTION })
  @IsString() @IsISO8601({ strict: true, strictSeparator: true }, { message: 'start must be an ISO-8601 instant, e.g. 2030-03-04T09:00:00Z' })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'start must carry its offset (Z or +hh:mm)' })
  start: string;

  @Field(() => [String], { nullable: true, description: `${RESOURCES_DESCRIPTION}; omitted: the same resources` })
  @ApiPropertyOptional({ type: [String], description: `${RESOURCES_DESCRIPTION}; omitted: the same resources` })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @Matches(RESOURCE_PICK, { each: true, message: "each of resources must be a resource id or 'any'" })
  resources?: string[];
}

@InputType({ description: 'Why a reservation is cancelled' })
export class CancelReservationInput {
  @Field({ nullable: true, description: 'why (optional)' })
  @ApiPropertyOptional({ description: 'why (optional)' })
  @IsOptionalText(RESERVATION_TEXT.reason)
  reason?: string;
}

@ObjectType('ReservationSeriesResult', { description: 'What a recurring booking wrote: every occurrence' })
export class ReservationSeriesResultView {
  @Field(() => ID, { description: 'the series' })
  @ApiProperty({ format: 'uuid', description: 'the series' })
  seriesId: string;

  @Field(() => [ID], { description: 'the reservation of each occurrence, in order' })
  @ApiProperty({ type: [String], format: 'uuid', description: 'the reservation of each occurrence, in order' })
  reservationIds: string[];

  @Field(() => [String], { description: 'the start of each occurrence (UTC), in order' })
  @ApiProperty({ type: [String], description: 'the start of each occurrence (UTC), in order' })
  starts: string[];

  @Field(() => Int, { description: 'global position written: pass it as minPosition (X-Min-Position) to read your write' })
  @ApiProperty({ type: 'integer', description: 'global position written: send it as X-Min-Position to read your write' })
  position: number;
}

@ObjectType('ReservedResource', { description: 'A resource a reservation takes, and the time it blocks on it (buffers included)' })
export class ReservedResourceView {
  @Field(() => ID, { description: 'the resource' }) @ApiProperty({ format: 'uuid', description: 'the resource' }) resourceId: string;
  @Field(() => ResourceKindEnum, { description: 'what the resource is' }) @ApiProperty({ description: 'its kind' }) kind: string;
  @Field({ description: 'blocked from (UTC)' }) @ApiProperty({ description: 'blocked from (UTC)' }) blockedFrom: string;
  @Field({ description: 'blocked until (UTC)' }) @ApiProperty({ description: 'blocked until (UTC)' }) blockedUntil: string;
}

@ObjectType('Reservation', { description: 'A reservation or hold, as its stream stands' })
export class ReservationView {
  @Field(() => ID, { description: 'the reservation' }) @ApiProperty({ format: 'uuid', description: 'the reservation' }) id: string;
  @Field(() => ReservationStatusEnum, { description: 'where the reservation or hold is in its life' })
  @ApiProperty({ enum: ['held', 'reserved', 'checked_in', 'cancelled', 'expired', 'no_show', 'completed'], description: 'its status' })
  status: string;
  @Field(() => ID, { description: 'the service' }) @ApiProperty({ format: 'uuid', description: 'the service' }) serviceId: string;
  @Field(() => ID, { description: 'the location' }) @ApiProperty({ format: 'uuid', description: 'the location' }) locationId: string;
  @Field({ description: 'appointment start (UTC)' }) @ApiProperty({ description: 'appointment start (UTC)' }) start: string;
  @Field({ description: 'appointment end (UTC)' }) @ApiProperty({ description: 'appointment end (UTC)' }) end: string;
  @Field(() => [ReservedResourceView], { description: 'the resources it takes' }) @ApiProperty({ type: [ReservedResourceView], description: 'the resources it takes' }) resources: ReservedResourceView[];
  @Field(() => Int, { description: 'seats it takes on each resource' }) @ApiProperty({ type: 'integer', description: 'seats it takes on each resource' }) seats: number;
  @Field(() => ID, { nullable: true, description: 'the customer (null for a guest)' }) @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the customer (null for a guest)' }) customerId: string | null;
  @Field(() => ID, { nullable: true, description: 'the vehicle, if any' }) @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the vehicle, if any' }) vehicleId: string | null;
  @Field(() => String, { nullable: true, description: 'notes' }) @ApiProperty({ nullable: true, type: String, description: 'notes' }) notes: string | null;
  @Field(() => ID, { nullable: true, description: 'its recurring series, if any' }) @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'its recurring series, if any' }) seriesId: string | null;
  @Field(() => String, { nullable: true, description: 'a hold: when it expires unless confirmed (UTC)' }) @ApiProperty({ nullable: true, type: String, description: 'a hold: when it expires unless confirmed (UTC)' }) holdExpiresAt: string | null;
  @Field(() => Boolean, { nullable: true, description: 'cancelled: whether inside the cancellation window' }) @ApiProperty({ nullable: true, type: Boolean, description: 'cancelled: whether inside the cancellation window' }) late: boolean | null;
}
