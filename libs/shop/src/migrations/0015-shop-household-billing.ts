import { Migration } from '@mikro-orm/migrations';

/** Households' billing address and tax id (customer-directory.projection.ts). */
export class Migration0015ShopHouseholdBilling extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table shop.households add column billing_address jsonb, add column tax_id jsonb`);
  }
}
