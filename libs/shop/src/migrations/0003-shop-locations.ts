import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * Shop locations (read model of the location directory). Every key leads with tenant_id. No
 * unique index on the name: names are kept unique by the command side (reservation streams, see
 * locations/location-name.decider.ts); an index here would only make the projection fail on a stale row.
 */
export class Migration0003ShopLocations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shop.locations (
      tenant_id uuid not null, id uuid not null,
      name text not null, status text not null,
      address_line1 text not null, address_line2 text, city text not null, region text not null,
      postal_code text not null, country char(2) not null,
      timezone text not null, tax_jurisdiction jsonb not null,
      opened_at timestamptz not null, closed_at timestamptz, close_reason text,
      version int not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index locations_recent on shop.locations (tenant_id, opened_at desc, id desc)`);
    this.addSql(`create index locations_by_status on shop.locations (tenant_id, status, opened_at desc, id desc)`);
    for (const sql of tenantTableRlsSql('shop.locations')) this.addSql(sql);
    this.addSql(`grant select on shop.locations to ${APP_ROLE}`);
    this.addSql(`grant select, insert, update, delete on shop.locations to ${SYSTEM_ROLE}`);
  }
}
