import { Migration } from '@mikro-orm/migrations';

/**
 * Households' billing address and tax id (customer-directory.projection.ts), and on invoices whose
 * billing details the buyer's are: the customer's own, or their household's (with its id).
 */
export class Migration0015ShopHouseholdBilling extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table shop.households add column billing_address jsonb, add column tax_id jsonb`);
    this.addSql(`alter table shop.invoices add column recipient_source text, add column recipient_household_id uuid`);
  }
}
