import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsPositive, IsString, IsUUID,
  Length, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { QUOTE_CHANNELS, QuoteChannel } from './quote.events';
import { MinorUnits } from '../shared/minor-units';

const channelRule = { message: `channel must be one of ${QUOTE_CHANNELS.join(', ')}` };

@InputType()
export class QuoteLineInput {
  @Field({ nullable: true }) @ApiPropertyOptional({ description: 'defaults to line-<n>' })
  @IsOptional() @IsString() @Length(1, 40)
  lineId?: string;

  @Field() @ApiProperty({ enum: ['labor', 'part'] }) @IsIn(['labor', 'part'], { message: 'kind must be labor or part' })
  kind: 'labor' | 'part';

  @Field() @ApiProperty({ example: 'Replace front brake pads' }) @IsString() @Length(1, 500)
  description: string;

  @Field(() => Float) @ApiProperty({ example: 1.5, description: 'hours or units; up to 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2 }) @IsPositive() @Max(100000)
  quantity: number;

  @Field(MinorUnits) @ApiProperty({ example: 250000, description: 'unit price in minor units of the shop currency' })
  @IsInt() @Min(0) @Max(1_000_000_000_00)
  unitPriceMinor: number;

  @Field() @ApiProperty() @IsBoolean()
  taxable: boolean;
}

@InputType()
export class CreateQuoteInput {
  @Field() @ApiProperty({ format: 'uuid' }) @IsUUID() customerId: string;
  @Field() @ApiProperty({ format: 'uuid' }) @IsUUID() vehicleId: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ format: 'uuid', description: 'the open shop location that will do the work; its tax jurisdiction applies to the invoice' })
  @IsOptional() @IsUUID() locationId?: string;

  /** Required unless cannedJobIds are given; when given, it must not be empty. */
  @Field(() => [QuoteLineInput], { nullable: true })
  @ApiPropertyOptional({ type: [QuoteLineInput], description: 'explicit lines, first in the quote; may be omitted when cannedJobIds are given' })
  @ValidateIf((o: CreateQuoteInput) => o.lines != null || !o.cannedJobIds?.length)
  @IsArray() @ArrayMinSize(1, { message: 'lines must have at least one line' }) @ArrayMaxSize(200)
  @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => QuoteLineInput)
  lines?: QuoteLineInput[];

  @Field(() => [ID], { nullable: true })
  @ApiPropertyOptional({
    type: [String], format: 'uuid',
    description: 'canned jobs of the catalog to quote, in order: each adds its labor (hours x rate) and parts after the explicit lines',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true, message: 'cannedJobIds must hold canned job ids (uuids)' })
  cannedJobIds?: string[];
}

/** A new version of the quote: its lines replaced by explicit lines and/or canned jobs, as on creation. */
@InputType()
export class ReviseQuoteInput {
  @Field(() => [QuoteLineInput], { nullable: true })
  @ApiPropertyOptional({ type: [QuoteLineInput], description: 'explicit lines, first in the quote; may be omitted when cannedJobIds are given' })
  @ValidateIf((o: ReviseQuoteInput) => o.lines != null || !o.cannedJobIds?.length)
  @IsArray() @ArrayMinSize(1, { message: 'lines must have at least one line' }) @ArrayMaxSize(200)
  @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => QuoteLineInput)
  lines?: QuoteLineInput[];

  @Field(() => [ID], { nullable: true })
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'canned jobs to quote after the explicit lines' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true, message: 'cannedJobIds must hold canned job ids (uuids)' })
  cannedJobIds?: string[];

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ example: 1, description: 'the revision this change was made against; 409 if the quote has been revised since' })
  @IsOptional() @IsInt() @Min(1)
  expectedRevision?: number;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'customer asked for OEM pads' }) @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}

@InputType()
export class SendQuoteInput {
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ enum: QUOTE_CHANNELS })
  @IsOptional() @IsIn(QUOTE_CHANNELS as QuoteChannel[], channelRule)
  channel?: QuoteChannel;
}

@InputType()
export class ApproveQuoteInput {
  @Field(() => [String], { nullable: true }) @ApiPropertyOptional({ type: [String], description: 'approved lines; omit to approve all' })
  @IsOptional() @IsArray() @IsString({ each: true }) @ArrayMaxSize(200)
  lineIds?: string[];

  @Field() @ApiProperty({ example: 'Asha Rao', description: 'who gave the approval' }) @IsString() @Length(1, 200)
  approvedByName: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID()
  approvedByCustomerId?: string;

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ example: 2, description: 'the revision the customer saw; 409 if the quote has been revised since' })
  @IsOptional() @IsInt() @Min(1)
  revision?: number;

  @Field(() => String) @ApiProperty({ enum: QUOTE_CHANNELS }) @IsIn(QUOTE_CHANNELS as QuoteChannel[], channelRule)
  channel: QuoteChannel;
}

@InputType()
export class DeclineQuoteInput {
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;

  @Field(() => String) @ApiProperty({ enum: QUOTE_CHANNELS }) @IsIn(QUOTE_CHANNELS as QuoteChannel[], channelRule)
  channel: QuoteChannel;
}

@ObjectType()
export class QuoteLineView {
  @Field() @ApiProperty() lineId: string;
  @Field() @ApiProperty() kind: string;
  @Field() @ApiProperty() description: string;
  @Field(() => Float) @ApiProperty() quantity: number;
  @Field(MinorUnits) @ApiProperty() unitPriceMinor: number;
  @Field(MinorUnits) @ApiProperty() totalMinor: number;
  @Field() @ApiProperty() taxable: boolean;
  @Field() @ApiProperty({ enum: ['pending', 'approved', 'declined'] }) decision: string;
}

@ObjectType()
export class QuoteView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty() customerId: string;
  @Field() @ApiProperty() vehicleId: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) locationId: string | null;
  @Field() @ApiProperty({ enum: ['draft', 'sent', 'approved', 'declined'] }) status: string;
  @Field(() => Int) @ApiProperty({ description: '1 as created, +1 per revision' }) revision: number;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) revisedAt: string | null;
  @Field() @ApiProperty() currency: string;
  @Field(MinorUnits) @ApiProperty() subtotalMinor: number;
  @Field(MinorUnits) @ApiProperty() taxableSubtotalMinor: number;
  @Field(MinorUnits) @ApiProperty() approvedSubtotalMinor: number;
  @Field(MinorUnits) @ApiProperty() declinedSubtotalMinor: number;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) approvedBy: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) decisionChannel: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
  @Field() @ApiProperty() createdAt: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @Field(() => Int) @ApiProperty() version: number;
  @Field(() => [QuoteLineView]) @ApiProperty({ type: [QuoteLineView] }) lines: QuoteLineView[];
}

@ObjectType()
export class QuotePage {
  @Field(() => [QuoteView]) @ApiProperty({ type: [QuoteView] }) items: QuoteView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
