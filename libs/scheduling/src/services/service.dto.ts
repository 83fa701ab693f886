import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsAmountMinor, IsCurrencyCode, IsRequiredText, MinorUnits } from '@workbay/platform';
import { PRICE_MINOR } from '@workbay/platform/fields';
import { RESOURCE_KINDS } from '../shared/schedule.rules';
import { CATALOG_LIMITS, CATALOG_TEXT } from '../catalog/catalog-fields.rules';
import { BookingRulesInput, ServiceBookingRulesView } from '../catalog/catalog.dto';
import { CatalogStatusEnum, ResourceKindEnum } from '../catalog/catalog-enums';
import { MAX_NEED_RESOURCE_IDS, MAX_SERVICE_NEEDS } from './service.decider';

@InputType('SchedulingMoneyInput', { description: 'An amount of money' })
export class MoneyInput {
  @Field(MinorUnits, { description: 'minor units (paise, cents)' })
  @ApiProperty({ type: 'integer', example: 150000, minimum: PRICE_MINOR.min, maximum: PRICE_MINOR.max, description: 'minor units (paise, cents)' })
  @IsAmountMinor(PRICE_MINOR)
  amountMinor: number;

  @Field({ description: 'ISO 4217 code' })
  @ApiProperty({ example: 'INR', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' })
  @IsCurrencyCode()
  currency: string;
}

@ObjectType('SchedulingMoney', { description: 'An amount of money' })
export class MoneyView {
  @Field(MinorUnits, { description: 'minor units' }) @ApiProperty({ type: 'integer', description: 'minor units' })
  amountMinor: number;

  @Field({ description: 'ISO 4217 code' }) @ApiProperty({ example: 'INR', description: 'ISO 4217 code' })
  currency: string;
}

@InputType({ description: 'A kind of resource a service takes' })
export class ServiceNeedInput {
  @Field(() => ResourceKindEnum, { description: 'the kind of resource' })
  @ApiProperty({ enum: ResourceKindEnum, enumName: 'ResourceKind', description: 'the kind of resource' })
  @IsIn(RESOURCE_KINDS, { message: `kind must be one of ${RESOURCE_KINDS.join(', ')}` })
  kind: string;

  @Field(() => Int, { nullable: true, description: 'how many distinct resources of that kind (default 1)' })
  @ApiPropertyOptional({ type: 'integer', minimum: CATALOG_LIMITS.needCount.min, maximum: CATALOG_LIMITS.needCount.max, description: 'how many distinct resources of that kind (default 1)' })
  @IsOptional() @IsInt() @Min(CATALOG_LIMITS.needCount.min) @Max(CATALOG_LIMITS.needCount.max)
  count?: number;

  @Field(() => [ID], { nullable: true, description: "only these resources (of the service's location and this kind); omitted: any" })
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "only these resources (of the service's location and this kind); omitted: any" })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_NEED_RESOURCE_IDS) @IsUUID(undefined, { each: true })
  resourceIds?: string[];
}

/** The terms of a service, as given. */
@InputType({ description: 'The terms of a service' })
export class ServiceTermsInput {
  @Field({ description: 'what customers book, e.g. Oil change' })
  @ApiProperty({ example: 'Oil change', description: 'what customers book, e.g. Oil change' })
  @IsRequiredText(CATALOG_TEXT.name)
  name: string;

  @Field(() => Int, { description: 'how long the appointment takes, minutes' })
  @ApiProperty({ type: 'integer', example: 45, minimum: CATALOG_LIMITS.durationMinutes.min, maximum: CATALOG_LIMITS.durationMinutes.max, description: 'how long the appointment takes, minutes' })
  @IsInt() @Min(CATALOG_LIMITS.durationMinutes.min) @Max(CATALOG_LIMITS.durationMinutes.max)
  durationMinutes: number;

  @Field(() => MoneyInput, { description: 'the price' })
  @ApiProperty({ type: MoneyInput, description: 'the price' })
  @IsObject() @ValidateNested() @Type(() => MoneyInput)
  price: MoneyInput;

  @Field(() => [ServiceNeedInput], { description: 'the resources it takes, all of them or no booking; at least one' })
  @ApiProperty({ type: [ServiceNeedInput], description: 'the resources it takes, all of them or no booking; at least one' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SERVICE_NEEDS) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => ServiceNeedInput)
  needs: ServiceNeedInput[];

  @Field(() => Int, { nullable: true, description: 'seats one booking takes on each resource (default 1)' })
  @ApiPropertyOptional({ type: 'integer', minimum: CATALOG_LIMITS.seatsPerBooking.min, maximum: CATALOG_LIMITS.seatsPerBooking.max, description: 'seats one booking takes on each resource (default 1)' })
  @IsOptional() @IsInt() @Min(CATALOG_LIMITS.seatsPerBooking.min) @Max(CATALOG_LIMITS.seatsPerBooking.max)
  seatsPerBooking?: number;

  @Field(() => BookingRulesInput, { nullable: true, description: "its own rules; a rule it leaves out is the resource's" })
  @ApiPropertyOptional({ type: BookingRulesInput, description: "its own rules; a rule it leaves out is the resource's" })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => BookingRulesInput)
  rules?: BookingRulesInput;

  @Field({ nullable: true, description: 'offered on the public booking pages (default false)' })
  @ApiPropertyOptional({ description: 'offered on the public booking pages (default false)' })
  @IsOptional() @IsBoolean()
  bookableOnline?: boolean;
}

@InputType({ description: 'A bookable service at a shop location' })
export class DefineServiceInput extends ServiceTermsInput {
  @Field(() => ID, { description: 'the shop location it is offered at' })
  @ApiProperty({ format: 'uuid', description: 'the shop location it is offered at' })
  @IsUUID()
  locationId: string;
}

@ObjectType({ description: 'A kind of resource a service takes' })
export class ServiceNeedView {
  @Field(() => ResourceKindEnum, { description: 'the kind' }) @ApiProperty({ enum: ResourceKindEnum, enumName: 'ResourceKind', description: 'the kind' })
  kind: string;

  @Field(() => Int, { description: 'distinct resources of that kind' }) @ApiProperty({ type: 'integer', description: 'distinct resources of that kind' })
  count: number;

  @Field(() => [ID], { nullable: true, description: 'only these resources; null: any of the kind at the location' })
  @ApiProperty({ type: [String], nullable: true, description: 'only these resources; null: any of the kind at the location' })
  resourceIds: string[] | null;
}

@ObjectType({ description: 'A bookable service' })
export class ServiceView {
  @Field(() => ID, { description: 'the service' }) @ApiProperty({ format: 'uuid', description: 'the service' })
  id: string;

  @Field(() => ID, { description: 'its shop location' }) @ApiProperty({ format: 'uuid', description: 'its shop location' })
  locationId: string;

  @Field({ description: 'its name' }) @ApiProperty({ description: 'its name' })
  name: string;

  @Field(() => CatalogStatusEnum, { description: 'whether it can be booked' })
  @ApiProperty({ enum: CatalogStatusEnum, enumName: 'SchedulingCatalogStatus', description: 'whether it can be booked' })
  status: string;

  @Field(() => Int, { description: 'duration, minutes' }) @ApiProperty({ type: 'integer', description: 'duration, minutes' })
  durationMinutes: number;

  @Field(() => MoneyView, { description: 'the price' }) @ApiProperty({ type: MoneyView, description: 'the price' })
  price: MoneyView;

  @Field(() => [ServiceNeedView], { description: 'the resources it takes' }) @ApiProperty({ type: [ServiceNeedView], description: 'the resources it takes' })
  needs: ServiceNeedView[];

  @Field(() => Int, { description: 'seats a booking takes on each resource' }) @ApiProperty({ type: 'integer', description: 'seats a booking takes on each resource' })
  seatsPerBooking: number;

  @Field(() => ServiceBookingRulesView, { description: "its own rules (null: the resource's)" }) @ApiProperty({ type: ServiceBookingRulesView, description: "its own rules (null: the resource's)" })
  rules: ServiceBookingRulesView;

  @Field({ description: 'offered on the public booking pages' }) @ApiProperty({ description: 'offered on the public booking pages' })
  bookableOnline: boolean;

  @Field({ description: 'when it was defined' }) @ApiProperty({ format: 'date-time', description: 'when it was defined' })
  definedAt: string;

  @Field(() => Int, { description: "stream version: the number of events in the service's stream" })
  @ApiProperty({ type: 'integer', description: "stream version: the number of events in the service's stream" })
  version: number;
}

@ObjectType({ description: 'A page of services' })
export class ServicePage {
  @Field(() => [ServiceView], { description: 'this page, newest first' }) @ApiProperty({ type: [ServiceView], description: 'this page, newest first' })
  items: ServiceView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}
