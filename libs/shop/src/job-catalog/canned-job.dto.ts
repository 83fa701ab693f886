import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { HSN_PATTERN, SAC_PATTERN } from '../quotes/hsn-sac.rules';
import { FitsLineTotal, IsAmountMinor, IsOptionalText, IsQuantity, IsRequiredText, MinorUnits } from '@workbay/platform';
import { LABOR_HOURS, LINE_QUANTITY, PRICE_MINOR } from '@workbay/platform/fields';
import { CANNED_JOB_STATUSES as CANNED_JOB_STATUS_VALUES, CANNED_JOB_TEXT, MAX_CANNED_JOB_LABOR, MAX_CANNED_JOB_PARTS } from './canned-job.decider';
import { CannedJobStatusEnum, TaxCategoryEnum } from '../shared/shop-enums';

export const CANNED_JOB_STATUSES: string[] = [...CANNED_JOB_STATUS_VALUES];

@InputType({ description: 'A labor operation of a canned job' })
export class CannedJobLaborInput {
  @Field({ description: 'the labor operation' })
  @ApiProperty({ example: 'Replace front brake pads', description: 'the labor operation' })
  @IsRequiredText(CANNED_JOB_TEXT.lineDescription)
  description: string;

  @Field(() => Float, { description: 'sold labor hours; up to 2 decimals' })
  @ApiProperty({ example: 1.5, description: 'sold labor hours; up to 2 decimals' })
  @IsQuantity(LABOR_HOURS)
  hours: number;

  @Field(MinorUnits, { description: 'labor rate per hour, in minor units of the shop currency' })
  @ApiProperty({ example: 120000, description: 'labor rate per hour, in minor units of the shop currency' })
  @IsAmountMinor(PRICE_MINOR) @FitsLineTotal('hours')
  laborRateMinor: number;

  @Field({ description: 'whether tax applies to the labor' }) @ApiProperty({ description: 'whether tax applies to the labor' }) @IsBoolean()
  taxable: boolean;

  @Field({ nullable: true, description: 'Indian GST: the SAC code of the service (6 digits starting 99, e.g. 998714), carried to quote and invoice lines' })
  @ApiPropertyOptional({ example: '998714', pattern: SAC_PATTERN, description: 'Indian GST: the SAC code of the service (6 digits starting 99, e.g. 998714), carried to quote and invoice lines' })
  @IsOptional() @IsString() @MaxLength(8)
  sacCode?: string;

  @Field(() => TaxCategoryEnum, { nullable: true, description: "the tax rate category its quote line takes: 'standard' (default) or 'reduced' (Japan's 8%, an EU location's configured reduced rate)" })
  @ApiPropertyOptional({ enum: TaxCategoryEnum, description: "the tax rate category its quote line takes: 'standard' (default) or 'reduced' (Japan's 8%, an EU location's configured reduced rate)" })
  @IsOptional() @IsIn(['standard', 'reduced'], { message: "taxCategory must be 'standard' or 'reduced'" })
  taxCategory?: 'standard' | 'reduced';
}

@InputType({ description: 'A part of a canned job' })
export class CannedJobPartInput {
  @Field({ description: 'the part' }) @ApiProperty({ example: 'Brake pad set', description: 'the part' }) @IsRequiredText(CANNED_JOB_TEXT.lineDescription)
  description: string;

  @Field({ nullable: true, description: "the supplier's part number" })
  @ApiPropertyOptional({ example: 'BP-1234', description: "the supplier's part number" })
  @IsOptionalText(CANNED_JOB_TEXT.partNumber)
  partNumber?: string;

  @Field(() => Float, { description: 'units; up to 2 decimals' })
  @ApiProperty({ example: 1, description: 'units; up to 2 decimals' })
  @IsQuantity(LINE_QUANTITY)
  quantity: number;

  @Field(MinorUnits, { description: 'unit price in minor units of the shop currency' })
  @ApiProperty({ example: 345050, description: 'unit price in minor units of the shop currency' })
  @IsAmountMinor(PRICE_MINOR) @FitsLineTotal('quantity')
  unitPriceMinor: number;

  @Field({ description: 'whether tax applies to the part' }) @ApiProperty({ description: 'whether tax applies to the part' }) @IsBoolean()
  taxable: boolean;

  @Field({ nullable: true, description: 'Indian GST: the HSN code of the part (4, 6 or 8 digits, e.g. 8708), carried to quote and invoice lines' })
  @ApiPropertyOptional({ example: '87083000', pattern: HSN_PATTERN, description: 'Indian GST: the HSN code of the part (4, 6 or 8 digits, e.g. 8708), carried to quote and invoice lines' })
  @IsOptional() @IsString() @MaxLength(8)
  hsnCode?: string;

  @Field(() => TaxCategoryEnum, { nullable: true, description: "the tax rate category its quote line takes: 'standard' (default) or 'reduced' (Japan's 8%, an EU location's configured reduced rate)" })
  @ApiPropertyOptional({ enum: TaxCategoryEnum, description: "the tax rate category its quote line takes: 'standard' (default) or 'reduced' (Japan's 8%, an EU location's configured reduced rate)" })
  @IsOptional() @IsIn(['standard', 'reduced'], { message: "taxCategory must be 'standard' or 'reduced'" })
  taxCategory?: 'standard' | 'reduced';
}

/** The whole contents of a canned job; prices are in the tenant's currency. */
@InputType({ description: "The whole contents of a canned job; prices are in the tenant's currency" })
export class DefineCannedJobInput {
  @Field({ description: 'what advisors pick it by' })
  @ApiProperty({ example: 'Front brake service', description: 'what advisors pick it by' })
  @IsRequiredText(CANNED_JOB_TEXT.name)
  name: string;

  @Field({ description: 'what the job does' })
  @ApiProperty({ example: 'Replace front pads and resurface rotors', description: 'what the job does' })
  @IsRequiredText(CANNED_JOB_TEXT.description)
  description: string;

  @Field({ nullable: true, description: 'a grouping for the catalog, e.g. Brakes' })
  @ApiPropertyOptional({ example: 'Brakes', description: 'a grouping for the catalog, e.g. Brakes' })
  @IsOptionalText(CANNED_JOB_TEXT.category)
  category?: string;

  @Field({ nullable: true, description: "the shop's own code for the job" })
  @ApiPropertyOptional({ example: 'BRK-F', description: "the shop's own code for the job" })
  @IsOptionalText(CANNED_JOB_TEXT.code)
  code?: string;

  @Field(() => [CannedJobLaborInput], { nullable: true, description: 'labor operations; a job needs at least one operation or part' })
  @ApiPropertyOptional({ type: [CannedJobLaborInput], description: 'labor operations; a job needs at least one operation or part' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CANNED_JOB_LABOR) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CannedJobLaborInput)
  labor?: CannedJobLaborInput[];

  @Field(() => [CannedJobPartInput], { nullable: true, description: 'parts used; a job needs at least one operation or part' })
  @ApiPropertyOptional({ type: [CannedJobPartInput], description: 'parts used; a job needs at least one operation or part' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CANNED_JOB_PARTS) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CannedJobPartInput)
  parts?: CannedJobPartInput[];
}

/** Replaces the whole contents (omitted labor or parts become none). */
@InputType({ description: 'The new whole contents of a canned job (omitted labor or parts become none)' })
export class ReviseCannedJobInput extends DefineCannedJobInput {
  @Field(() => Int, { nullable: true, description: 'the revision this change was made against; 409 if the job has been revised since' })
  @ApiPropertyOptional({ example: 1, description: 'the revision this change was made against; 409 if the job has been revised since', type: 'integer' })
  @IsOptional() @IsInt() @Min(1)
  expectedRevision?: number;
}

@InputType({ description: 'Why a canned job is retired' })
export class RetireCannedJobInput {
  @Field({ nullable: true, description: 'why it is retired' })
  @ApiPropertyOptional({ example: 'supplier discontinued the pads', description: 'why it is retired' })
  @IsOptionalText(CANNED_JOB_TEXT.reason)
  reason?: string;
}

@ObjectType({ description: 'A labor operation of a canned job' })
export class CannedJobLaborView {
  @Field({ description: 'the labor operation' })
  @ApiProperty({ description: 'the labor operation' })
  description: string;

  @Field(() => Float, { description: 'sold labor hours' })
  @ApiProperty({ description: 'sold labor hours' })
  hours: number;

  @Field(MinorUnits, { description: 'labor rate per hour, minor units' })
  @ApiProperty({ type: 'integer', description: 'labor rate per hour, minor units' })
  laborRateMinor: number;

  @Field(MinorUnits, { description: 'round(hours x laborRateMinor)' })
  @ApiProperty({ description: 'round(hours x laborRateMinor)', type: 'integer' })
  totalMinor: number;

  @Field({ description: 'whether tax applies to the labor' })
  @ApiProperty({ description: 'whether tax applies to the labor' })
  taxable: boolean;

  @Field(() => String, { nullable: true, description: 'SAC code of the service; null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'SAC code of the service; null if none' })
  sacCode: string | null;

  @Field(() => TaxCategoryEnum, { description: "the tax rate category its quote line takes: 'standard' or 'reduced'" })
  @ApiProperty({ enum: TaxCategoryEnum, description: "the tax rate category its quote line takes: 'standard' or 'reduced'" })
  taxCategory: 'standard' | 'reduced';
}

@ObjectType({ description: 'A part of a canned job' })
export class CannedJobPartView {
  @Field({ description: 'the part' })
  @ApiProperty({ description: 'the part' })
  description: string;

  @Field(() => String, { nullable: true, description: "the supplier's part number; null if none" })
  @ApiProperty({ nullable: true, type: String, description: "the supplier's part number; null if none" })
  partNumber: string | null;

  @Field(() => Float, { description: 'units' })
  @ApiProperty({ description: 'units' })
  quantity: number;

  @Field(MinorUnits, { description: 'unit price, minor units' })
  @ApiProperty({ type: 'integer', description: 'unit price, minor units' })
  unitPriceMinor: number;

  @Field(MinorUnits, { description: 'round(quantity x unitPriceMinor)' })
  @ApiProperty({ description: 'round(quantity x unitPriceMinor)', type: 'integer' })
  totalMinor: number;

  @Field({ description: 'whether tax applies to the part' })
  @ApiProperty({ description: 'whether tax applies to the part' })
  taxable: boolean;

  @Field(() => String, { nullable: true, description: 'HSN code of the part; null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'HSN code of the part; null if none' })
  hsnCode: string | null;

  @Field(() => TaxCategoryEnum, { description: "the tax rate category its quote line takes: 'standard' or 'reduced'" })
  @ApiProperty({ enum: TaxCategoryEnum, description: "the tax rate category its quote line takes: 'standard' or 'reduced'" })
  taxCategory: 'standard' | 'reduced';
}

@ObjectType({ description: 'A canned job of the catalog: labor and parts quoted together' })
export class CannedJobView {
  @Field(() => ID, { description: 'the canned job' })
  @ApiProperty({ format: 'uuid', description: 'the canned job' })
  id: string;

  @Field({ description: 'what advisors pick it by' })
  @ApiProperty({ description: 'what advisors pick it by' })
  name: string;

  @Field({ description: 'what the job does' })
  @ApiProperty({ description: 'what the job does' })
  description: string;

  @Field(() => String, { nullable: true, description: 'catalog grouping; null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'catalog grouping; null if none' })
  category: string | null;

  @Field(() => String, { nullable: true, description: "the shop's own code for the job; null if none" })
  @ApiProperty({ nullable: true, type: String, description: "the shop's own code for the job; null if none" })
  code: string | null;

  @Field(() => CannedJobStatusEnum, { description: 'whether it can be quoted' })
  @ApiProperty({ enum: CannedJobStatusEnum, description: 'whether it can be quoted' })
  status: string;

  @Field({ description: 'ISO 4217 code of the amounts' })
  @ApiProperty({ example: 'INR', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code of the amounts' })
  currency: string;

  @Field(() => [CannedJobLaborView], { description: 'labor operations' })
  @ApiProperty({ type: [CannedJobLaborView], description: 'labor operations' })
  labor: CannedJobLaborView[];

  @Field(() => [CannedJobPartView], { description: 'parts' })
  @ApiProperty({ type: [CannedJobPartView], description: 'parts' })
  parts: CannedJobPartView[];

  @Field(MinorUnits, { description: 'pre-tax, minor units' })
  @ApiProperty({ description: 'pre-tax, minor units', type: 'integer' })
  laborTotalMinor: number;

  @Field(MinorUnits, { description: 'pre-tax parts total, minor units' })
  @ApiProperty({ type: 'integer', description: 'pre-tax parts total, minor units' })
  partsTotalMinor: number;

  @Field(MinorUnits, { description: 'pre-tax total, minor units' })
  @ApiProperty({ type: 'integer', description: 'pre-tax total, minor units' })
  totalMinor: number;

  @Field(MinorUnits, { description: 'pre-tax total of the taxable labor and parts, minor units' })
  @ApiProperty({ type: 'integer', description: 'pre-tax total of the taxable labor and parts, minor units' })
  taxableTotalMinor: number;

  @Field(() => Float, { description: "sold labor hours: the sum of the operations' hours" })
  @ApiProperty({ description: "sold labor hours: the sum of the operations' hours" })
  laborHours: number;

  @Field(() => Int, { description: 'revision of the contents: 1 when defined, +1 per revision' })
  @ApiProperty({ description: 'revision of the contents: 1 when defined, +1 per revision', type: 'integer' })
  revision: number;

  @Field({ description: 'when it was first defined' })
  @ApiProperty({ format: 'date-time', description: 'when it was first defined' })
  definedAt: string;

  @Field(() => String, { nullable: true, description: 'when it was last revised; null if never' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was last revised; null if never' })
  revisedAt: string | null;

  @Field(() => String, { nullable: true, description: 'when it was retired; null while active' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was retired; null while active' })
  retiredAt: string | null;

  @Field(() => String, { nullable: true, description: 'why it was retired; null if active or not given' })
  @ApiProperty({ nullable: true, type: String, description: 'why it was retired; null if active or not given' })
  retireReason: string | null;

  @Field(() => Int, { description: "stream version: the number of events in the record's stream" })
  @ApiProperty({ description: 'stream version', type: 'integer' })
  version: number;
}

@ObjectType({ description: 'A page of canned jobs' })
export class CannedJobPage {
  @Field(() => [CannedJobView], { description: 'this page of canned jobs, newest first' })
  @ApiProperty({ type: [CannedJobView], description: 'this page of canned jobs, newest first' })
  items: CannedJobView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}
