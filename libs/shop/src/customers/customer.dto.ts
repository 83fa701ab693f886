import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsRequiredText } from '@workbay/platform';
import { CUSTOMER_NAME, MAX_PREFERRED_LOCATIONS } from './customer.decider';
import { BillingAddressView, TaxIdView } from './customer-billing.dto';

@InputType({ description: 'A new customer' })
export class RegisterCustomerInput {
  @Field({ description: "the customer's first name" })
  @ApiProperty({ example: 'Asha', description: "the customer's first name" })
  @IsRequiredText(CUSTOMER_NAME)
  firstName: string;

  @Field({ description: "the customer's last name" })
  @ApiProperty({ example: 'Rao', description: "the customer's last name" })
  @IsRequiredText(CUSTOMER_NAME)
  lastName: string;

  @Field({ nullable: true, description: 'e-mail address; an e-mail or a phone is required' })
  @ApiPropertyOptional({ example: 'asha@example.com', format: 'email', description: 'e-mail address; an e-mail or a phone is required' })
  @IsOptional() @IsString() @MaxLength(254)
  email?: string;

  @Field({ nullable: true, description: 'phone number; an e-mail or a phone is required' })
  @ApiPropertyOptional({ example: '+91 98450 12345', description: 'phone number; an e-mail or a phone is required' })
  @IsOptional() @IsString() @MaxLength(32)
  phone?: string;
}

/** Omitted: unchanged; null: removed (an email or a phone must remain). */
@InputType({ description: "A change to a customer's contact details" })
export class UpdateCustomerContactInput {
  @Field(() => String, { nullable: true, description: 'omitted: unchanged; null: removed (an e-mail or a phone must remain)' })
  @ApiPropertyOptional({ example: 'asha@example.com', nullable: true, type: String, format: 'email', description: 'omitted: unchanged; null: removed (an e-mail or a phone must remain)' })
  @IsOptional() @IsString() @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'omitted: unchanged; null: removed (an e-mail or a phone must remain)' })
  @ApiPropertyOptional({ example: '+91 98450 12345', nullable: true, type: String, description: 'omitted: unchanged; null: removed (an e-mail or a phone must remain)' })
  @IsOptional() @IsString() @MaxLength(32)
  phone?: string | null;
}

@InputType({ description: "A customer's preferred shop locations" })
export class SetPreferredLocationsInput {
  @Field(() => [ID], { description: 'open shop locations, most preferred first; [] clears' })
  @ApiProperty({ type: [String], format: 'uuid', description: 'open shop locations, most preferred first; [] clears' })
  @IsArray() @ArrayMaxSize(MAX_PREFERRED_LOCATIONS) @IsUUID('all', { each: true, message: 'locationIds must hold location ids (uuids)' })
  locationIds: string[];
}

@ObjectType({ description: "A customer's vehicle" })
export class VehicleView {
  @Field(() => ID, { description: 'the vehicle' })
  @ApiProperty({ format: 'uuid', description: 'the vehicle' })
  id: string;

  @Field(() => ID, { description: 'the owner' })
  @ApiProperty({ format: 'uuid', description: 'the owner' })
  customerId: string;

  @Field({ description: 'Vehicle Identification Number: 17 characters, no I, O or Q' })
  @ApiProperty({ pattern: '^[A-HJ-NPR-Z0-9]{17}$', description: 'Vehicle Identification Number: 17 characters, no I, O or Q' })
  vin: string;

  @Field(() => Int, { description: 'model year' })
  @ApiProperty({ type: 'integer', minimum: 1900, description: 'model year' })
  year: number;

  @Field({ description: 'manufacturer, e.g. Honda' })
  @ApiProperty({ description: 'manufacturer, e.g. Honda' })
  make: string;

  @Field({ description: 'model name, e.g. City' })
  @ApiProperty({ description: 'model name, e.g. City' })
  model: string;

  @Field(() => Int, { description: 'odometer reading' })
  @ApiProperty({ type: 'integer', minimum: 0, description: 'odometer reading' })
  mileage: number;

  @Field({ description: 'when the vehicle was added' })
  @ApiProperty({ format: 'date-time', description: 'when the vehicle was added' })
  addedAt: string;
}

@ObjectType({ description: 'A customer of the shop, with their vehicles' })
export class CustomerView {
  @Field(() => ID, { description: 'the customer' })
  @ApiProperty({ format: 'uuid', description: 'the customer' })
  id: string;

  @Field({ description: "the customer's first name" })
  @ApiProperty({ description: "the customer's first name" })
  firstName: string;

  @Field({ description: "the customer's last name" })
  @ApiProperty({ description: "the customer's last name" })
  lastName: string;

  @Field(() => String, { nullable: true, description: 'e-mail address; null if none' })
  @ApiProperty({ nullable: true, type: String, format: 'email', description: 'e-mail address; null if none' })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'phone number; null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'phone number; null if none' })
  phone: string | null;

  @Field({ description: 'when the customer was registered' })
  @ApiProperty({ format: 'date-time', description: 'when the customer was registered' })
  registeredAt: string;

  @Field(() => ID, { nullable: true, description: 'the household the customer belongs to; null if none' })
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the household the customer belongs to; null if none' })
  householdId: string | null;

  @Field(() => [ID], { description: 'preferred shop locations, most preferred first' })
  @ApiProperty({ type: [String], description: 'most preferred first', format: 'uuid' })
  preferredLocationIds: string[];

  @Field(() => BillingAddressView, { nullable: true, description: 'the address invoices go to; null if none' })
  @ApiProperty({ type: BillingAddressView, nullable: true, description: 'the address invoices go to; null if none' })
  billingAddress: BillingAddressView | null;

  @Field(() => TaxIdView, { nullable: true, description: 'a business: its GSTIN or EU VAT id; null: a private customer' })
  @ApiProperty({ type: TaxIdView, nullable: true, description: 'a business: its GSTIN or EU VAT id; null: a private customer' })
  taxId: TaxIdView | null;

  @Field(() => [VehicleView], { description: "the customer's vehicles" })
  @ApiProperty({ type: [VehicleView], description: "the customer's vehicles" })
  vehicles: VehicleView[];
}

@ObjectType({ description: 'A page of customers' })
export class CustomerPage {
  @Field(() => [CustomerView], { description: 'this page of customers, newest first' })
  @ApiProperty({ type: [CustomerView], description: 'this page of customers, newest first' })
  items: CustomerView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}
