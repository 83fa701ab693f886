import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCountryCode, IsOptionalText, IsRequiredText } from '@workbay/platform';
import { BILLING_TEXT } from './customer-billing.rules';
import { TaxIdSchemeEnum } from '../shared/shop-enums';

@InputType({ description: 'A billing address for invoices' })
export class BillingAddressInput {
  @Field({ description: 'street and number' })
  @ApiProperty({ example: '12 Residency Road', description: 'street and number' })
  @IsRequiredText(BILLING_TEXT.line1)
  line1: string;

  @Field({ nullable: true, description: 'more of the address, if needed' })
  @ApiPropertyOptional({ example: 'Shanthala Nagar', description: 'more of the address, if needed' })
  @IsOptionalText(BILLING_TEXT.line2)
  line2?: string;

  @Field({ description: 'city or town' })
  @ApiProperty({ example: 'Bengaluru', description: 'city or town' })
  @IsRequiredText(BILLING_TEXT.city)
  city: string;

  @Field({ nullable: true, description: 'postal or ZIP code' })
  @ApiPropertyOptional({ example: '560025', description: 'postal or ZIP code' })
  @IsOptionalText(BILLING_TEXT.postalCode)
  postalCode?: string;

  @Field({ nullable: true, description: "India: the GST state code (required, e.g. '29' Karnataka); elsewhere the state or region code, if any (e.g. 'NY')" })
  @ApiPropertyOptional({ example: '29', pattern: '^[A-Za-z0-9]{1,3}$', description: "India: the GST state code (required, e.g. '29' Karnataka); elsewhere the state or region code, if any (e.g. 'NY')" })
  @IsOptional() @IsString() @MaxLength(3)
  regionCode?: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code in capitals' })
  @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2, an assigned code in capitals' })
  @IsCountryCode()
  country: string;
}

@InputType({ description: "A customer's billing details: both are replaced" })
export class SetCustomerBillingInput {
  @Field(() => BillingAddressInput, { nullable: true, description: 'the address invoices go to; omitted or null: none' })
  @ApiPropertyOptional({ type: BillingAddressInput, nullable: true, description: 'the address invoices go to; omitted or null: none' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => BillingAddressInput)
  billingAddress?: BillingAddressInput | null;

  @Field(() => String, { nullable: true, description: 'a business: its Indian GSTIN (format and check digit checked) or EU VAT id (VIES format per member state); omitted or null: a private customer' })
  @ApiPropertyOptional({
    type: String, nullable: true, example: '29ABCDE1234F1ZW', maxLength: 40,
    description: 'a business: its Indian GSTIN (format and check digit checked) or EU VAT id (VIES format per member state); omitted or null: a private customer',
  })
  @IsOptional() @IsString() @MaxLength(40)
  taxId?: string | null;
}

@ObjectType({ description: 'A billing address' })
export class BillingAddressView {
  @Field({ description: 'street and number' }) @ApiProperty({ description: 'street and number' })
  line1: string;

  @Field(() => String, { nullable: true, description: 'more of the address; null if none' }) @ApiProperty({ nullable: true, type: String, description: 'more of the address; null if none' })
  line2: string | null;

  @Field({ description: 'city or town' }) @ApiProperty({ description: 'city or town' })
  city: string;

  @Field(() => String, { nullable: true, description: 'postal code; null if none' }) @ApiProperty({ nullable: true, type: String, description: 'postal code; null if none' })
  postalCode: string | null;

  @Field(() => String, { nullable: true, description: 'India: GST state code; elsewhere the region code; null if none' })
  @ApiProperty({ nullable: true, type: String, description: 'India: GST state code; elsewhere the region code; null if none' })
  regionCode: string | null;

  @Field({ description: 'ISO 3166-1 alpha-2' }) @ApiProperty({ description: 'ISO 3166-1 alpha-2' })
  country: string;
}

@ObjectType({ description: 'A business tax id, as validated' })
export class TaxIdView {
  @Field(() => TaxIdSchemeEnum, { description: 'IN_GSTIN or EU_VAT' })
  @ApiProperty({ enum: TaxIdSchemeEnum, description: 'IN_GSTIN or EU_VAT' })
  scheme: string;

  @Field({ description: 'the id, upper case, without spaces' }) @ApiProperty({ example: '29ABCDE1234F1ZW', description: 'the id, upper case, without spaces' })
  value: string;

  @Field(() => String, { nullable: true, description: 'IN_GSTIN: the registered GST state (its first two digits); else null' })
  @ApiProperty({ nullable: true, type: String, description: 'IN_GSTIN: the registered GST state (its first two digits); else null' })
  stateCode: string | null;

  @Field({ description: "the country that issued it (a GSTIN 'IN'; EU VAT: the member state, Greece 'GR')" })
  @ApiProperty({ description: "the country that issued it (a GSTIN 'IN'; EU VAT: the member state, Greece 'GR')" })
  country: string;
}
