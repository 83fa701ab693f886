import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { ResourceKindEnum } from '../catalog/catalog-enums';

const RATE = { type: Number, nullable: true } as const;

@ObjectType('UtilisationDay', { description: "A resource's booked and working minutes on one local day" })
export class UtilisationDayView {
  @Field({ description: 'YYYY-MM-DD' }) @ApiProperty({ format: 'date' })
  date: string;

  @Field(() => Int, { description: 'working minutes (hours minus breaks and exceptions, plus extra hours)' })
  @ApiProperty({ type: 'integer', description: 'working minutes (hours minus breaks and exceptions, plus extra hours)' })
  availableMinutes: number;

  @Field(() => Int, { description: 'appointment minutes booked (buffers excluded), times seats' })
  @ApiProperty({ type: 'integer', description: 'appointment minutes booked (buffers excluded), times seats' })
  bookedMinutes: number;

  @Field(() => Float, { nullable: true, description: 'booked / (available x capacity); null on a day off' })
  @ApiProperty({ ...RATE, description: 'booked / (available x capacity); null on a day off' })
  utilisation: number | null;
}

@ObjectType('ResourceUtilisation', { description: "One resource's utilisation over the range" })
export class ResourceUtilisationView {
  @Field(() => ID, { description: 'the resource' }) @ApiProperty({ format: 'uuid', description: 'the resource' })
  resourceId: string;

  @Field({ description: "the resource's name" }) @ApiProperty({ description: "the resource's name" })
  name: string;

  @Field(() => ResourceKindEnum, { description: 'what the resource is' }) @ApiProperty({ description: 'technician, bay, staff, room, advisor' })
  kind: string;

  @Field(() => Int, { description: 'seats at once (1 unless a class)' }) @ApiProperty({ type: 'integer', description: 'seats at once (1 unless a class)' })
  capacity: number;

  @Field(() => Int, { description: 'working minutes over the range' }) @ApiProperty({ type: 'integer', description: 'working minutes over the range' })
  availableMinutes: number;

  @Field(() => Int, { description: 'booked seat-minutes over the range' }) @ApiProperty({ type: 'integer', description: 'booked seat-minutes over the range' })
  bookedMinutes: number;

  @Field(() => Float, { nullable: true, description: 'booked / (available x capacity) over the range; null when it never worked' }) @ApiProperty({ ...RATE, description: 'booked / (available x capacity) over the range; null when it never worked' })
  utilisation: number | null;

  @Field(() => [UtilisationDayView], { description: 'every day of the range' }) @ApiProperty({ type: [UtilisationDayView], description: 'every day of the range' })
  days: UtilisationDayView[];
}

@ObjectType('Utilisation', { description: 'Booked vs working minutes per resource and local day at a location' })
export class UtilisationView {
  @Field(() => ID, { description: 'the shop location' }) @ApiProperty({ format: 'uuid', description: 'the shop location' })
  locationId: string;

  @Field({ description: "the location's IANA time zone (the days are in it)" }) @ApiProperty({ example: 'Europe/Berlin', description: "the location's IANA time zone (the days are in it)" })
  timezone: string;

  @Field(() => Float, { nullable: true, description: "all resources' booked over all their capacity-minutes" })
  @ApiProperty({ ...RATE, description: "all resources' booked over all their capacity-minutes" })
  utilisation: number | null;

  @Field(() => [ResourceUtilisationView], { description: 'active resources, and retired ones with bookings in the range' })
  @ApiProperty({ type: [ResourceUtilisationView], description: 'active resources, and retired ones with bookings in the range' })
  resources: ResourceUtilisationView[];
}

@ObjectType('NoShowCount', { description: 'No-shows among reservations that reached their start, in one period' })
export class NoShowRowView {
  @Field({ description: 'first day of the period (YYYY-MM-DD)' }) @ApiProperty({ format: 'date', description: 'first day of the period (YYYY-MM-DD)' })
  period: string;

  @Field(() => ID, { description: 'the shop location' }) @ApiProperty({ format: 'uuid', description: 'the shop location' })
  locationId: string;

  @Field(() => ID, { nullable: true, description: 'set on per-resource rows' })
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set on per-resource rows' })
  resourceId: string | null;

  @Field(() => Int, { description: 'reservations whose start came while they were on' })
  @ApiProperty({ type: 'integer', description: 'reservations whose start came while they were on' })
  reached: number;

  @Field(() => Int, { description: 'of them, marked no-show' }) @ApiProperty({ type: 'integer', description: 'of them, marked no-show' })
  noShows: number;

  @Field(() => Float, { nullable: true, description: 'noShows / reached; null when none reached their start' }) @ApiProperty({ ...RATE, description: 'noShows / reached; null when none reached their start' })
  noShowRate: number | null;
}

@ObjectType('NoShowReport', { description: 'No-show rate over the range, per period and location and per period and resource' })
export class NoShowReportView {
  @Field(() => Int, { description: 'reservations whose start came while they were on' }) @ApiProperty({ type: 'integer', description: 'reservations whose start came while they were on' })
  reached: number;

  @Field(() => Int, { description: 'of them, marked no-show' }) @ApiProperty({ type: 'integer', description: 'of them, marked no-show' })
  noShows: number;

  @Field(() => Float, { nullable: true, description: 'noShows / reached; null when none reached their start' }) @ApiProperty({ ...RATE, description: 'noShows / reached; null when none reached their start' })
  noShowRate: number | null;

  @Field(() => [NoShowRowView], { description: 'per period and location' }) @ApiProperty({ type: [NoShowRowView], description: 'per period and location' })
  locations: NoShowRowView[];

  @Field(() => [NoShowRowView], { description: 'per period and resource (a reservation counts once per resource it took)' }) @ApiProperty({ type: [NoShowRowView], description: 'per period and resource (a reservation counts once per resource it took)' })
  resources: NoShowRowView[];
}
