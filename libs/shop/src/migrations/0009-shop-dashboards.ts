import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

const DASHBOARD_TABLES = [
  'shop.dashboard_location_timezones',
  'shop.dashboard_repair_orders',
  'shop.dashboard_repair_order_lines',
  'shop.dashboard_technician_days',
  'shop.dashboard_revenue_days',
  'shop.dashboard_invoices',
  'shop.dashboard_quotes',
] as const;

/**
 * Read models of dashboards.projection.ts, written from events only (a rebuild runs each
 * projection alone, so none reads another's tables). Every key leads with tenant_id. A missing
 * location (older quotes and repair orders) is a null location_id: the day/location keys are
 * `unique nulls not distinct` so the upserts meet the location-less row instead of adding one.
 * Money is bigint minor units; clocked time is integer milliseconds (minutes are derived).
 */
export class Migration0009ShopDashboards extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shop.dashboard_location_timezones (
      tenant_id uuid not null, location_id uuid not null, timezone text not null,
      primary key (tenant_id, location_id))`);
    this.addSql(`create table shop.dashboard_repair_orders (
      tenant_id uuid not null, repair_order_id uuid not null, location_id uuid, status text not null,
      opened_at timestamptz not null, updated_at timestamptz not null,
      primary key (tenant_id, repair_order_id))`);
    this.addSql(`create index dashboard_repair_orders_by_location on shop.dashboard_repair_orders (tenant_id, location_id, status)`);
    this.addSql(`create table shop.dashboard_repair_order_lines (
      tenant_id uuid not null, repair_order_id uuid not null, line_id text not null, location_id uuid,
      kind text not null, quantity numeric(12,2) not null,
      technician_ids jsonb not null default '[]', completed boolean not null default false,
      credited_technician_ids jsonb not null default '[]', credited_day date, credited_hours numeric,
      primary key (tenant_id, repair_order_id, line_id))`);
    this.addSql(`create index dashboard_repair_order_lines_open on shop.dashboard_repair_order_lines (tenant_id, location_id) where not completed`);
    this.addSql(`create table shop.dashboard_technician_days (
      tenant_id uuid not null, technician_id text not null, day date not null, location_id uuid,
      lines_completed int not null default 0, clocked_ms bigint not null default 0, sold_hours numeric not null default 0,
      constraint dashboard_technician_days_key unique nulls not distinct (tenant_id, technician_id, day, location_id))`);
    this.addSql(`create index dashboard_technician_days_by_day on shop.dashboard_technician_days (tenant_id, day)`);
    this.addSql(`create table shop.dashboard_revenue_days (
      tenant_id uuid not null, day date not null, location_id uuid, currency char(3) not null,
      invoice_count int not null default 0, invoiced_minor bigint not null default 0, tax_minor bigint not null default 0,
      collected_minor bigint not null default 0,
      constraint dashboard_revenue_days_key unique nulls not distinct (tenant_id, day, location_id, currency))`);
    this.addSql(`create table shop.dashboard_invoices (
      tenant_id uuid not null, invoice_id uuid not null, number text not null, location_id uuid, customer_id text not null,
      currency char(3) not null, grand_total_minor bigint not null, tax_total_minor bigint not null,
      paid_minor bigint not null default 0, issued_at timestamptz not null, issued_day date not null,
      voided boolean not null default false,
      primary key (tenant_id, invoice_id))`);
    this.addSql(`create index dashboard_invoices_outstanding on shop.dashboard_invoices (tenant_id, location_id, issued_at)
      where not voided and grand_total_minor > paid_minor`);
    this.addSql(`create table shop.dashboard_quotes (
      tenant_id uuid not null, quote_id uuid not null, location_id uuid, currency char(3) not null,
      subtotal_minor bigint not null, sent_day date, outcome text, decided_day date,
      quoted_minor bigint, approved_minor bigint,
      primary key (tenant_id, quote_id))`);
    this.addSql(`create index dashboard_quotes_by_location on shop.dashboard_quotes (tenant_id, location_id)`);
    for (const table of DASHBOARD_TABLES) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
