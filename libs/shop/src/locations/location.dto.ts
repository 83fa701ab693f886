import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined, IsIn, IsNumber, IsObject, IsOptional, IsString, IsTimeZone, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { FieldError, ValidationFailed } from '@workbay/platform';
import type { TaxJurisdiction } from '../invoices/tax-jurisdiction';

export const TAX_KINDS = ['IN_GST', 'EU_VAT', 'US_SALES_TAX', 'NONE'] as const;
export type TaxKind = (typeof TAX_KINDS)[number];
export const LOCATION_STATUSES = ['open', 'closed'];

@InputType()
export class LocationAddressInput {
  @Field() @ApiProperty({ example: '100 Feet Road, HAL 2nd Stage' }) @IsString() @Length(1, 200)
  line1: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'Indiranagar' }) @IsOptional() @IsString() @MaxLength(200)
  line2?: string;

  @Field() @ApiProperty({ example: 'Bengaluru' }) @IsString() @Length(1, 100)
  city: string;

  @Field() @ApiProperty({ example: 'Karnataka', description: 'state, province or county' }) @IsString() @Length(1, 100)
  region: string;

  @Field() @ApiProperty({ example: '560038' }) @IsString() @Length(1, 20)
  postalCode: string;

  @Field() @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2' })
  @IsString() @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code in capitals, e.g. IN' })
  country: string;
}

/**
 * The tax jurisdiction as a flat input (GraphQL has no input unions): `kind` says which of the
 * other fields apply. toTaxJurisdiction turns it into the domain's discriminated union.
 */
@InputType()
export class TaxJurisdictionInput {
  @Field(() => String) @ApiProperty({ enum: TAX_KINDS })
  @IsIn(TAX_KINDS as unknown as string[], { message: `kind must be one of ${TAX_KINDS.join(', ')}` })
  kind: TaxKind;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: '29', description: 'IN_GST only (required): the GST state code of the location' })
  @ValidateIf((o: TaxJurisdictionInput) => o.kind === 'IN_GST' || o.stateCode != null)
  @Matches(/^\d{2}$/, { message: 'stateCode must be the two-digit GST state code (e.g. 29), required for IN_GST' })
  stateCode?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'DE', description: "EU_VAT only (required): the member state ('EL' is accepted for Greece)" })
  @ValidateIf((o: TaxJurisdictionInput) => o.kind === 'EU_VAT' || o.country != null)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter country code, required for EU_VAT' })
  country?: string;

  @Field(() => Float, { nullable: true })
  @ApiPropertyOptional({ example: 1800, description: 'basis points, up to 2 decimals (887.5 = 8.875%); defaults: IN_GST 1800, EU_VAT standard rate, US_SALES_TAX 0' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10000)
  rateBps?: number;
}

/** The input's fields that belong to its kind, as the domain type; a field of another kind is a 400 naming it. */
export function toTaxJurisdiction(input: TaxJurisdictionInput, path = 'taxJurisdiction'): TaxJurisdiction {
  const allowed: Record<TaxKind, string[]> = { IN_GST: ['stateCode', 'rateBps'], EU_VAT: ['country', 'rateBps'], US_SALES_TAX: ['rateBps'], NONE: [] };
  const errors: FieldError[] = (['stateCode', 'country', 'rateBps'] as const)
    .filter((f) => input[f] !== undefined && input[f] !== null && !allowed[input.kind].includes(f))
    .map((f) => ({ field: `${path}.${f}`, message: `${f} does not apply to ${input.kind}` }));
  if (errors.length) throw new ValidationFailed(errors);
  const rate = input.rateBps === undefined || input.rateBps === null ? {} : { rateBps: input.rateBps };
  switch (input.kind) {
    case 'IN_GST':
      return { kind: 'IN_GST', stateCode: input.stateCode as string, ...rate };
    case 'EU_VAT':
      return { kind: 'EU_VAT', country: input.country as string, ...rate };
    case 'US_SALES_TAX':
      return { kind: 'US_SALES_TAX', ...rate };
    case 'NONE':
      return { kind: 'NONE' };
  }
}

@InputType()
export class OpenLocationInput {
  @Field() @ApiProperty({ example: 'Indiranagar' }) @IsString() @Length(1, 100)
  name: string;

  @Field(() => LocationAddressInput) @ApiProperty({ type: LocationAddressInput })
  // ValidateNested skips undefined and walks arrays: a missing or listed address must be refused here.
  @IsDefined() @IsObject() @ValidateNested() @Type(() => LocationAddressInput)
  address: LocationAddressInput;

  @Field() @ApiProperty({ example: 'Asia/Kolkata', description: 'IANA time zone name' })
  @IsString() @IsTimeZone({ message: 'timezone must be an IANA time zone name, e.g. Asia/Kolkata' })
  timezone: string;

  @Field(() => TaxJurisdictionInput, { nullable: true })
  @ApiPropertyOptional({
    type: TaxJurisdictionInput,
    description: 'omitted: derived from address.country (EU member: EU_VAT; US: US_SALES_TAX at 0; IN: required, GST is per state; else NONE)',
  })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TaxJurisdictionInput)
  taxJurisdiction?: TaxJurisdictionInput;
}

@InputType()
export class UpdateLocationInput {
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100)
  name?: string;

  @Field(() => LocationAddressInput, { nullable: true })
  @ApiPropertyOptional({ type: LocationAddressInput, description: 'replaces the whole address; the country cannot change' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LocationAddressInput)
  address?: LocationAddressInput;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'Asia/Kolkata' })
  @IsOptional() @IsString() @IsTimeZone({ message: 'timezone must be an IANA time zone name, e.g. Asia/Kolkata' })
  timezone?: string;
}

@InputType()
export class ChangeLocationTaxInput {
  @Field(() => TaxJurisdictionInput) @ApiProperty({ type: TaxJurisdictionInput })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => TaxJurisdictionInput)
  taxJurisdiction: TaxJurisdictionInput;
}

@InputType()
export class CloseLocationInput {
  @Field() @ApiProperty({ example: 'lease ended' }) @IsString() @Length(1, 500)
  reason: string;
}

@ObjectType()
export class LocationAddressView {
  @Field() @ApiProperty() line1: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) line2: string | null;
  @Field() @ApiProperty() city: string;
  @Field() @ApiProperty() region: string;
  @Field() @ApiProperty() postalCode: string;
  @Field() @ApiProperty() country: string;
}

@ObjectType()
export class TaxJurisdictionView {
  @Field() @ApiProperty({ enum: TAX_KINDS }) kind: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) stateCode: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) country: string | null;
  @Field(() => Float, { nullable: true }) @ApiProperty({ nullable: true, type: Number, description: 'as configured; null: the kind\'s default' })
  rateBps: number | null;
}

export const toTaxJurisdictionView = (j: TaxJurisdiction): TaxJurisdictionView => ({
  kind: j.kind,
  stateCode: j.kind === 'IN_GST' ? j.stateCode : null,
  country: j.kind === 'EU_VAT' ? j.country : null,
  rateBps: j.kind !== 'NONE' && j.rateBps !== undefined ? j.rateBps : null,
});

@ObjectType()
export class LocationView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty() name: string;
  @Field() @ApiProperty({ enum: LOCATION_STATUSES }) status: string;
  @Field(() => LocationAddressView) @ApiProperty({ type: LocationAddressView }) address: LocationAddressView;
  @Field() @ApiProperty() timezone: string;
  @Field(() => TaxJurisdictionView) @ApiProperty({ type: TaxJurisdictionView }) taxJurisdiction: TaxJurisdictionView;
  @Field() @ApiProperty() openedAt: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) closeReason: string | null;
  @Field(() => Int) @ApiProperty() version: number;
}

@ObjectType()
export class LocationPage {
  @Field(() => [LocationView]) @ApiProperty({ type: [LocationView] }) items: LocationView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

