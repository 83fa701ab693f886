import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { TaxJurisdictionView } from '../locations/location.dto';
import { CommandResultView, IsAmountMinor, IsOptionalText, IsRequiredText, MinorUnits, PageArgs } from '@workbay/platform';
import { PAYMENT_MINOR } from '@workbay/platform/fields';
import { INVOICE_TEXT } from './invoice.decider';
import { INVOICE_STATUSES as INVOICE_STATUS_VALUES } from './invoice.errors';
import { PAYMENT_METHODS } from './invoice.events';
import { DisputeStatusEnum, InvoiceStatusEnum, RecipientSourceEnum, RefundFailureStatusEnum, PaymentIntentStatusEnum, PaymentMethodEnum, TaxCategoryEnum, TaxComponentNameEnum } from '../shared/shop-enums';
import { BillingAddressView, TaxIdView } from '../customers/customer-billing.dto';
import { PLACE_OF_SUPPLY_SOURCES } from './place-of-supply.rules';
import { SoldLineView } from '../shared/sold-line.view';

export const INVOICE_STATUSES: string[] = [...INVOICE_STATUS_VALUES];

@InputType({ description: 'Choices for issuing an invoice' })
export class IssueInvoiceInput {
  @Field({ nullable: true, description: "Indian GST: overrides the place of supply derived from the customer (GSTIN's state, else billing address, else the location's state); recorded as `override`" })
  @ApiPropertyOptional({ example: '27', description: "Indian GST: overrides the place of supply derived from the customer (GSTIN's state, else billing address, else the location's state); recorded as `override`", pattern: '^[0-9A-Za-z]{2}$' })
  @IsOptional() @IsString() @Length(2, 2)
  placeOfSupplyStateCode?: string;

  @Field(() => ID, { nullable: true, description: 'the open location whose tax applies, for a repair order opened without one; must match it otherwise' })
  @ApiPropertyOptional({ format: 'uuid', description: 'the open location whose tax applies, for a repair order opened without one; must match it otherwise' })
  @IsOptional() @IsUUID()
  locationId?: string;
}

@InputType({ description: 'A payment received' })
export class RecordPaymentInput {
  @Field(() => PaymentMethodEnum, { description: 'how the payment was received' })
  @ApiProperty({ enum: PaymentMethodEnum, description: 'how the payment was received' })
  @IsIn(PAYMENT_METHODS as unknown as string[], { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method: (typeof PAYMENT_METHODS)[number];

  @Field(MinorUnits, { description: 'minor units of the invoice currency; at most the balance due' })
  @ApiProperty({ example: 250000, description: 'minor units of the invoice currency; at most the balance due' })
  @IsAmountMinor(PAYMENT_MINOR)
  amountMinor: number;

  @Field({ nullable: true, description: 'check number, card last4 or Stripe PaymentIntent id; the same reference (except a card last4) is recorded once' })
  @ApiPropertyOptional({ example: 'chq 004512', description: 'check number, card last4 or Stripe PaymentIntent id; the same reference (except a card last4) is recorded once' })
  @IsOptionalText(INVOICE_TEXT.reference)
  reference?: string;
}

@InputType({ description: 'A refund of a payment' })
export class RefundPaymentInput {
  @Field(MinorUnits, { nullable: true, description: 'default: all of the payment not yet refunded' })
  @ApiPropertyOptional({ description: 'default: all of the payment not yet refunded' })
  @IsOptional() @IsAmountMinor(PAYMENT_MINOR)
  amountMinor?: number;

  @Field({ nullable: true, description: 'why the money goes back' })
  @ApiPropertyOptional({ example: 'customer returned the wiper blades', description: 'why the money goes back' })
  @IsOptionalText(INVOICE_TEXT.reason)
  reason?: string;

  @Field({ nullable: true, description: 'e.g. a Stripe refund id; the same reference is recorded once' })
  @ApiPropertyOptional({ description: 'e.g. a Stripe refund id; the same reference is recorded once' })
  @IsOptionalText(INVOICE_TEXT.reference)
  reference?: string;

  @Field(() => ID, { nullable: true, description: "gives back this credit note's money: at most the invoice's credit balance (default: as much of it as the payment holds), so the receivable stays closed" })
  @ApiPropertyOptional({ format: 'uuid', description: "gives back this credit note's money: at most the invoice's credit balance (default: as much of it as the payment holds), so the receivable stays closed" })
  @IsOptional() @IsUUID()
  creditNoteId?: string;
}

@InputType({ description: 'Why an invoice is voided' })
export class VoidInvoiceInput {
  @Field({ description: 'why the invoice is voided' })
  @ApiProperty({ example: 'issued to the wrong customer', description: 'why the invoice is voided' })
  @IsRequiredText(INVOICE_TEXT.reason)
  reason: string;
}

@ArgsType()
export class InvoiceBoardArgs extends PageArgs {
  @Field(() => InvoiceStatusEnum, { nullable: true, description: 'only invoices in this status' })
  @ApiPropertyOptional({ enum: InvoiceStatusEnum, description: 'only invoices in this status' })
  @IsOptional() @IsIn(INVOICE_STATUSES, { message: `status must be one of ${INVOICE_STATUSES.join(', ')}` })
  status?: string;

  @Field(() => ID, { nullable: true, description: "only this customer's invoices" })
  @ApiPropertyOptional({ format: 'uuid', description: "only this customer's invoices" })
  @IsOptional() @IsUUID()
  customerId?: string;

  @Field(() => ID, { nullable: true, description: "only this location's invoices" })
  @ApiPropertyOptional({ format: 'uuid', description: "only this location's invoices" })
  @IsOptional() @IsUUID()
  locationId?: string;
}

@ObjectType({ description: 'The result of recording a payment' })
export class PaymentResultView extends CommandResultView {
  @Field(() => ID, { description: 'the payment: the one recorded, or the one already recorded under the same reference' })
  @ApiProperty({ description: 'the payment: the one recorded, or the one already recorded under the same reference', format: 'uuid' })
  paymentId: string;
}

@ObjectType({ description: 'The result of refunding a payment' })
export class RefundResultView extends CommandResultView {
  @Field(() => ID, { description: 'the refund: the one recorded, or the one already recorded under the same reference' })
  @ApiProperty({ format: 'uuid', description: 'the refund: the one recorded, or the one already recorded under the same reference' })
  refundId: string;
}

@ObjectType({ description: 'One tax on an invoice or one of its lines' })
export class InvoiceTaxComponentView {
  @Field(() => TaxComponentNameEnum, { description: 'which tax' })
  @ApiProperty({ example: 'CGST', enum: TaxComponentNameEnum, description: 'which tax' })
  name: string;

  @Field(() => Float, { description: 'basis points: 900 = 9%' })
  @ApiProperty({ example: 900, description: 'basis points: 900 = 9%' })
  rateBps: number;

  @Field(MinorUnits, { description: 'tax amount, minor units' })
  @ApiProperty({ type: 'integer', description: 'tax amount, minor units' })
  amountMinor: number;
}

@ObjectType({ description: 'An invoiced line with its tax' })
export class InvoiceLineView extends SoldLineView {
  @Field(() => String, { nullable: true, description: 'HSN (part) or SAC (labor) code, printed on a GST invoice; null if none was given' })
  @ApiProperty({ nullable: true, type: String, example: '998714', description: 'HSN (part) or SAC (labor) code, printed on a GST invoice; null if none was given' })
  hsnSac: string | null;

  @Field(() => TaxCategoryEnum, { description: "the line's rate category: standard, or reduced (Japan's 8%, an EU location's configured rate)" })
  @ApiProperty({ enum: TaxCategoryEnum, description: "the line's rate category: standard, or reduced (Japan's 8%, an EU location's configured rate)" })
  taxCategory: string;

  @Field({ description: 'whether tax applies to the line' })
  @ApiProperty({ description: 'whether tax applies to the line' })
  taxable: boolean;

  @Field(MinorUnits, { description: 'round(quantity x unitPriceMinor), pre-tax' })
  @ApiProperty({ description: 'round(quantity x unitPriceMinor), pre-tax', type: 'integer' })
  amountMinor: number;

  @Field(() => [InvoiceTaxComponentView], { description: "the line's share of each tax" })
  @ApiProperty({ type: [InvoiceTaxComponentView], description: "the line's share of each tax" })
  taxComponents: InvoiceTaxComponentView[];
  @Field(MinorUnits, { description: "the line's tax, minor units" })
  @ApiProperty({ type: 'integer', description: "the line's tax, minor units" })
  taxMinor: number;

  @Field(MinorUnits, { description: 'amount plus tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'amount plus tax, minor units' })
  totalMinor: number;
}

@ObjectType({ description: 'How a booked refund failed at Stripe: the money stayed with the shop' })
export class InvoiceRefundFailureView {
  @Field(() => RefundFailureStatusEnum, { description: "Stripe's status of the refund now" })
  @ApiProperty({ enum: RefundFailureStatusEnum, description: "Stripe's status of the refund now" })
  status: string;

  @Field({ description: "Stripe's failure_reason, e.g. expired_or_canceled_card, lost_or_stolen_card; unknown when Stripe gave none" })
  @ApiProperty({ example: 'expired_or_canceled_card', description: "Stripe's failure_reason, e.g. expired_or_canceled_card, lost_or_stolen_card; unknown when Stripe gave none" })
  reason: string;

  @Field({ description: 'when Workbay learned of the failure' })
  @ApiProperty({ format: 'date-time', description: 'when Workbay learned of the failure' })
  failedAt: string;
}

@ObjectType({ description: 'A refund of a payment' })
export class InvoiceRefundView {
  @Field(() => ID, { description: 'the refund' })
  @ApiProperty({ format: 'uuid', description: 'the refund' })
  refundId: string;

  @Field(MinorUnits, { description: 'amount refunded, minor units' })
  @ApiProperty({ type: 'integer', description: 'amount refunded, minor units' })
  amountMinor: number;

  @Field(() => String, { nullable: true, description: 'why; null if not given' })
  @ApiProperty({ nullable: true, type: String, description: 'why; null if not given' })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'external reference (e.g. a Stripe refund id); null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'external reference (e.g. a Stripe refund id); null if none' })
  reference: string | null;

  @Field({ description: 'when the refund was made' })
  @ApiProperty({ format: 'date-time', description: 'when the refund was made' })
  refundedAt: string;

  @Field(() => ID, { nullable: true, description: "the credit note whose money it gave back; null for a refund of money alone" })
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the credit note whose money it gave back; null for a refund of money alone' })
  creditNoteId: string | null;

  @Field(() => InvoiceRefundFailureView, { nullable: true, description: 'set when the refund failed or was canceled at Stripe after it was booked (no longer in refundedMinor); null otherwise' })
  @ApiProperty({ nullable: true, type: () => InvoiceRefundFailureView, description: 'set when the refund failed or was canceled at Stripe after it was booked (no longer in refundedMinor); null otherwise' })
  failure: InvoiceRefundFailureView | null;
}

@ObjectType({ description: "A dispute (chargeback) of a Stripe payment, as Stripe shows it" })
export class InvoiceDisputeView {
  @Field(() => ID, { description: "Stripe's dispute id (du_...)" })
  @ApiProperty({ example: 'du_1Nv0', description: "Stripe's dispute id (du_...)" })
  disputeId: string;

  @Field(MinorUnits, { description: 'amount disputed, minor units' })
  @ApiProperty({ type: 'integer', description: 'amount disputed, minor units' })
  amountMinor: number;

  @Field({ description: "Stripe's reason, e.g. fraudulent, product_not_received" })
  @ApiProperty({ example: 'fraudulent', description: "Stripe's reason, e.g. fraudulent, product_not_received" })
  reason: string;

  @Field(() => DisputeStatusEnum, { description: "Stripe's status of the dispute" })
  @ApiProperty({ enum: DisputeStatusEnum, description: "Stripe's status of the dispute" })
  status: string;

  @Field(MinorUnits, { description: 'what Stripe holds withdrawn from the shop for it now (0 once won), minor units' })
  @ApiProperty({ type: 'integer', description: 'what Stripe holds withdrawn from the shop for it now (0 once won), minor units' })
  withdrawnMinor: number;

  @Field({ description: 'when the customer opened it' })
  @ApiProperty({ format: 'date-time', description: 'when the customer opened it' })
  openedAt: string;

  @Field(() => String, { nullable: true, description: 'when it was seen closed (won or lost); null while open' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was seen closed (won or lost); null while open' })
  closedAt: string | null;
}

@ObjectType({ description: 'A payment received on an invoice' })
export class InvoicePaymentView {
  @Field(() => ID, { description: 'the payment' })
  @ApiProperty({ format: 'uuid', description: 'the payment' })
  paymentId: string;

  @Field(() => PaymentMethodEnum, { description: 'how the payment was received' })
  @ApiProperty({ enum: PaymentMethodEnum, description: 'how the payment was received' })
  method: string;

  @Field(MinorUnits, { description: 'amount received, minor units' })
  @ApiProperty({ type: 'integer', description: 'amount received, minor units' })
  amountMinor: number;

  @Field(MinorUnits, { description: 'refunded of it so far, minor units' })
  @ApiProperty({ type: 'integer', description: 'refunded of it so far, minor units' })
  refundedMinor: number;

  @Field(() => String, { nullable: true, description: 'check number, card last4 or Stripe PaymentIntent id; null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'check number, card last4 or Stripe PaymentIntent id; null if none' })
  reference: string | null;

  @Field({ description: 'when the payment was received' })
  @ApiProperty({ format: 'date-time', description: 'when the payment was received' })
  receivedAt: string;

  @Field(() => [InvoiceRefundView], { description: 'refunds of this payment, oldest first' })
  @ApiProperty({ type: [InvoiceRefundView], description: 'refunds of this payment, oldest first' })
  refunds: InvoiceRefundView[];

  @Field(MinorUnits, { description: 'withdrawn by Stripe for disputes of it now, minor units (no longer collected)' })
  @ApiProperty({ type: 'integer', description: 'withdrawn by Stripe for disputes of it now, minor units (no longer collected)' })
  disputedMinor: number;

  @Field(() => [InvoiceDisputeView], { description: 'disputes (chargebacks) of this payment, oldest first' })
  @ApiProperty({ type: [InvoiceDisputeView], description: 'disputes (chargebacks) of this payment, oldest first' })
  disputes: InvoiceDisputeView[];
}

@ObjectType({ description: 'An invoice' })
export class InvoiceView {
  @Field(() => ID, { description: 'the invoice' })
  @ApiProperty({ format: 'uuid', description: 'the invoice' })
  id: string;

  @Field({ description: 'the invoice number, sequential per tenant' })
  @ApiProperty({ example: 'INV-000123', description: 'the invoice number, sequential per tenant' })
  number: string;

  @Field(() => InvoiceStatusEnum, { description: 'where the invoice is in its life' })
  @ApiProperty({ enum: InvoiceStatusEnum, description: 'where the invoice is in its life' })
  status: string;

  @Field(() => ID, { description: 'the repair order invoiced' })
  @ApiProperty({ format: 'uuid', description: 'the repair order invoiced' })
  repairOrderId: string;

  @Field(() => ID, { description: 'the customer' })
  @ApiProperty({ format: 'uuid', description: 'the customer' })
  customerId: string;

  @Field(() => ID, { description: 'the vehicle' })
  @ApiProperty({ format: 'uuid', description: 'the vehicle' })
  vehicleId: string;

  @Field(() => ID, { description: 'the shop location whose tax applies' })
  @ApiProperty({ format: 'uuid', description: 'the shop location whose tax applies' })
  locationId: string;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ example: 'INR', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(() => Int, { description: 'decimals of a minor unit' })
  @ApiProperty({ example: 2, description: 'decimals of a minor unit', type: 'integer' })
  currencyExponent: number;

  @Field(() => TaxJurisdictionView, { description: 'the tax jurisdiction applied, as it stood at issue' })
  @ApiProperty({ type: TaxJurisdictionView, description: 'the tax jurisdiction applied, as it stood at issue' })
  jurisdiction: TaxJurisdictionView;

  @Field(() => String, { nullable: true, description: 'Indian GST: state code of the place of supply; null elsewhere' })
  @ApiProperty({ nullable: true, type: String, example: '29', description: 'Indian GST: state code of the place of supply; null elsewhere' })
  placeOfSupply: string | null;

  @Field(() => String, { nullable: true, description: "how the place of supply was found: derived-from-gstin (the customer's registered state), derived-from-address (their billing address), location-of-supplier (neither on record), location-of-performance (grooming, beauty, fitness, health or restaurant services, IGST Act s. 12(4): where performed, the location), override (given on issue); null outside Indian GST" })
  @ApiProperty({ nullable: true, type: String, enum: [...PLACE_OF_SUPPLY_SOURCES], description: "how the place of supply was found: derived-from-gstin (the customer's registered state), derived-from-address (their billing address), location-of-supplier (neither on record), location-of-performance (grooming, beauty, fitness, health or restaurant services, IGST Act s. 12(4): where performed, the location), override (given on issue); null outside Indian GST" })
  placeOfSupplySource: string | null;

  @Field(() => TaxIdView, { nullable: true, description: "the seller's (the location's) GSTIN or VAT id at issue" })
  @ApiProperty({ type: TaxIdView, nullable: true, description: "the seller's (the location's) GSTIN or VAT id at issue" })
  sellerTaxId: TaxIdView | null;

  @Field(() => TaxIdView, { nullable: true, description: "the customer's GSTIN or VAT id at issue; null: a private customer" })
  @ApiProperty({ type: TaxIdView, nullable: true, description: "the customer's GSTIN or VAT id at issue; null: a private customer" })
  buyerTaxId: TaxIdView | null;

  @Field(() => BillingAddressView, { nullable: true, description: "the customer's billing address at issue" })
  @ApiProperty({ type: BillingAddressView, nullable: true, description: "the customer's billing address at issue" })
  buyerBillingAddress: BillingAddressView | null;

  @Field(() => RecipientSourceEnum, { nullable: true, description: "whose billing details the buyer's are: the customer's own, or their household's when the customer had none; null on invoices issued before it was kept" })
  @ApiProperty({ enum: RecipientSourceEnum, nullable: true, description: "whose billing details the buyer's are: the customer's own, or their household's when the customer had none; null on invoices issued before it was kept" })
  recipientSource: string | null;

  @Field(() => ID, { nullable: true, description: "recipientSource household: the household billed; else null" })
  @ApiProperty({ format: 'uuid', type: String, nullable: true, description: 'recipientSource household: the household billed; else null' })
  recipientHouseholdId: string | null;

  @Field({ description: 'EU B2B to another member state: no VAT charged, the customer accounts for it' })
  @ApiProperty({ description: 'EU B2B to another member state: no VAT charged, the customer accounts for it' })
  reverseCharge: boolean;

  @Field(() => String, { nullable: true, description: 'legal wording to print (the reverse-charge mention); null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'legal wording to print (the reverse-charge mention); null if none' })
  taxNote: string | null;

  @Field(() => [InvoiceLineView], { description: 'the lines invoiced, with their tax' })
  @ApiProperty({ type: [InvoiceLineView], description: 'the lines invoiced, with their tax' })
  lines: InvoiceLineView[];

  @Field(() => [InvoiceTaxComponentView], { description: 'e.g. CGST + SGST, or IGST' })
  @ApiProperty({ type: [InvoiceTaxComponentView], description: 'e.g. CGST + SGST, or IGST' })
  taxSummary: InvoiceTaxComponentView[];
  @Field(MinorUnits, { description: 'sum of the line totals, pre-tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'sum of the line totals, pre-tax, minor units' })
  subtotalMinor: number;

  @Field(MinorUnits, { description: 'sum of the taxable lines, pre-tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'sum of the taxable lines, pre-tax, minor units' })
  taxableSubtotalMinor: number;

  @Field(MinorUnits, { description: 'all taxes, minor units' })
  @ApiProperty({ type: 'integer', description: 'all taxes, minor units' })
  taxTotalMinor: number;

  @Field(MinorUnits, { description: 'subtotal plus tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'subtotal plus tax, minor units' })
  grandTotalMinor: number;

  @Field(MinorUnits, { description: 'payments received minus refunds and minus what Stripe withdrew for disputes, minor units' })
  @ApiProperty({ description: 'received minus refunded minus withdrawn for disputes', type: 'integer' })
  paidMinor: number;

  @Field(MinorUnits, { description: 'credit notes issued against it (tax included), minor units' })
  @ApiProperty({ description: 'credit notes issued against it (tax included), minor units', type: 'integer' })
  creditedMinor: number;

  @Field(MinorUnits, { description: 'the receivable: grand total minus credited minus paid, when above 0; 0 when void' })
  @ApiProperty({ description: 'the receivable: grand total minus credited minus paid, when above 0; 0 when void', type: 'integer' })
  balanceDueMinor: number;

  @Field(MinorUnits, { description: 'owed back to the customer: credited plus paid above the grand total (a credit note after payment), until refunded' })
  @ApiProperty({ description: 'owed back to the customer: credited plus paid above the grand total (a credit note after payment), until refunded', type: 'integer' })
  creditBalanceMinor: number;

  @Field(() => [InvoicePaymentView], { description: 'payments received, oldest first' })
  @ApiProperty({ type: [InvoicePaymentView], description: 'payments received, oldest first' })
  payments: InvoicePaymentView[];

  @Field({ description: 'when the invoice was issued' })
  @ApiProperty({ format: 'date-time', description: 'when the invoice was issued' })
  issuedAt: string;

  @Field(() => String, { nullable: true, description: 'when the balance last reached 0; null if it has not' })
  @ApiProperty({ nullable: true, type: String, description: 'when the balance last reached 0', format: 'date-time' })
  paidAt: string | null;

  @Field(() => String, { nullable: true, description: 'when it was voided; null if not void' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was voided; null if not void' })
  voidedAt: string | null;

  @Field(() => String, { nullable: true, description: 'why it was voided; null if not void' })
  @ApiProperty({ nullable: true, type: String, description: 'why it was voided; null if not void' })
  voidReason: string | null;

  @Field(() => Int, { description: "stream version: the number of events in the record's stream" })
  @ApiProperty({ description: 'stream version', type: 'integer' })
  version: number;

  @Field({ description: 'where the printable PDF is (GET, application/pdf, with the same token): the REST path' })
  @ApiProperty({ example: '/invoices/7c1f4c2e-5a43-4e0a-9d0e-3f1d7a2b9c10/pdf', description: 'where the printable PDF is (GET, application/pdf): the REST path' })
  pdfUrl: string;
}

@ObjectType({ description: 'A page of invoices' })
export class InvoicePage {
  @Field(() => [InvoiceView], { description: 'this page of invoices, newest first' })
  @ApiProperty({ type: [InvoiceView], description: 'this page of invoices, newest first' })
  items: InvoiceView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}

@InputType({ description: 'An online payment to start' })
export class StartOnlinePaymentInput {
  @Field(MinorUnits, { nullable: true, description: 'minor units of the invoice currency; default: the whole balance due' })
  @ApiPropertyOptional({ example: 250000, description: 'minor units of the invoice currency; default: the whole balance due' })
  @IsOptional() @IsAmountMinor(PAYMENT_MINOR)
  amountMinor?: number;
}

/** A Stripe PaymentIntent on the shop's connected account, for the customer to confirm in their browser. */
@ObjectType({ description: "A Stripe PaymentIntent on the shop's connected account, for the customer to confirm in their browser" })
export class OnlinePaymentView {
  @Field(() => ID, { description: "the Stripe PaymentIntent's id" })
  @ApiProperty({ example: 'pi_...', description: "the Stripe PaymentIntent's id" })
  paymentIntentId: string;

  @Field({ description: "for Stripe.js in the customer's browser; do not log it" })
  @ApiProperty({ description: "for Stripe.js in the customer's browser; do not log it" })
  clientSecret: string;

  @Field(() => PaymentIntentStatusEnum, { description: "the PaymentIntent's status at Stripe" })
  @ApiProperty({ enum: PaymentIntentStatusEnum, description: "the PaymentIntent's status at Stripe" })
  status: string;

  @Field(MinorUnits, { description: 'amount to charge, minor units' })
  @ApiProperty({ type: 'integer', description: 'amount to charge, minor units' })
  amountMinor: number;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(MinorUnits, { description: "Workbay's fee under the shop's plan, taken by Stripe from the charge" })
  @ApiProperty({ description: "Workbay's fee under the shop's plan, taken by Stripe from the charge", type: 'integer' })
  applicationFeeMinor: number;
}
