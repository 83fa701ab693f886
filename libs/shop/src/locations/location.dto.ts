import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined, IsIn, IsNumber, IsObject, IsOptional, IsString, IsTimeZone, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { FieldError, IsCountryCode, IsOptionalText, IsRequiredText, ValidationFailed } from '@workbay/platform';
import { TAX_KINDS, type TaxJurisdiction, type TaxKind } from '../invoices/tax-jurisdiction.rules';
import { LOCATION_STATUSES as LOCATION_STATUS_VALUES } from './location.decider';
import { LOCATION_TEXT } from './location.rules';
import { LocationStatusEnum, TaxJurisdictionKindEnum } from '../shared/shop-enums';
import { TaxIdView } from '../customers/customer-billing.dto';

export { TAX_KINDS };
export type { TaxKind };
export const LOCATION_STATUSES: string[] = [...LOCATION_STATUS_VALUES];

@InputType({ description: "A location's postal address" })
export class LocationAddressInput {
  @Field({ description: 'street and number' })
  @ApiProperty({ example: '100 Feet Road, HAL 2nd Stage', description: 'street and number' })
  @IsRequiredText(LOCATION_TEXT.line1)
  line1: string;

  @Field({ nullable: true, description: 'more of the address, if needed' })
  @ApiPropertyOptional({ example: 'Indiranagar', description: 'more of the address, if needed' })
  @IsOptionalText(LOCATION_TEXT.line2)
  line2?: string;

  @Field({ description: 'city or town' }) @ApiProperty({ example: 'Bengaluru', description: 'city or town' }) @IsRequiredText(LOCATION_TEXT.city)
  city: string;

  @Field({ description: 'state, province or county' })
  @ApiProperty({ example: 'Karnataka', description: 'state, province or county' })
  @IsRequiredText(LOCATION_TEXT.region)
  region: string;

  @Field({ description: 'postal or ZIP code' }) @ApiProperty({ example: '560038', description: 'postal or ZIP code' }) @IsRequiredText(LOCATION_TEXT.postalCode)
  postalCode: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code in capitals' })
  @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2, an assigned code in capitals' })
  @IsCountryCode()
  country: string;
}

/**
 * The tax jurisdiction as a flat input (GraphQL has no input unions): `kind` says which of the
 * other fields apply. toTaxJurisdiction turns it into the domain's discriminated union.
 */
@InputType({ description: 'A tax jurisdiction as a flat input: `kind` says which of the other fields apply' })
export class TaxJurisdictionInput {
  @Field(() => TaxJurisdictionKindEnum, { description: 'which tax applies; the other fields that apply depend on it' })
  @ApiProperty({ enum: TaxJurisdictionKindEnum, description: 'which tax applies; the other fields that apply depend on it' })
  @IsIn(TAX_KINDS as unknown as string[], { message: `kind must be one of ${TAX_KINDS.join(', ')}` })
  kind: TaxKind;

  @Field({ nullable: true, description: 'IN_GST only (required): the two-digit GST state code of the location' })
  @ApiPropertyOptional({ example: '29', description: 'IN_GST only (required): the GST state code of the location', pattern: '^\\d{2}$' })
  @ValidateIf((o: TaxJurisdictionInput) => o.kind === 'IN_GST' || o.stateCode != null)
  @Matches(/^\d{2}$/, { message: 'stateCode must be the two-digit GST state code (e.g. 29), required for IN_GST' })
  stateCode?: string;

  @Field({ nullable: true, description: "EU_VAT only (required): the member state ('EL' is accepted for Greece)" })
  @ApiPropertyOptional({ example: 'DE', description: "EU_VAT only (required): the member state ('EL' is accepted for Greece)", pattern: '^[A-Z]{2}$' })
  @ValidateIf((o: TaxJurisdictionInput) => o.kind === 'EU_VAT' || o.country != null)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be a two-letter country code, required for EU_VAT' })
  country?: string;

  @Field(() => Float, { nullable: true, description: 'basis points, up to 2 decimals (887.5 = 8.875%); defaults: IN_GST 1800, EU_VAT standard rate, US_SALES_TAX 0, JP_CONSUMPTION_TAX 1000 (its reduced rate is 800)' })
  @ApiPropertyOptional({ example: 1800, description: 'basis points, up to 2 decimals (887.5 = 8.875%); defaults: IN_GST 1800, EU_VAT standard rate, US_SALES_TAX 0, JP_CONSUMPTION_TAX 1000 (its reduced rate is 800)', minimum: 0, maximum: 10000 })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10000)
  rateBps?: number;

  @Field(() => Float, { nullable: true, description: "EU_VAT only: the member state's reduced rate that lines with taxCategory 'reduced' take, basis points (900 = 9%, e.g. hairdressing in the Netherlands), at most the standard rate; without it a reduced line is refused" })
  @ApiPropertyOptional({ example: 900, description: "EU_VAT only: the member state's reduced rate that lines with taxCategory 'reduced' take, basis points (900 = 9%, e.g. hairdressing in the Netherlands), at most the standard rate; without it a reduced line is refused", minimum: 0, maximum: 10000 })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) @Max(10000)
  reducedRateBps?: number;
}

/** The input's fields that belong to its kind, as the domain type; a field of another kind is a 400 naming it. */
export function toTaxJurisdiction(input: TaxJurisdictionInput, path = 'taxJurisdiction'): TaxJurisdiction {
  const allowed: Record<TaxKind, string[]> = { IN_GST: ['stateCode', 'rateBps'], EU_VAT: ['country', 'rateBps', 'reducedRateBps'], US_SALES_TAX: ['rateBps'], JP_CONSUMPTION_TAX: ['rateBps'], NONE: [] };
  const errors: FieldError[] = (['stateCode', 'country', 'rateBps', 'reducedRateBps'] as const)
    .filter((f) => input[f] !== undefined && input[f] !== null && !allowed[input.kind].includes(f))
    .map((f) => ({ field: `${path}.${f}`, message: `${f} does not apply to ${input.kind}` }));
  if (errors.length) throw new ValidationFailed(errors);
  const rate = input.rateBps === undefined || input.rateBps === null ? {} : { rateBps: input.rateBps };
  switch (input.kind) {
    case 'IN_GST':
      return { kind: 'IN_GST', stateCode: input.stateCode as string, ...rate };
    case 'EU_VAT':
      return { kind: 'EU_VAT', country: input.country as string, ...rate, ...(input.reducedRateBps === undefined || input.reducedRateBps === null ? {} : { reducedRateBps: input.reducedRateBps }) };
    case 'US_SALES_TAX':
      return { kind: 'US_SALES_TAX', ...rate };
    case 'JP_CONSUMPTION_TAX':
      return { kind: 'JP_CONSUMPTION_TAX', ...rate };
    case 'NONE':
      return { kind: 'NONE' };
  }
}

@InputType({ description: 'A new shop location' })
export class OpenLocationInput {
  @Field({ description: "unique among the tenant's locations" })
  @ApiProperty({ example: 'Indiranagar', description: "unique among the tenant's locations" })
  @IsRequiredText(LOCATION_TEXT.name)
  name: string;

  @Field(() => LocationAddressInput, { description: 'where the location is' })
  @ApiProperty({ type: LocationAddressInput, description: 'where the location is' })
  // ValidateNested skips undefined and walks arrays: a missing or listed address must be refused here.
  @IsDefined() @IsObject() @ValidateNested() @Type(() => LocationAddressInput)
  address: LocationAddressInput;

  @Field({ description: 'IANA time zone name, e.g. Asia/Kolkata: local days (dashboards) are counted in it' })
  @ApiProperty({ example: 'Asia/Kolkata', description: 'IANA time zone name' })
  @IsString() @IsTimeZone({ message: 'timezone must be an IANA time zone name, e.g. Asia/Kolkata' })
  timezone: string;

  @Field(() => TaxJurisdictionInput, { nullable: true, description: 'omitted: derived from address.country (EU member: EU_VAT; US: US_SALES_TAX at 0; JP: JP_CONSUMPTION_TAX; IN: required; else NONE)' })
  @ApiPropertyOptional({
    type: TaxJurisdictionInput,
    description: 'omitted: derived from address.country (EU member: EU_VAT; US: US_SALES_TAX at 0; JP: JP_CONSUMPTION_TAX; IN: required, GST is per state; else NONE)',
  })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TaxJurisdictionInput)
  taxJurisdiction?: TaxJurisdictionInput;
}

@InputType({ description: 'Changes to a location; omitted fields stay as they are' })
export class UpdateLocationInput {
  @Field({ nullable: true, description: "new name, unique among the tenant's locations; omitted: unchanged" })
  @ApiPropertyOptional({ description: "new name, unique among the tenant's locations; omitted: unchanged" })
  @IsOptional() @IsRequiredText(LOCATION_TEXT.name)
  name?: string;

  @Field(() => LocationAddressInput, { nullable: true, description: 'replaces the whole address; the country cannot change' })
  @ApiPropertyOptional({ type: LocationAddressInput, description: 'replaces the whole address; the country cannot change' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => LocationAddressInput)
  address?: LocationAddressInput;

  @Field({ nullable: true, description: 'IANA time zone name, e.g. Asia/Kolkata; omitted: unchanged' })
  @ApiPropertyOptional({ example: 'Asia/Kolkata', description: 'IANA time zone name, e.g. Asia/Kolkata; omitted: unchanged' })
  @IsOptional() @IsString() @IsTimeZone({ message: 'timezone must be an IANA time zone name, e.g. Asia/Kolkata' })
  timezone?: string;
}

@InputType({ description: "A location's new tax jurisdiction" })
export class ChangeLocationTaxInput {
  @Field(() => TaxJurisdictionInput, { description: "the location's tax from now on (issued invoices keep theirs)" })
  @ApiProperty({ type: TaxJurisdictionInput, description: "the location's tax from now on (issued invoices keep theirs)" })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => TaxJurisdictionInput)
  taxJurisdiction: TaxJurisdictionInput;
}

@InputType({ description: 'Why a location closes' })
export class CloseLocationInput {
  @Field({ description: 'why the location closes' })
  @ApiProperty({ example: 'lease ended', description: 'why the location closes' })
  @IsRequiredText(LOCATION_TEXT.closeReason)
  reason: string;
}

@ObjectType({ description: "A location's postal address" })
export class LocationAddressView {
  @Field({ description: 'street and number' })
  @ApiProperty({ description: 'street and number' })
  line1: string;

  @Field(() => String, { nullable: true, description: 'more of the address; null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'more of the address; null if none' })
  line2: string | null;

  @Field({ description: 'city or town' })
  @ApiProperty({ description: 'city or town' })
  city: string;

  @Field({ description: 'state, province or county' })
  @ApiProperty({ description: 'state, province or county' })
  region: string;

  @Field({ description: 'postal or ZIP code' })
  @ApiProperty({ description: 'postal or ZIP code' })
  postalCode: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  @ApiProperty({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' })
  country: string;
}

@ObjectType({ description: "The tax of a location's invoices" })
export class TaxJurisdictionView {
  @Field(() => TaxJurisdictionKindEnum, { description: 'which tax applies' })
  @ApiProperty({ enum: TaxJurisdictionKindEnum, description: 'which tax applies' })
  kind: string;

  @Field(() => String, { nullable: true, description: 'IN_GST: the GST state code; null otherwise' })
  @ApiProperty({ nullable: true, type: String, description: 'IN_GST: the GST state code; null otherwise' })
  stateCode: string | null;

  @Field(() => String, { nullable: true, description: 'EU_VAT: the member state; null otherwise' })
  @ApiProperty({ nullable: true, type: String, description: 'EU_VAT: the member state; null otherwise' })
  country: string | null;

  @Field(() => Float, { nullable: true, description: "as configured; null: the kind's default" })
  @ApiProperty({ nullable: true, type: Number, description: "as configured; null: the kind's default" })
  rateBps: number | null;

  @Field(() => Float, { nullable: true, description: "EU_VAT: the configured reduced rate; null: none (JP_CONSUMPTION_TAX's is the law's 800)" })
  @ApiProperty({ nullable: true, type: Number, description: "EU_VAT: the configured reduced rate; null: none (JP_CONSUMPTION_TAX's is the law's 800)" })
  reducedRateBps: number | null;
}

export const toTaxJurisdictionView = (j: TaxJurisdiction): TaxJurisdictionView => ({
  kind: j.kind,
  stateCode: j.kind === 'IN_GST' ? j.stateCode : null,
  country: j.kind === 'EU_VAT' ? j.country : null,
  rateBps: j.kind !== 'NONE' && j.rateBps !== undefined ? j.rateBps : null,
  reducedRateBps: j.kind === 'EU_VAT' && j.reducedRateBps !== undefined ? j.reducedRateBps : null,
});

@ObjectType({ description: 'A shop location' })
export class LocationView {
  @Field(() => ID, { description: 'the location' })
  @ApiProperty({ format: 'uuid', description: 'the location' })
  id: string;

  @Field({ description: "the location's name, unique in the tenant" })
  @ApiProperty({ description: "the location's name, unique in the tenant" })
  name: string;

  @Field(() => LocationStatusEnum, { description: 'whether the location takes work' })
  @ApiProperty({ enum: LocationStatusEnum, description: 'whether the location takes work' })
  status: string;

  @Field(() => LocationAddressView, { description: 'where the location is' })
  @ApiProperty({ type: LocationAddressView, description: 'where the location is' })
  address: LocationAddressView;

  @Field({ description: 'IANA time zone name' })
  @ApiProperty({ example: 'Asia/Kolkata', description: 'IANA time zone name' })
  timezone: string;

  @Field(() => TaxJurisdictionView, { description: "the tax of the location's invoices" })
  @ApiProperty({ type: TaxJurisdictionView, description: "the tax of the location's invoices" })
  taxJurisdiction: TaxJurisdictionView;

  @Field(() => TaxIdView, { nullable: true, description: "the location's own GSTIN or VAT id, printed on its invoices; null if none" })
  @ApiProperty({ type: TaxIdView, nullable: true, description: "the location's own GSTIN or VAT id, printed on its invoices; null if none" })
  taxId: TaxIdView | null;

  @Field({ description: 'when it was opened' })
  @ApiProperty({ format: 'date-time', description: 'when it was opened' })
  openedAt: string;

  @Field(() => String, { nullable: true, description: 'when it was closed; null while open' })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'when it was closed; null while open' })
  closedAt: string | null;

  @Field(() => String, { nullable: true, description: 'why it closed; null while open' })
  @ApiProperty({ nullable: true, type: String, description: 'why it closed; null while open' })
  closeReason: string | null;

  @Field(() => Int, { description: "stream version: the number of events in the record's stream" })
  @ApiProperty({ type: 'integer', description: "stream version: the number of events in the record's stream" })
  version: number;
}

@ObjectType({ description: 'A page of shop locations' })
export class LocationPage {
  @Field(() => [LocationView], { description: 'this page of locations, newest first' })
  @ApiProperty({ type: [LocationView], description: 'this page of locations, newest first' })
  items: LocationView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}


@InputType({ description: "A location's own tax registration" })
export class SetLocationTaxIdInput {
  @Field(() => String, { nullable: true, description: "IN_GST: the location's GSTIN (its state's); EU_VAT: its VAT id (its country's); null removes it" })
  @ApiProperty({ type: String, nullable: true, example: '27AAPFU0939F1ZV', maxLength: 40, description: "IN_GST: the location's GSTIN (its state's); EU_VAT: its VAT id (its country's); null removes it" })
  @ValidateIf((_o, v) => v !== null) @IsString() @MaxLength(40)
  taxId: string | null;
}
