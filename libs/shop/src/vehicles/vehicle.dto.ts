import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsRequiredText, MinorUnits } from '@workbay/platform';
import { VEHICLE_TEXT } from './vehicle.decider';
import { InvoiceStatusEnum, RepairOrderLineStatusEnum, RepairOrderStatusEnum } from '../shared/shop-enums';
import { SoldLineView } from '../shared/sold-line.view';

@InputType({ description: 'A vehicle to add to a customer' })
export class AddVehicleInput {
  @Field(() => ID, { description: 'the owner' }) @ApiProperty({ format: 'uuid', description: 'the owner' }) @IsUUID()
  customerId: string;

  @Field({ description: '17 characters (any case, no I, O or Q); the check digit is verified for US/CA shops' })
  @ApiProperty({ example: '1HGCM82633A004352', description: '17 characters; the check digit is verified for US/CA shops', pattern: '^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$' })
  @IsString() @Length(17, 17, { message: 'vin must be exactly 17 characters' })
  vin: string;

  @Field(() => Int, { description: 'model year, 1900 to next year' })
  @ApiProperty({ example: 2019, type: 'integer', minimum: 1900, description: 'model year, 1900 to next year' })
  @IsInt()
  year: number;

  @Field({ description: 'manufacturer, e.g. Honda' })
  @ApiProperty({ example: 'Honda', description: 'manufacturer, e.g. Honda' })
  @IsRequiredText(VEHICLE_TEXT.make)
  make: string;

  @Field({ description: 'model name, e.g. City' })
  @ApiProperty({ example: 'Accord', description: 'model name, e.g. City' })
  @IsRequiredText(VEHICLE_TEXT.model)
  model: string;

  @Field(() => Int, { description: 'odometer reading' })
  @ApiProperty({ example: 42000, type: 'integer', minimum: 0, maximum: 10000000, description: 'odometer reading' })
  @IsInt() @Min(0) @Max(10_000_000)
  mileage: number;
}

@InputType({ description: 'An odometer reading' })
export class RecordMileageInput {
  @Field(() => Int, { description: 'odometer reading; never lower than the last one' })
  @ApiProperty({ example: 45500, description: 'odometer reading; never lower than the last one', type: 'integer', minimum: 0, maximum: 10000000 })
  @IsInt() @Min(0) @Max(10_000_000)
  mileage: number;
}

@ObjectType({ description: "A technician's clocked time on a line" })
export class ClockedTimeView {
  @Field(() => ID, { description: 'the technician (a user id)' })
  @ApiProperty({ format: 'uuid', description: 'the technician (a user id)' })
  technicianId: string;

  @Field(() => Float, { description: 'closed clock intervals only, minutes' })
  @ApiProperty({ description: 'closed clock intervals only' })
  minutes: number;
}

@ObjectType({ description: 'Work done on a visit' })
export class ServiceLineView extends SoldLineView {
  @Field(() => RepairOrderLineStatusEnum, { description: 'where the line is' })
  @ApiProperty({ enum: RepairOrderLineStatusEnum, description: 'where the line is' })
  status: string;

  @Field(() => [ID], { description: 'technicians assigned to the line (user ids)' })
  @ApiProperty({ type: [String], format: 'uuid', description: 'technicians assigned to the line (user ids)' })
  technicianIds: string[];

  @Field(() => [ClockedTimeView], { description: 'clocked time per technician' })
  @ApiProperty({ type: [ClockedTimeView], description: 'clocked time per technician' })
  clocked: ClockedTimeView[];

  @Field(() => Int, { description: 'times an advisor sent the line back' })
  @ApiProperty({ description: 'times an advisor sent the line back', type: 'integer' })
  returns: number;
}

@ObjectType({ description: 'Work declined on a visit, to offer again' })
export class DeferredWorkView {
  @Field(() => ID, { description: 'the line, unique within its quote (line-<n> unless the quote named it)' })
  @ApiProperty({ description: 'the line, unique within its quote (line-<n> unless the quote named it)' })
  lineId: string;

  @Field({ description: 'what the customer sees on the line' })
  @ApiProperty({ description: 'what the customer sees on the line' })
  description: string;

  @Field(MinorUnits, { description: 'price per hour or unit, in minor units of the currency' })
  @ApiProperty({ type: 'integer', minimum: 0, description: 'price per hour or unit, in minor units of the currency' })
  unitPriceMinor: number;

  @Field(() => Float, { description: 'sold hours for labor, units for a part (up to 2 decimals)' })
  @ApiProperty({ description: 'sold hours for labor, units for a part (up to 2 decimals)' })
  quantity: number;

  @Field({ description: 'offer the work again on or after this day (YYYY-MM-DD)' })
  @ApiProperty({ description: 'YYYY-MM-DD: offer it again from this day', format: 'date' })
  followUpOn: string;
}

@ObjectType({ description: "A visit's invoice" })
export class ServiceInvoiceView {
  @Field(() => ID, { description: 'the invoice' })
  @ApiProperty({ format: 'uuid', description: 'the invoice' })
  invoiceId: string;

  @Field({ description: 'the invoice number, sequential per tenant' })
  @ApiProperty({ example: 'INV-000123', description: 'the invoice number, sequential per tenant' })
  number: string;

  @Field(() => InvoiceStatusEnum, { description: "the invoice's status" })
  @ApiProperty({ enum: InvoiceStatusEnum, description: "the invoice's status" })
  status: string;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(MinorUnits, { description: 'subtotal plus tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'subtotal plus tax, minor units' })
  grandTotalMinor: number;

  @Field(MinorUnits, { description: 'all taxes, minor units' })
  @ApiProperty({ type: 'integer', description: 'all taxes, minor units' })
  taxTotalMinor: number;

  @Field(MinorUnits, { description: 'payments received minus refunds, minor units' })
  @ApiProperty({ type: 'integer', description: 'payments received minus refunds, minor units' })
  paidMinor: number;

  @Field(MinorUnits, { description: 'grand total minus paid; 0 when void' })
  @ApiProperty({ type: 'integer', description: 'grand total minus paid; 0 when void' })
  balanceDueMinor: number;

  @Field({ description: 'when the invoice was issued' })
  @ApiProperty({ format: 'date-time', description: 'when the invoice was issued' })
  issuedAt: string;

  @Field(() => String, { nullable: true, description: 'when the balance last reached 0; null if it has not' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when the balance last reached 0; null if it has not' })
  paidAt: string | null;
}

@ObjectType({ description: 'One visit: a repair order with its lines, technicians, mileage and invoice' })
export class ServiceVisitView {
  @Field(() => ID, { description: 'the repair order of the visit' })
  @ApiProperty({ format: 'uuid', description: 'the repair order of the visit' })
  repairOrderId: string;

  @Field(() => ID, { description: 'the quote the repair order was opened from' })
  @ApiProperty({ format: 'uuid', description: 'the quote the repair order was opened from' })
  quoteId: string;

  @Field(() => ID, { nullable: true, description: 'the shop location' })
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the shop location' })
  locationId: string | null;

  @Field(() => RepairOrderStatusEnum, { description: "the repair order's status" })
  @ApiProperty({ enum: RepairOrderStatusEnum, description: "the repair order's status" })
  status: string;

  @Field({ description: 'when it was opened' })
  @ApiProperty({ format: 'date-time', description: 'when it was opened' })
  openedAt: string;

  @Field(() => String, { nullable: true, description: 'when the advisor approved the work; null if not yet' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when the advisor approved the work; null if not yet' })
  approvedAt: string | null;

  @Field(() => Int, { nullable: true, description: 'odometer when the repair order opened' })
  @ApiProperty({ nullable: true, type: 'integer', description: 'odometer when the repair order opened' })
  mileageAtIntake: number | null;
  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(() => [ServiceLineView], { description: 'the work done (the approved quote lines)' })
  @ApiProperty({ type: [ServiceLineView], description: 'the work done (the approved quote lines)' })
  lines: ServiceLineView[];

  @Field(() => [DeferredWorkView], { description: 'declined work to offer again' })
  @ApiProperty({ type: [DeferredWorkView], description: 'declined work to offer again' })
  deferred: DeferredWorkView[];

  @Field(() => ServiceInvoiceView, { nullable: true, description: 'the latest invoice of the repair order; null until invoiced, and for a reader who may not read invoices (technicians)' })
  @ApiProperty({ nullable: true, type: ServiceInvoiceView, description: 'the latest invoice of the repair order; null until invoiced, and for a reader who may not read invoices (technicians)' })
  invoice: ServiceInvoiceView | null;
}

@ObjectType({ description: "A vehicle's service history" })
export class VehicleHistoryView {
  @Field(() => ID, { description: 'the vehicle' })
  @ApiProperty({ format: 'uuid', description: 'the vehicle' })
  vehicleId: string;

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

  @Field(() => Int, { description: 'latest odometer reading' })
  @ApiProperty({ type: 'integer', minimum: 0, description: 'latest odometer reading' })
  mileage: number;

  @Field(() => [ServiceVisitView], { description: 'newest first' })
  @ApiProperty({ type: [ServiceVisitView], description: 'newest first' })
  visits: ServiceVisitView[];
}
