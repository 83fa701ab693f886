import { ArgsType, Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { TaxJurisdictionView } from '../locations/location.dto';
import { CommandResultView } from '../shared/command-result';
import { PageArgs } from '../shared/pagination';
import { PAYMENT_METHODS } from './invoice.events';
import { MinorUnits } from '../shared/minor-units';

export const INVOICE_STATUSES = ['issued', 'partially_paid', 'paid', 'void'];
const MAX_MINOR = 1_000_000_000_00;

@InputType()
export class IssueInvoiceInput {
  @Field({ nullable: true })
  @ApiPropertyOptional({ example: '27', description: "Indian GST: state code of the place of supply; default the location's state (CGST + SGST); another state gives IGST" })
  @IsOptional() @IsString() @Length(2, 2)
  placeOfSupplyStateCode?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ format: 'uuid', description: 'the open location whose tax applies, for a repair order opened without one; must match it otherwise' })
  @IsOptional() @IsUUID()
  locationId?: string;
}

@InputType()
export class RecordPaymentInput {
  @Field(() => String) @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS as unknown as string[], { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method: (typeof PAYMENT_METHODS)[number];

  @Field(MinorUnits) @ApiProperty({ example: 250000, description: 'minor units of the invoice currency; at most the balance due' })
  @IsInt() @Min(1) @Max(MAX_MINOR)
  amountMinor: number;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'chq 004512', description: 'check number, card last4 or Stripe PaymentIntent id; the same reference (except a card last4) is recorded once' })
  @IsOptional() @IsString() @MaxLength(200)
  reference?: string;
}

@InputType()
export class RefundPaymentInput {
  @Field(MinorUnits, { nullable: true }) @ApiPropertyOptional({ description: 'default: all of the payment not yet refunded' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_MINOR)
  amountMinor?: number;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'customer returned the wiper blades' }) @IsOptional() @IsString() @MaxLength(500)
  reason?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ description: 'e.g. a Stripe refund id; the same reference is recorded once' })
  @IsOptional() @IsString() @MaxLength(200)
  reference?: string;
}

@InputType()
export class VoidInvoiceInput {
  @Field() @ApiProperty({ example: 'issued to the wrong customer' }) @IsString() @Length(1, 500)
  reason: string;
}

@ArgsType()
export class InvoiceBoardArgs extends PageArgs {
  @Field({ nullable: true }) @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional() @IsIn(INVOICE_STATUSES, { message: `status must be one of ${INVOICE_STATUSES.join(', ')}` })
  status?: string;

  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsUUID()
  customerId?: string;

  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsUUID()
  locationId?: string;
}

@ObjectType()
export class PaymentResultView extends CommandResultView {
  @Field() @ApiProperty({ description: 'the payment: the one recorded, or the one already recorded under the same reference' })
  paymentId: string;
}

@ObjectType()
export class RefundResultView extends CommandResultView {
  @Field() @ApiProperty() refundId: string;
}

@ObjectType()
export class InvoiceTaxComponentView {
  @Field() @ApiProperty({ example: 'CGST', enum: ['CGST', 'SGST', 'UTGST', 'IGST', 'VAT', 'SALES_TAX'] }) name: string;
  @Field(() => Float) @ApiProperty({ example: 900, description: 'basis points: 900 = 9%' }) rateBps: number;
  @Field(MinorUnits) @ApiProperty() amountMinor: number;
}

@ObjectType()
export class InvoiceLineView {
  @Field() @ApiProperty() lineId: string;
  @Field() @ApiProperty({ enum: ['labor', 'part'] }) kind: string;
  @Field() @ApiProperty() description: string;
  @Field(() => Float) @ApiProperty() quantity: number;
  @Field(MinorUnits) @ApiProperty() unitPriceMinor: number;
  @Field() @ApiProperty() taxable: boolean;
  @Field(MinorUnits) @ApiProperty({ description: 'round(quantity x unitPriceMinor), pre-tax' }) amountMinor: number;
  @Field(() => [InvoiceTaxComponentView]) @ApiProperty({ type: [InvoiceTaxComponentView], description: "the line's share of each tax" })
  taxComponents: InvoiceTaxComponentView[];
  @Field(MinorUnits) @ApiProperty() taxMinor: number;
  @Field(MinorUnits) @ApiProperty() totalMinor: number;
}

@ObjectType()
export class InvoiceRefundView {
  @Field() @ApiProperty() refundId: string;
  @Field(MinorUnits) @ApiProperty() amountMinor: number;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @Field() @ApiProperty() refundedAt: string;
}

@ObjectType()
export class InvoicePaymentView {
  @Field() @ApiProperty() paymentId: string;
  @Field() @ApiProperty({ enum: PAYMENT_METHODS }) method: string;
  @Field(MinorUnits) @ApiProperty() amountMinor: number;
  @Field(MinorUnits) @ApiProperty() refundedMinor: number;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @Field() @ApiProperty() receivedAt: string;
  @Field(() => [InvoiceRefundView]) @ApiProperty({ type: [InvoiceRefundView] }) refunds: InvoiceRefundView[];
}

@ObjectType()
export class InvoiceView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty({ example: 'INV-000123' }) number: string;
  @Field() @ApiProperty({ enum: INVOICE_STATUSES }) status: string;
  @Field() @ApiProperty() repairOrderId: string;
  @Field() @ApiProperty() customerId: string;
  @Field() @ApiProperty() vehicleId: string;
  @Field() @ApiProperty() locationId: string;
  @Field() @ApiProperty({ example: 'INR' }) currency: string;
  @Field(() => Int) @ApiProperty({ example: 2, description: 'decimals of a minor unit' }) currencyExponent: number;
  @Field(() => TaxJurisdictionView) @ApiProperty({ type: TaxJurisdictionView }) jurisdiction: TaxJurisdictionView;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, example: '29' }) placeOfSupply: string | null;
  @Field(() => [InvoiceLineView]) @ApiProperty({ type: [InvoiceLineView] }) lines: InvoiceLineView[];
  @Field(() => [InvoiceTaxComponentView]) @ApiProperty({ type: [InvoiceTaxComponentView], description: 'e.g. CGST + SGST, or IGST' })
  taxSummary: InvoiceTaxComponentView[];
  @Field(MinorUnits) @ApiProperty() subtotalMinor: number;
  @Field(MinorUnits) @ApiProperty() taxableSubtotalMinor: number;
  @Field(MinorUnits) @ApiProperty() taxTotalMinor: number;
  @Field(MinorUnits) @ApiProperty() grandTotalMinor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'received minus refunded' }) paidMinor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'grand total minus paid; 0 when void' }) balanceDueMinor: number;
  @Field(() => [InvoicePaymentView]) @ApiProperty({ type: [InvoicePaymentView] }) payments: InvoicePaymentView[];
  @Field() @ApiProperty() issuedAt: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String, description: 'when the balance last reached 0' }) paidAt: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) voidedAt: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) voidReason: string | null;
  @Field(() => Int) @ApiProperty({ description: 'stream version' }) version: number;
}

@ObjectType()
export class InvoicePage {
  @Field(() => [InvoiceView]) @ApiProperty({ type: [InvoiceView] }) items: InvoiceView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

@InputType()
export class StartOnlinePaymentInput {
  @Field(MinorUnits, { nullable: true })
  @ApiPropertyOptional({ example: 250000, description: 'minor units of the invoice currency; default: the whole balance due' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_MINOR)
  amountMinor?: number;
}

/** A Stripe PaymentIntent on the shop's connected account, for the customer to confirm in their browser. */
@ObjectType()
export class OnlinePaymentView {
  @Field() @ApiProperty({ example: 'pi_...' }) paymentIntentId: string;
  @Field() @ApiProperty({ description: "for Stripe.js in the customer's browser; do not log it" }) clientSecret: string;
  @Field() @ApiProperty() status: string;
  @Field(MinorUnits) @ApiProperty() amountMinor: number;
  @Field() @ApiProperty() currency: string;
  @Field(MinorUnits) @ApiProperty({ description: "Workbay's fee under the shop's plan, taken by Stripe from the charge" }) applicationFeeMinor: number;
}
