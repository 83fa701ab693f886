import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/** Households and, on customers, their household and preferred shop locations (customer-directory.projection.ts). */
export class Migration0008ShopHouseholds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shop.households (
      tenant_id uuid not null, id uuid not null, name text not null,
      formed_at timestamptz not null, version int not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index households_recent on shop.households (tenant_id, formed_at desc, id desc)`);
    for (const sql of tenantTableRlsSql('shop.households')) this.addSql(sql);
    this.addSql(`grant select on shop.households to ${APP_ROLE}`);
    this.addSql(`grant select, insert, update, delete on shop.households to ${SYSTEM_ROLE}`);
    this.addSql(`alter table shop.customers add column household_id uuid, add column preferred_location_ids uuid[] not null default '{}'`);
    this.addSql(`create index customers_by_household on shop.customers (tenant_id, household_id) where household_id is not null`);
  }
}
