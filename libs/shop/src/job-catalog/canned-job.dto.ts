import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsObject, IsOptional, IsPositive, IsString, Length, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { MAX_CANNED_JOB_LABOR, MAX_CANNED_JOB_PARTS } from './canned-job';
import { MinorUnits } from '../shared/minor-units';

export const CANNED_JOB_STATUSES = ['active', 'retired'];
const MAX_MINOR = 1_000_000_000_00;

@InputType()
export class CannedJobLaborInput {
  @Field() @ApiProperty({ example: 'Replace front brake pads' }) @IsString() @Length(1, 300)
  description: string;

  @Field(() => Float) @ApiProperty({ example: 1.5, description: 'sold labor hours; up to 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2 }) @IsPositive() @Max(1000)
  hours: number;

  @Field(MinorUnits) @ApiProperty({ example: 120000, description: 'labor rate per hour, in minor units of the shop currency' })
  @IsInt() @Min(0) @Max(MAX_MINOR)
  laborRateMinor: number;

  @Field() @ApiProperty() @IsBoolean()
  taxable: boolean;
}

@InputType()
export class CannedJobPartInput {
  @Field() @ApiProperty({ example: 'Brake pad set' }) @IsString() @Length(1, 300)
  description: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'BP-1234' }) @IsOptional() @IsString() @MaxLength(60)
  partNumber?: string;

  @Field(() => Float) @ApiProperty({ example: 1, description: 'units; up to 2 decimals' })
  @IsNumber({ maxDecimalPlaces: 2 }) @IsPositive() @Max(100000)
  quantity: number;

  @Field(MinorUnits) @ApiProperty({ example: 345050, description: 'unit price in minor units of the shop currency' })
  @IsInt() @Min(0) @Max(MAX_MINOR)
  unitPriceMinor: number;

  @Field() @ApiProperty() @IsBoolean()
  taxable: boolean;
}

/** The whole contents of a canned job; prices are in the tenant's currency. */
@InputType()
export class DefineCannedJobInput {
  @Field() @ApiProperty({ example: 'Front brake service' }) @IsString() @Length(1, 120)
  name: string;

  @Field() @ApiProperty({ example: 'Replace front pads and resurface rotors' }) @IsString() @Length(1, 2000)
  description: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'Brakes' }) @IsOptional() @IsString() @MaxLength(60)
  category?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'BRK-F', description: "the shop's own code for the job" })
  @IsOptional() @IsString() @MaxLength(40)
  code?: string;

  @Field(() => [CannedJobLaborInput], { nullable: true })
  @ApiPropertyOptional({ type: [CannedJobLaborInput], description: 'labor operations; a job needs at least one operation or part' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CANNED_JOB_LABOR) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CannedJobLaborInput)
  labor?: CannedJobLaborInput[];

  @Field(() => [CannedJobPartInput], { nullable: true }) @ApiPropertyOptional({ type: [CannedJobPartInput] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CANNED_JOB_PARTS) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CannedJobPartInput)
  parts?: CannedJobPartInput[];
}

/** Replaces the whole contents (omitted labor or parts become none). */
@InputType()
export class ReviseCannedJobInput extends DefineCannedJobInput {
  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ example: 1, description: 'the revision this change was made against; 409 if the job has been revised since' })
  @IsOptional() @IsInt() @Min(1)
  expectedRevision?: number;
}

@InputType()
export class RetireCannedJobInput {
  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'supplier discontinued the pads' }) @IsOptional() @IsString() @MaxLength(500)
  reason?: string;
}

@ObjectType()
export class CannedJobLaborView {
  @Field() @ApiProperty() description: string;
  @Field(() => Float) @ApiProperty() hours: number;
  @Field(MinorUnits) @ApiProperty() laborRateMinor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'round(hours x laborRateMinor)' }) totalMinor: number;
  @Field() @ApiProperty() taxable: boolean;
}

@ObjectType()
export class CannedJobPartView {
  @Field() @ApiProperty() description: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) partNumber: string | null;
  @Field(() => Float) @ApiProperty() quantity: number;
  @Field(MinorUnits) @ApiProperty() unitPriceMinor: number;
  @Field(MinorUnits) @ApiProperty({ description: 'round(quantity x unitPriceMinor)' }) totalMinor: number;
  @Field() @ApiProperty() taxable: boolean;
}

@ObjectType()
export class CannedJobView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty() name: string;
  @Field() @ApiProperty() description: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) category: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) code: string | null;
  @Field() @ApiProperty({ enum: CANNED_JOB_STATUSES }) status: string;
  @Field() @ApiProperty({ example: 'INR' }) currency: string;
  @Field(() => [CannedJobLaborView]) @ApiProperty({ type: [CannedJobLaborView] }) labor: CannedJobLaborView[];
  @Field(() => [CannedJobPartView]) @ApiProperty({ type: [CannedJobPartView] }) parts: CannedJobPartView[];
  @Field(MinorUnits) @ApiProperty({ description: 'pre-tax, minor units' }) laborTotalMinor: number;
  @Field(MinorUnits) @ApiProperty() partsTotalMinor: number;
  @Field(MinorUnits) @ApiProperty() totalMinor: number;
  @Field(MinorUnits) @ApiProperty() taxableTotalMinor: number;
  @Field(() => Float) @ApiProperty({ description: 'sold labor hours: the sum of the operations\' hours' }) laborHours: number;
  @Field(() => Int) @ApiProperty({ description: 'revision of the contents: 1 when defined, +1 per revision' }) revision: number;
  @Field() @ApiProperty() definedAt: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) revisedAt: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) retiredAt: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) retireReason: string | null;
  @Field(() => Int) @ApiProperty({ description: 'stream version' }) version: number;
}

@ObjectType()
export class CannedJobPage {
  @Field(() => [CannedJobView]) @ApiProperty({ type: [CannedJobView] }) items: CannedJobView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
