import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsRequiredText } from '@workbay/platform';
import { CustomerView } from '../customers/customer.dto';
import { BillingAddressView, SetCustomerBillingInput, TaxIdView } from '../customers/customer-billing.dto';
import { HOUSEHOLD_NAME } from './household.decider';

@InputType({ description: 'A household name' })
export class FormHouseholdInput {
  @Field({ description: 'what the shop calls the household' })
  @ApiProperty({ example: 'Rao family', description: 'what the shop calls the household' })
  @IsRequiredText(HOUSEHOLD_NAME)
  name: string;
}

/** The customer's billing input, field for field (the same validation): a household is billed as one customer is. */
@InputType({ description: "A household's billing details, for members with none of their own: both are replaced" })
export class SetHouseholdBillingInput extends SetCustomerBillingInput {}

@ObjectType({ description: 'A household: customers grouped together, with their vehicles' })
export class HouseholdView {
  @Field(() => ID, { description: 'the household' })
  @ApiProperty({ format: 'uuid', description: 'the household' })
  id: string;

  @Field({ description: 'what the shop calls the household' })
  @ApiProperty({ description: 'what the shop calls the household' })
  name: string;

  @Field({ description: 'when the household was formed' })
  @ApiProperty({ format: 'date-time', description: 'when the household was formed' })
  formedAt: string;

  @Field(() => BillingAddressView, { nullable: true, description: 'the address invoices to members without billing details of their own go to; null if none' })
  @ApiProperty({ type: BillingAddressView, nullable: true, description: 'the address invoices to members without billing details of their own go to; null if none' })
  billingAddress: BillingAddressView | null;

  @Field(() => TaxIdView, { nullable: true, description: "a business household's GSTIN or EU VAT id; null: private" })
  @ApiProperty({ type: TaxIdView, nullable: true, description: "a business household's GSTIN or EU VAT id; null: private" })
  taxId: TaxIdView | null;

  @Field(() => [CustomerView], { description: 'members with their vehicles, in the order they were registered' })
  @ApiProperty({ type: [CustomerView], description: 'members with their vehicles, in the order they were registered' })
  members: CustomerView[];
}

@ObjectType({ description: 'A page of households' })
export class HouseholdPage {
  @Field(() => [HouseholdView], { description: 'this page of households, newest first' })
  @ApiProperty({ type: [HouseholdView], description: 'this page of households, newest first' })
  items: HouseholdView[];

  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null on the last page' })
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after` for the next page; null on the last page' })
  nextCursor: string | null;
}
