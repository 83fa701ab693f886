import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { MinorUnits } from '../shared/minor-units';

@InputType()
export class AddVehicleInput {
  @Field() @ApiProperty({ format: 'uuid' }) @IsUUID()
  customerId: string;

  @Field() @ApiProperty({ example: '1HGCM82633A004352', description: '17 characters; the check digit is verified for US/CA shops' })
  @IsString() @Length(17, 17, { message: 'vin must be exactly 17 characters' })
  vin: string;

  @Field(() => Int) @ApiProperty({ example: 2019 }) @IsInt()
  year: number;

  @Field() @ApiProperty({ example: 'Honda' }) @IsString() @Length(1, 60)
  make: string;

  @Field() @ApiProperty({ example: 'Accord' }) @IsString() @Length(1, 60)
  model: string;

  @Field(() => Int) @ApiProperty({ example: 42000 }) @IsInt() @Min(0) @Max(10_000_000)
  mileage: number;
}

@InputType()
export class RecordMileageInput {
  @Field(() => Int) @ApiProperty({ example: 45500, description: 'odometer reading; never lower than the last one' }) @IsInt() @Min(0) @Max(10_000_000)
  mileage: number;
}

@ObjectType()
export class ClockedTimeView {
  @Field() @ApiProperty() technicianId: string;
  @Field(() => Float) @ApiProperty({ description: 'closed clock intervals only' }) minutes: number;
}

@ObjectType()
export class ServiceLineView {
  @Field() @ApiProperty() lineId: string;
  @Field() @ApiProperty({ enum: ['labor', 'part'] }) kind: string;
  @Field() @ApiProperty() description: string;
  @Field(() => Float) @ApiProperty() quantity: number;
  @Field(MinorUnits) @ApiProperty() unitPriceMinor: number;
  @Field() @ApiProperty({ enum: ['pending', 'assigned', 'in_progress', 'completed'] }) status: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) technicianIds: string[];
  @Field(() => [ClockedTimeView]) @ApiProperty({ type: [ClockedTimeView] }) clocked: ClockedTimeView[];
  @Field(() => Int) @ApiProperty({ description: 'times an advisor sent the line back' }) returns: number;
}

@ObjectType()
export class DeferredWorkView {
  @Field() @ApiProperty() lineId: string;
  @Field() @ApiProperty() description: string;
  @Field(MinorUnits) @ApiProperty() unitPriceMinor: number;
  @Field(() => Float) @ApiProperty() quantity: number;
  @Field() @ApiProperty({ description: 'YYYY-MM-DD: offer it again from this day' }) followUpOn: string;
}

@ObjectType()
export class ServiceInvoiceView {
  @Field() @ApiProperty() invoiceId: string;
  @Field() @ApiProperty({ example: 'INV-000123' }) number: string;
  @Field() @ApiProperty({ enum: ['issued', 'partially_paid', 'paid', 'void'] }) status: string;
  @Field() @ApiProperty() currency: string;
  @Field(MinorUnits) @ApiProperty() grandTotalMinor: number;
  @Field(MinorUnits) @ApiProperty() taxTotalMinor: number;
  @Field(MinorUnits) @ApiProperty() paidMinor: number;
  @Field(MinorUnits) @ApiProperty() balanceDueMinor: number;
  @Field() @ApiProperty() issuedAt: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
}

@ObjectType()
export class ServiceVisitView {
  @Field() @ApiProperty() repairOrderId: string;
  @Field() @ApiProperty() quoteId: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) locationId: string | null;
  @Field() @ApiProperty({ enum: ['open', 'awaiting_review', 'approved'] }) status: string;
  @Field() @ApiProperty() openedAt: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @Field(() => Int, { nullable: true }) @ApiProperty({ nullable: true, type: Number, description: 'odometer when the repair order opened' })
  mileageAtIntake: number | null;
  @Field() @ApiProperty() currency: string;
  @Field(() => [ServiceLineView]) @ApiProperty({ type: [ServiceLineView] }) lines: ServiceLineView[];
  @Field(() => [DeferredWorkView]) @ApiProperty({ type: [DeferredWorkView], description: 'declined work to offer again' }) deferred: DeferredWorkView[];
  @Field(() => ServiceInvoiceView, { nullable: true, description: 'null until invoiced, and for a reader who may not read invoices (technicians)' })
  @ApiProperty({ nullable: true, type: ServiceInvoiceView, description: 'null until invoiced, and for a reader who may not read invoices (technicians)' })
  invoice: ServiceInvoiceView | null;
}

@ObjectType()
export class VehicleHistoryView {
  @Field() @ApiProperty() vehicleId: string;
  @Field() @ApiProperty() customerId: string;
  @Field() @ApiProperty() vin: string;
  @Field(() => Int) @ApiProperty() year: number;
  @Field() @ApiProperty() make: string;
  @Field() @ApiProperty() model: string;
  @Field(() => Int) @ApiProperty() mileage: number;
  @Field(() => [ServiceVisitView]) @ApiProperty({ type: [ServiceVisitView], description: 'newest first' }) visits: ServiceVisitView[];
}
