import { Migration } from '@mikro-orm/migrations';

/**
 * Place of supply from records: customers' billing address and tax id, locations' own tax id, and on
 * invoices how the place of supply was found, both parties' ids, the reverse charge, and per line the HSN/SAC
 * code and the rate category. Canned jobs keep their codes inside the existing labor/parts jsonb.
 */
export class Migration0013ShopPlaceOfSupply extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table shop.customers add column billing_address jsonb, add column tax_id jsonb`);
    this.addSql(`alter table shop.locations add column tax_id jsonb`);
    this.addSql(`alter table shop.invoices add column place_of_supply_source text, add column seller_tax_id jsonb, add column buyer_tax_id jsonb,
      add column buyer_billing_address jsonb, add column reverse_charge boolean not null default false, add column tax_note text`);
    this.addSql(`alter table shop.invoice_lines add column hsn_sac text, add column tax_category text not null default 'standard'`);
  }
}
