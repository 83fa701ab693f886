import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { FitsLineTotal, IsAmountMinor, IsOptionalText, IsQuantity, IsRequiredText } from '@workbay/platform';
import { LINE_QUANTITY, PRICE_MINOR } from '@workbay/platform/fields';
import { QUOTE_TEXT } from './quote.decider';
import { HSN_PATTERN, SAC_PATTERN } from './hsn-sac.rules';
import { QUOTE_CHANNELS, QuoteChannel } from './quote.events';
import { MinorUnits } from '@workbay/platform';
import { LineKindEnum, QuoteChannelEnum, QuoteLineDecisionEnum, QuoteStatusEnum, TaxCategoryEnum } from '../shared/shop-enums';
import { SoldLineView } from '../shared/sold-line.view';

const channelRule = { message: `channel must be one of ${QUOTE_CHANNELS.join(', ')}` };

@InputType({ description: 'A labor or part line of a quote' })
export class QuoteLineInput {
  @Field(() => ID, { nullable: true, description: "the line's id within the quote (1 to 40 characters); defaults to line-<n>" })
  @ApiPropertyOptional({ description: 'defaults to line-<n>' })
  @IsOptionalText(QUOTE_TEXT.lineId)
  lineId?: string;

  @Field(() => LineKindEnum, { description: 'labor or part' })
  @ApiProperty({ enum: LineKindEnum, description: 'labor or part' })
  @IsIn(['labor', 'part'], { message: 'kind must be labor or part' })
  kind: 'labor' | 'part';

  @Field({ description: 'what the customer sees on the line' })
  @ApiProperty({ example: 'Replace front brake pads', description: 'what the customer sees on the line' })
  @IsRequiredText(QUOTE_TEXT.description)
  description: string;

  @Field(() => Float, { description: 'hours or units; up to 2 decimals' })
  @ApiProperty({ example: 1.5, description: 'hours or units; up to 2 decimals' })
  @IsQuantity(LINE_QUANTITY)
  quantity: number;

  @Field(MinorUnits, { description: 'unit price in minor units of the shop currency' })
  @ApiProperty({ example: 250000, description: 'unit price in minor units of the shop currency; quantity x price must stay below 2^53 hundredths' })
  @IsAmountMinor(PRICE_MINOR) @FitsLineTotal('quantity')
  unitPriceMinor: number;

  @Field({ description: 'whether tax applies to the line' }) @ApiProperty({ description: 'whether tax applies to the line' }) @IsBoolean()
  taxable: boolean;

  @Field({ nullable: true, description: 'Indian GST: HSN code of a part (4, 6 or 8 digits) or SAC code of labor (6 digits starting 99); carried to the invoice line' })
  @ApiPropertyOptional({ example: '998714', pattern: `${HSN_PATTERN}|${SAC_PATTERN}`, description: 'Indian GST: HSN code of a part (4, 6 or 8 digits) or SAC code of labor (6 digits starting 99); carried to the invoice line' })
  @IsOptional() @IsString() @MaxLength(8)
  hsnSac?: string;

  @Field(() => TaxCategoryEnum, { nullable: true, description: "the rate category where the location's tax has several: 'reduced' is Japan's 8% (take-away food and drink) or an EU location's configured reduced rate; default 'standard'" })
  @ApiPropertyOptional({ enum: TaxCategoryEnum, description: "the rate category where the location's tax has several: 'reduced' is Japan's 8% (take-away food and drink) or an EU location's configured reduced rate; default 'standard'" })
  @IsOptional() @IsIn(['standard', 'reduced'], { message: "taxCategory must be 'standard' or 'reduced'" })
  taxCategory?: 'standard' | 'reduced';
}

@InputType({ description: 'A new quote: explicit lines and/or canned jobs' })
export class CreateQuoteInput {
  @Field(() => ID, { description: 'the customer the quote is for' })
  @ApiProperty({ format: 'uuid', description: 'the customer the quote is for' })
  @IsUUID() customerId: string;

  @Field(() => ID, { description: "the customer's vehicle to work on" })
  @ApiProperty({ format: 'uuid', description: "the customer's vehicle to work on" })
  @IsUUID() vehicleId: string;

  @Field(() => ID, { nullable: true, description: 'the open shop location that will do the work; its tax jurisdiction applies to the invoice' })
  @ApiPropertyOptional({ format: 'uuid', description: 'the open shop location that will do the work; its tax jurisdiction applies to the invoice' })
  @IsOptional() @IsUUID() locationId?: string;

  /** Required unless cannedJobIds are given; when given, it must not be empty. */
  @Field(() => [QuoteLineInput], { nullable: true, description: 'explicit lines, first in the quote; may be omitted when cannedJobIds are given' })
  @ApiPropertyOptional({ type: [QuoteLineInput], description: 'explicit lines, first in the quote; may be omitted when cannedJobIds are given' })
  @ValidateIf((o: CreateQuoteInput) => o.lines != null || !o.cannedJobIds?.length)
  @IsArray() @ArrayMinSize(1, { message: 'lines must have at least one line' }) @ArrayMaxSize(200)
  @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => QuoteLineInput)
  lines?: QuoteLineInput[];

  @Field(() => [ID], { nullable: true, description: 'canned jobs of the catalog to quote, in order, after the explicit lines' })
  @ApiPropertyOptional({
    type: [String], format: 'uuid',
    description: 'canned jobs of the catalog to quote, in order: each adds its labor (hours x rate) and parts after the explicit lines',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true, message: 'cannedJobIds must hold canned job ids (uuids)' })
  cannedJobIds?: string[];

  @Field(MinorUnits, { nullable: true, description: "a discount off the quote's subtotal in minor units, shared out over its lines; above the shop's discount threshold it needs an approved discount request before the quote can be sent" })
  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 50000, description: "a discount off the quote's subtotal in minor units, shared out over its lines; above the shop's discount threshold it needs an approved discount request before the quote can be sent" })
  @IsOptional() @IsAmountMinor(PRICE_MINOR)
  discountMinor?: number;
}

/** A new version of the quote: its lines replaced by explicit lines and/or canned jobs, as on creation. */
@InputType({ description: 'A new version of a quote: its lines replaced, as on creation' })
export class ReviseQuoteInput {
  @Field(() => [QuoteLineInput], { nullable: true, description: 'explicit lines, first in the quote; may be omitted when cannedJobIds are given' })
  @ApiPropertyOptional({ type: [QuoteLineInput], description: 'explicit lines, first in the quote; may be omitted when cannedJobIds are given' })
  @ValidateIf((o: ReviseQuoteInput) => o.lines != null || !o.cannedJobIds?.length)
  @IsArray() @ArrayMinSize(1, { message: 'lines must have at least one line' }) @ArrayMaxSize(200)
  @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => QuoteLineInput)
  lines?: QuoteLineInput[];

  @Field(() => [ID], { nullable: true, description: 'canned jobs to quote after the explicit lines' })
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'canned jobs to quote after the explicit lines' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true, message: 'cannedJobIds must hold canned job ids (uuids)' })
  cannedJobIds?: string[];

  @Field(() => Int, { nullable: true, description: 'the revision this change was made against; 409 if the quote has been revised since' })
  @ApiPropertyOptional({ example: 1, description: 'the revision this change was made against; 409 if the quote has been revised since', type: 'integer' })
  @IsOptional() @IsInt() @Min(1)
  expectedRevision?: number;

  @Field({ nullable: true, description: 'why the quote was revised' })
  @ApiPropertyOptional({ example: 'customer asked for OEM pads', description: 'why the quote was revised' })
  @IsOptionalText(QUOTE_TEXT.reason)
  reason?: string;

  @Field(MinorUnits, { nullable: true, description: "the new discount in minor units; omitted keeps the current one, shared out over the new lines" })
  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 50000, description: "the new discount in minor units; omitted keeps the current one, shared out over the new lines" })
  @IsOptional() @IsAmountMinor(PRICE_MINOR)
  discountMinor?: number;
}

@InputType({ description: 'How a quote is sent' })
export class SendQuoteInput {
  @Field(() => QuoteChannelEnum, { nullable: true, description: 'how it was sent' })
  @ApiPropertyOptional({ enum: QuoteChannelEnum, description: 'how it was sent' })
  @IsOptional() @IsIn([...QUOTE_CHANNELS], channelRule)
  channel?: QuoteChannel;
}

@InputType({ description: "The customer's approval of a quote, in full or in part" })
export class ApproveQuoteInput {
  @Field(() => [ID], { nullable: true, description: 'approved lines; omit to approve all' })
  @ApiPropertyOptional({ type: [String], description: 'approved lines; omit to approve all' })
  @IsOptional() @IsArray() @IsString({ each: true }) @ArrayMaxSize(200)
  lineIds?: string[];

  @Field({ description: 'who gave the approval' })
  @ApiProperty({ example: 'Asha Rao', description: 'who gave the approval' })
  @IsRequiredText(QUOTE_TEXT.approvedByName)
  approvedByName: string;

  @Field(() => ID, { nullable: true, description: 'the customer who approved, if registered' })
  @ApiPropertyOptional({ format: 'uuid', description: 'the customer who approved, if registered' })
  @IsOptional() @IsUUID()
  approvedByCustomerId?: string;

  @Field(() => Int, { nullable: true, description: 'the revision the customer saw; 409 if the quote has been revised since' })
  @ApiPropertyOptional({ example: 2, description: 'the revision the customer saw; 409 if the quote has been revised since', type: 'integer' })
  @IsOptional() @IsInt() @Min(1)
  revision?: number;

  @Field(() => QuoteChannelEnum, { description: 'how the approval came in' })
  @ApiProperty({ enum: QuoteChannelEnum, description: 'how the approval came in' })
  @IsIn([...QUOTE_CHANNELS], channelRule)
  channel: QuoteChannel;
}

@InputType({ description: "The customer's decline of a quote" })
export class DeclineQuoteInput {
  @Field({ nullable: true, description: "the customer's reason, if given" })
  @ApiPropertyOptional({ description: "the customer's reason, if given" })
  @IsOptionalText(QUOTE_TEXT.reason)
  reason?: string;

  @Field(() => QuoteChannelEnum, { description: 'how the decline came in' })
  @ApiProperty({ enum: QuoteChannelEnum, description: 'how the decline came in' })
  @IsIn([...QUOTE_CHANNELS], channelRule)
  channel: QuoteChannel;
}

@ObjectType({ description: 'A line of a quote, with its decision' })
export class QuoteLineView extends SoldLineView {
  @Field(MinorUnits, { description: 'round(quantity x unitPriceMinor), pre-tax' })
  @ApiProperty({ type: 'integer', description: 'round(quantity x unitPriceMinor), pre-tax' })
  totalMinor: number;

  @Field(MinorUnits, { description: "the line's share of the quote's discount, minor units (0: none)" })
  @ApiProperty({ type: 'integer', description: "the line's share of the quote's discount, minor units (0: none)" })
  discountMinor: number;

  @Field({ description: 'whether tax applies to the line' })
  @ApiProperty({ description: 'whether tax applies to the line' })
  taxable: boolean;

  @Field(() => QuoteLineDecisionEnum, { description: "the customer's decision on the line" })
  @ApiProperty({ enum: QuoteLineDecisionEnum, description: "the customer's decision on the line" })
  decision: string;
}

@ObjectType({ description: 'A repair quote' })
export class QuoteView {
  @Field(() => ID, { description: 'the quote' })
  @ApiProperty({ format: 'uuid', description: 'the quote' })
  id: string;

  @Field(() => ID, { description: 'the customer' })
  @ApiProperty({ format: 'uuid', description: 'the customer' })
  customerId: string;

  @Field(() => ID, { description: 'the vehicle' })
  @ApiProperty({ format: 'uuid', description: 'the vehicle' })
  vehicleId: string;

  @Field(() => ID, { nullable: true, description: 'the shop location doing the work; null for quotes made without one' })
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the shop location doing the work; null for quotes made without one' })
  locationId: string | null;

  @Field(() => QuoteStatusEnum, { description: 'where the quote is in its life' })
  @ApiProperty({ enum: QuoteStatusEnum, description: 'where the quote is in its life' })
  status: string;

  @Field(() => Int, { description: '1 as created, +1 per revision' })
  @ApiProperty({ description: '1 as created, +1 per revision', type: 'integer' })
  revision: number;

  @Field(() => String, { nullable: true, description: 'when it was last revised; null if never' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was last revised; null if never' })
  revisedAt: string | null;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(MinorUnits, { description: 'sum of the line totals, pre-tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'sum of the line totals, pre-tax, minor units' })
  subtotalMinor: number;

  @Field(MinorUnits, { description: 'sum of the taxable lines, pre-tax, minor units' })
  @ApiProperty({ type: 'integer', description: 'sum of the taxable lines, pre-tax, minor units' })
  taxableSubtotalMinor: number;

  @Field(MinorUnits, { description: 'pre-tax total of the approved lines' })
  @ApiProperty({ type: 'integer', description: 'pre-tax total of the approved lines' })
  approvedSubtotalMinor: number;

  @Field(MinorUnits, { description: 'pre-tax total of the declined lines' })
  @ApiProperty({ type: 'integer', description: 'pre-tax total of the declined lines' })
  declinedSubtotalMinor: number;

  @Field(MinorUnits, { description: 'discount off the subtotal, minor units (0: none); invoices tax the discounted lines' })
  @ApiProperty({ type: 'integer', description: 'discount off the subtotal, minor units (0: none); invoices tax the discounted lines' })
  discountMinor: number;

  @Field(() => ID, { nullable: true, description: 'the approval request that approved the discount; null if none did' })
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the approval request that approved the discount; null if none did' })
  discountApprovalRequestId: string | null;

  @Field(() => String, { nullable: true, description: 'who gave the approval; null if not approved' })
  @ApiProperty({ nullable: true, type: String, description: 'who gave the approval; null if not approved' })
  approvedBy: string | null;

  @Field(() => QuoteChannelEnum, { nullable: true, description: 'how the decision came in; null if undecided' })
  @ApiProperty({ nullable: true, type: String, enum: QuoteChannelEnum, description: 'how the decision came in; null if undecided' })
  decisionChannel: string | null;

  @Field(() => String, { nullable: true, description: "the customer's reason for declining; null if none" })
  @ApiProperty({ nullable: true, type: String, description: "the customer's reason for declining; null if none" })
  declineReason: string | null;

  @Field({ description: 'when it was created (ISO-8601 instant)' })
  @ApiProperty({ format: 'date-time', description: 'when it was created (ISO-8601 instant)' })
  createdAt: string;

  @Field(() => String, { nullable: true, description: 'when it was last sent; null if not sent' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was last sent; null if not sent' })
  sentAt: string | null;

  @Field(() => String, { nullable: true, description: 'when the customer approved or declined; null if undecided' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when the customer approved or declined; null if undecided' })
  decidedAt: string | null;

  @Field(() => Int, { description: "stream version: the number of events in the record's stream" })
  @ApiProperty({ type: 'integer', description: "stream version: the number of events in the record's stream" })
  version: number;

  @Field(() => [QuoteLineView], { description: 'the lines of the current revision, in order' })
  @ApiProperty({ type: [QuoteLineView], description: 'the lines of the current revision, in order' })
  lines: QuoteLineView[];
}

@ObjectType({ description: 'A page of quotes' })
export class QuotePage {
  @Field(() => [QuoteView], { description: 'this page of quotes, newest first' })
  @ApiProperty({ type: [QuoteView], description: 'this page of quotes, newest first' })
  items: QuoteView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}
