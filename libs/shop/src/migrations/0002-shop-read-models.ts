import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/** Read models of the shop context. Every key leads with tenant_id (unique checks ignore RLS). */
export class Migration0002ShopReadModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists shop`);
    this.addSql(`create table shop.customers (
      tenant_id uuid not null, id uuid not null,
      first_name text not null, last_name text not null, email text, phone text,
      registered_at timestamptz not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index customers_by_name on shop.customers (tenant_id, registered_at desc, id desc)`);
    this.addSql(`create table shop.vehicles (
      tenant_id uuid not null, id uuid not null, customer_id uuid not null,
      vin text not null, year int not null, make text not null, model text not null, mileage int not null,
      added_at timestamptz not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index vehicles_by_customer on shop.vehicles (tenant_id, customer_id)`);
    this.addSql(`create table shop.quotes (
      tenant_id uuid not null, id uuid not null, customer_id uuid not null, vehicle_id uuid not null,
      status text not null, currency char(3) not null,
      subtotal_minor bigint not null, taxable_subtotal_minor bigint not null,
      approved_subtotal_minor bigint not null default 0, declined_subtotal_minor bigint not null default 0,
      approved_by text, decision_channel text, decline_reason text,
      created_at timestamptz not null, sent_at timestamptz, decided_at timestamptz,
      version int not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index quotes_recent on shop.quotes (tenant_id, created_at desc, id desc)`);
    this.addSql(`create index quotes_by_customer on shop.quotes (tenant_id, customer_id)`);
    this.addSql(`create table shop.quote_lines (
      tenant_id uuid not null, quote_id uuid not null, line_id text not null, ordinal int not null,
      kind text not null, description text not null, quantity numeric(12,2) not null,
      unit_price_minor bigint not null, total_minor bigint not null, taxable boolean not null,
      decision text not null default 'pending',
      primary key (tenant_id, quote_id, line_id))`);
    for (const t of ['shop.customers', 'shop.vehicles', 'shop.quotes', 'shop.quote_lines']) {
      for (const sql of tenantTableRlsSql(t)) this.addSql(sql);
    }
    this.addSql(`grant usage on schema shop to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`grant select on all tables in schema shop to ${APP_ROLE}`);
    this.addSql(`grant select, insert, update, delete on all tables in schema shop to ${SYSTEM_ROLE}`);
  }
}
