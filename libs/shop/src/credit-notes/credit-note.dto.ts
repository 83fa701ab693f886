import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CommandResultView, IsAmountMinor, IsOptionalText, IsQuantity, IsRequiredText, MinorUnits, PageArgs } from '@workbay/platform';
import { LINE_QUANTITY, PAYMENT_MINOR } from '@workbay/platform/fields';
import { InvoiceTaxComponentView } from '../invoices/invoice.dto';
import { TaxJurisdictionView } from '../locations/location.dto';
import { CreditNoteReasonEnum, LineKindEnum } from '../shared/shop-enums';
import { CREDIT_NOTE_TEXT } from './credit-note.decider';
import { CREDIT_NOTE_REASONS } from './credit-note.events';
import { MAX_CREDIT_LINES } from './credit-note.rules';

const REASONS: string[] = [...CREDIT_NOTE_REASONS];

@InputType({ description: 'One invoice line to credit: a quantity returned, or an amount off it' })
export class CreditNoteLineInput {
  @Field(() => ID, { description: 'the invoice line' })
  @ApiProperty({ example: 'line-1', description: 'the invoice line' })
  @IsRequiredText({ max: 40 })
  lineId: string;

  @Field(() => Float, { nullable: true, description: 'quantity returned (up to what is left of the line); give this or amountMinor' })
  @ApiPropertyOptional({ example: 1, description: 'quantity returned (up to what is left of the line); give this or amountMinor' })
  @IsOptional() @IsQuantity(LINE_QUANTITY)
  quantity?: number;

  @Field(MinorUnits, { nullable: true, description: 'pre-tax amount off the line, minor units (up to what is left of it); give this or quantity' })
  @ApiPropertyOptional({ example: 50000, description: 'pre-tax amount off the line, minor units (up to what is left of it); give this or quantity' })
  @IsOptional() @IsAmountMinor(PAYMENT_MINOR)
  amountMinor?: number;
}

@InputType({ description: 'A credit note against an issued invoice' })
export class IssueCreditNoteInput {
  @Field(() => CreditNoteReasonEnum, { description: 'why the invoice is credited' })
  @ApiProperty({ enum: CreditNoteReasonEnum, description: 'why the invoice is credited' })
  @IsIn(REASONS, { message: `reason must be one of ${REASONS.join(', ')}` })
  reason: (typeof CREDIT_NOTE_REASONS)[number];

  @Field({ nullable: true, description: 'free text printed on the credit note' })
  @ApiPropertyOptional({ example: 'wiper blades returned unused', description: 'free text printed on the credit note' })
  @IsOptionalText(CREDIT_NOTE_TEXT.note)
  note?: string;

  @Field(() => [CreditNoteLineInput], { description: 'the invoice lines credited; tax is reversed on them at the invoice\'s rates' })
  @ApiProperty({ type: [CreditNoteLineInput], description: "the invoice lines credited; tax is reversed on them at the invoice's rates" })
  @IsArray() @ArrayMinSize(1, { message: 'lines must have at least one line' }) @ArrayMaxSize(MAX_CREDIT_LINES)
  @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CreditNoteLineInput)
  lines: CreditNoteLineInput[];
}

@ObjectType({ description: 'The result of issuing a credit note' })
export class CreditNoteResultView extends CommandResultView {
  @Field({ description: "the credit note's number, sequential per tenant" })
  @ApiProperty({ example: 'CN-000001', description: "the credit note's number, sequential per tenant" })
  number: string;
}

@ObjectType({ description: 'A credited line with its reversed tax' })
export class CreditNoteLineView {
  @Field(() => ID, { description: 'the invoice line credited' })
  @ApiProperty({ description: 'the invoice line credited' })
  lineId: string;

  @Field(() => LineKindEnum, { description: 'labor or part' })
  @ApiProperty({ enum: LineKindEnum, description: 'labor or part' })
  kind: string;

  @Field({ description: "the invoice line's description" })
  @ApiProperty({ description: "the invoice line's description" })
  description: string;

  @Field(() => Float, { nullable: true, description: 'quantity returned; null for a credit of an amount' })
  @ApiProperty({ nullable: true, type: Number, description: 'quantity returned; null for a credit of an amount' })
  quantity: number | null;

  @Field({ description: 'whether tax applied to the line' })
  @ApiProperty({ description: 'whether tax applied to the line' })
  taxable: boolean;

  @Field(MinorUnits, { description: 'pre-tax amount credited, minor units' })
  @ApiProperty({ type: 'integer', description: 'pre-tax amount credited, minor units' })
  amountMinor: number;

  @Field(() => [InvoiceTaxComponentView], { description: "the line's share of each reversed tax" })
  @ApiProperty({ type: [InvoiceTaxComponentView], description: "the line's share of each reversed tax" })
  taxComponents: InvoiceTaxComponentView[];

  @Field(MinorUnits, { description: 'tax reversed on the line, minor units' })
  @ApiProperty({ type: 'integer', description: 'tax reversed on the line, minor units' })
  taxMinor: number;

  @Field(MinorUnits, { description: 'amount plus tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'amount plus tax, minor units' })
  totalMinor: number;
}

@ObjectType({ description: 'A credit note: part of an invoice taken back, with its tax reversed' })
export class CreditNoteView {
  @Field(() => ID, { description: 'the credit note' })
  @ApiProperty({ format: 'uuid', description: 'the credit note' })
  id: string;

  @Field({ description: 'the credit note number, sequential per tenant (its own series)' })
  @ApiProperty({ example: 'CN-000001', description: 'the credit note number, sequential per tenant (its own series)' })
  number: string;

  @Field(() => ID, { description: 'the invoice credited' })
  @ApiProperty({ format: 'uuid', description: 'the invoice credited' })
  invoiceId: string;

  @Field({ description: "the invoice's number" })
  @ApiProperty({ example: 'INV-000123', description: "the invoice's number" })
  invoiceNumber: string;

  @Field(() => ID, { description: 'the customer' })
  @ApiProperty({ format: 'uuid', description: 'the customer' })
  customerId: string;

  @Field(() => ID, { description: "the shop location whose tax the invoice charged" })
  @ApiProperty({ format: 'uuid', description: 'the shop location whose tax the invoice charged' })
  locationId: string;

  @Field(() => CreditNoteReasonEnum, { description: 'why the invoice was credited' })
  @ApiProperty({ enum: CreditNoteReasonEnum, description: 'why the invoice was credited' })
  reason: string;

  @Field(() => String, { nullable: true, description: 'free text; null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'free text; null if none' })
  note: string | null;

  @Field({ description: "ISO 4217 code of the amounts: the invoice's" })
  @ApiProperty({ example: 'INR', pattern: '^[A-Z]{3}$', description: "ISO 4217 code of the amounts: the invoice's" })
  currency: string;

  @Field(() => Int, { description: 'decimals of a minor unit' })
  @ApiProperty({ example: 2, type: 'integer', description: 'decimals of a minor unit' })
  currencyExponent: number;

  @Field(() => TaxJurisdictionView, { description: "the invoice's tax jurisdiction" })
  @ApiProperty({ type: TaxJurisdictionView, description: "the invoice's tax jurisdiction" })
  jurisdiction: TaxJurisdictionView;

  @Field(() => String, { nullable: true, description: "Indian GST: the invoice's place of supply; null elsewhere" })
  @ApiProperty({ nullable: true, type: String, example: '29', description: "Indian GST: the invoice's place of supply; null elsewhere" })
  placeOfSupply: string | null;

  @Field(() => [CreditNoteLineView], { description: 'the lines credited, with their reversed tax' })
  @ApiProperty({ type: [CreditNoteLineView], description: 'the lines credited, with their reversed tax' })
  lines: CreditNoteLineView[];

  @Field(() => [InvoiceTaxComponentView], { description: 'tax reversed per component: CGST + SGST, IGST, VAT, sales tax' })
  @ApiProperty({ type: [InvoiceTaxComponentView], description: 'tax reversed per component: CGST + SGST, IGST, VAT, sales tax' })
  taxSummary: InvoiceTaxComponentView[];

  @Field(MinorUnits, { description: 'pre-tax amount credited, minor units' })
  @ApiProperty({ type: 'integer', description: 'pre-tax amount credited, minor units' })
  subtotalMinor: number;

  @Field(MinorUnits, { description: 'of it on taxable lines, minor units' })
  @ApiProperty({ type: 'integer', description: 'of it on taxable lines, minor units' })
  taxableSubtotalMinor: number;

  @Field(MinorUnits, { description: 'tax reversed, minor units' })
  @ApiProperty({ type: 'integer', description: 'tax reversed, minor units' })
  taxTotalMinor: number;

  @Field(MinorUnits, { description: 'subtotal plus tax: what comes off the receivable, minor units' })
  @ApiProperty({ type: 'integer', description: 'subtotal plus tax: what comes off the receivable, minor units' })
  grandTotalMinor: number;

  @Field({ description: 'when the credit note was issued' })
  @ApiProperty({ format: 'date-time', description: 'when the credit note was issued' })
  issuedAt: string;

  @Field({ description: 'where the printable PDF is (GET, application/pdf, with the same token): the REST path' })
  @ApiProperty({ example: '/credit-notes/0b7e2d8c-1f0a-4c55-9a61-2f7d9e3c4b21/pdf', description: 'where the printable PDF is (GET, application/pdf): the REST path' })
  pdfUrl: string;
}

@ObjectType({ description: 'A page of credit notes' })
export class CreditNotePage {
  @Field(() => [CreditNoteView], { description: 'this page, newest first' })
  @ApiProperty({ type: [CreditNoteView], description: 'this page, newest first' })
  items: CreditNoteView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}

@ArgsType()
export class CreditNoteListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "only this invoice's credit notes" })
  @ApiPropertyOptional({ format: 'uuid', description: "only this invoice's credit notes" })
  @IsOptional() @IsUUID()
  invoiceId?: string;

  @Field(() => ID, { nullable: true, description: "only this customer's credit notes" })
  @ApiPropertyOptional({ format: 'uuid', description: "only this customer's credit notes" })
  @IsOptional() @IsUUID()
  customerId?: string;
}

@ArgsType()
export class InvoiceCreditNotesArgs extends PageArgs {
  @Field(() => ID, { description: 'the invoice' })
  @IsUUID('all', { message: 'invoiceId must be an invoice id (a uuid)' })
  invoiceId: string;
}
