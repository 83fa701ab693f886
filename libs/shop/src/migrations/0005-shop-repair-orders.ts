import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * The repair-order board (read model of repair-order-board.projection.ts): orders, their lines
 * with technicians, running clocks and returns, and one row per closed clock interval for labor
 * reports (technician efficiency: clocked vs sold hours). Every key leads with tenant_id.
 */
export class Migration0005ShopRepairOrders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shop.repair_orders (
      tenant_id uuid not null, id uuid not null,
      quote_id uuid not null, customer_id uuid not null, vehicle_id uuid not null, location_id uuid,
      status text not null, currency char(3) not null,
      line_count int not null, completed_line_count int not null default 0,
      sold_hours numeric(12,2) not null, clocked_minutes numeric(14,4) not null default 0,
      returns_count int not null default 0, deferred jsonb not null,
      opened_at timestamptz not null, review_requested_at timestamptz, approved_at timestamptz,
      version int not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index repair_orders_recent on shop.repair_orders (tenant_id, opened_at desc, id desc)`);
    this.addSql(`create index repair_orders_by_status on shop.repair_orders (tenant_id, status, opened_at desc, id desc)`);
    this.addSql(`create index repair_orders_by_location on shop.repair_orders (tenant_id, location_id, opened_at desc, id desc)`);
    this.addSql(`create table shop.repair_order_lines (
      tenant_id uuid not null, repair_order_id uuid not null, line_id text not null, ordinal int not null,
      kind text not null, description text not null, quantity numeric(12,2) not null, unit_price_minor bigint not null, taxable boolean not null,
      status text not null, technician_ids uuid[] not null default '{}', running_clocks jsonb not null default '[]',
      clocked_minutes numeric(14,4) not null default 0, completed_at timestamptz,
      returns_count int not null default 0, last_return_reason text, returns jsonb not null default '[]',
      primary key (tenant_id, repair_order_id, line_id))`);
    this.addSql(`create index repair_order_lines_by_technician on shop.repair_order_lines using gin (technician_ids)`);
    this.addSql(`create table shop.repair_order_clock (
      tenant_id uuid not null, repair_order_id uuid not null, line_id text not null, technician_id uuid not null,
      started_at timestamptz not null, stopped_at timestamptz not null, minutes numeric(14,4) not null,
      primary key (tenant_id, repair_order_id, line_id, technician_id, started_at))`);
    this.addSql(`create index repair_order_clock_by_technician on shop.repair_order_clock (tenant_id, technician_id, started_at)`);
    for (const table of ['shop.repair_orders', 'shop.repair_order_lines', 'shop.repair_order_clock']) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
