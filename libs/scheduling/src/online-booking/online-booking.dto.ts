import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOptionalText, IsRequiredText } from '@workbay/platform';
import { AvailabilityArgs } from '../availability/availability.args';
import { ReservationStatusEnum } from '../catalog/catalog-enums';
import { RESERVATION_TEXT } from '../reservations/reservation.rules';

const GUEST_NAME = { max: 120 } as const;
const START_DESCRIPTION = 'appointment start, ISO-8601 with offset (stored in UTC); in working hours, in the future and within the booking rules';
const RESOURCE_PICK = /^(any|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The start fields of the public inputs, checked like the staff's. */
function StartField(): PropertyDecorator {
  return (target, key) => {
    Field({ description: START_DESCRIPTION })(target, key);
    ApiProperty({ example: '2030-03-04T09:00:00Z', description: START_DESCRIPTION })(target, key);
    IsString()(target, key);
    IsISO8601({ strict: true, strictSeparator: true }, { message: 'start must be an ISO-8601 instant, e.g. 2030-03-04T09:00:00Z' })(target, key);
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'start must carry its offset (Z or +hh:mm)' })(target, key);
  };
}

@InputType({ description: 'Who books online, without an account' })
export class GuestInput {
  @Field({ description: "the guest's name" }) @ApiProperty({ example: 'Asha Rao', description: "the guest's name" })
  @IsRequiredText(GUEST_NAME) name: string;

  @Field({ description: 'where the confirmation and reminders go' }) @ApiProperty({ format: 'email', example: 'asha@example.com', description: 'where the confirmation and reminders go' })
  @IsString() @MaxLength(254) @IsEmail({}, { message: 'email must be an e-mail address' }) email: string;

  @Field({ nullable: true, description: 'a phone number' }) @ApiPropertyOptional({ example: '+91 98450 12345', description: 'a phone number' })
  @IsOptional() @IsString() @MaxLength(32) phone?: string;
}

@InputType({ description: 'A booking on the public page: a service, a start, optionally a resource (else any), and the guest' })
export class OnlineBookingInput {
  @Field(() => ID, { description: 'a service the page lists' }) @ApiProperty({ format: 'uuid', description: 'a service the page lists' })
  @IsUUID() serviceId: string;

  @StartField() start: string;

  @Field(() => ID, { nullable: true, description: "a resource id, or 'any' (the default) for a fair choice" })
  @ApiPropertyOptional({ example: 'any', description: "a resource id, or 'any' (the default) for a fair choice" })
  @IsOptional() @IsString() @Matches(RESOURCE_PICK, { message: "resourceId must be a resource id or 'any'" }) resourceId?: string;

  @Field(() => GuestInput, { description: 'who it is for' }) @ApiProperty({ type: GuestInput, description: 'who it is for' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => GuestInput) guest: GuestInput;

  @Field({ nullable: true, description: 'a note for the shop' }) @ApiPropertyOptional({ description: 'a note for the shop' })
  @IsOptionalText(RESERVATION_TEXT.notes) notes?: string;
}

@InputType({ description: 'Where the guest moves their booking to' })
export class OnlineRescheduleInput {
  @StartField() start: string;
}

@InputType({ description: 'Why the guest cancels (optional)' })
export class OnlineCancelInput {
  @Field({ nullable: true, description: 'why' }) @ApiPropertyOptional({ description: 'why' })
  @IsOptionalText(RESERVATION_TEXT.reason) reason?: string;
}

@ObjectType({ description: 'A service offered on the public booking page' })
export class OnlineServiceView {
  @Field(() => ID, { description: 'the service' }) @ApiProperty({ format: 'uuid', description: 'the service' }) id: string;
  @Field({ description: 'its name' }) @ApiProperty({ description: 'its name' }) name: string;
  @Field(() => ID, { description: 'where it is offered' }) @ApiProperty({ format: 'uuid', description: 'where it is offered' }) locationId: string;
  @Field(() => Int, { description: 'how long it takes' }) @ApiProperty({ type: 'integer', description: 'how long it takes, minutes' }) durationMinutes: number;
  @Field(() => Int, { description: 'price in minor units' }) @ApiProperty({ type: 'integer', description: 'price in minor units' }) priceMinor: number;
  @Field({ description: 'ISO 4217 currency' }) @ApiProperty({ example: 'EUR', description: 'ISO 4217 currency' }) currency: string;
}

@ObjectType({ description: 'The services of a booking page' })
export class OnlineServicesView {
  @Field({ description: "the shop's name" }) @ApiProperty({ description: "the shop's name" }) shopName: string;
  @Field(() => [OnlineServiceView], { description: 'what can be booked online' }) @ApiProperty({ type: [OnlineServiceView], description: 'what can be booked online' }) items: OnlineServiceView[];
}

@ObjectType({ description: 'One online booking, as its manage link shows it: nothing of anyone else' })
export class ManagedBookingView {
  @Field(() => ID, { description: 'the booking' }) @ApiProperty({ format: 'uuid', description: 'the booking' }) reservationId: string;
  @Field(() => ReservationStatusEnum, { description: 'where the booking is: reserved, checked_in, cancelled, no_show or completed' })
  @ApiProperty({ enum: ['held', 'reserved', 'checked_in', 'cancelled', 'expired', 'no_show', 'completed'], description: 'its status' }) status: string;
  @Field(() => ID, { description: 'the service' }) @ApiProperty({ format: 'uuid', description: 'the service' }) serviceId: string;
  @Field({ description: 'appointment start (UTC)' }) @ApiProperty({ format: 'date-time', description: 'appointment start (UTC)' }) start: string;
  @Field({ description: 'appointment end (UTC)' }) @ApiProperty({ format: 'date-time', description: 'appointment end (UTC)' }) end: string;
  @Field({ description: "the guest's name" }) @ApiProperty({ description: "the guest's name" }) guestName: string;
  @Field(() => Boolean, { nullable: true, description: 'cancelled: whether inside the cancellation window' })
  @ApiProperty({ nullable: true, type: Boolean, description: 'cancelled: whether inside the cancellation window' }) late: boolean | null;
}

@ObjectType({ description: 'A booking made online, with its secret manage link (shown once: keep it)' })
export class OnlineBookingConfirmation extends ManagedBookingView {
  @Field({ description: 'the secret of the manage link; shown only in this answer' })
  @ApiProperty({ description: 'the secret of the manage link (GET/POST /book/manage/{token}); shown only in this answer' }) manageToken: string;
  @Field({ description: 'the manage link' }) @ApiProperty({ format: 'uri', description: 'the manage link' }) manageUrl: string;
}

/** GraphQL's arguments of the public availability: the shop's slug beside availability's own. */
@ArgsType()
export class OnlineAvailabilityArgs extends AvailabilityArgs {
  @Field({ description: "the shop's public name" })
  @IsString() @MaxLength(63) slug: string;
}
