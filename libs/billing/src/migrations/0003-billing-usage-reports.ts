import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * Finance's usage read models (usage-reports/usage-reports.projection.ts). Every key leads with
 * tenant_id (unique checks ignore RLS). `usage_facts` is the projection's own ledger: one row per
 * usage fact, so a redelivered event is recognised and counted once; the two `*_values` tables
 * keep UNIQUE_COUNT exact whatever order values arrive in; LATEST keeps its value's
 * (occurredAt, position) on the figure's row.
 */
export class Migration0003BillingUsageReports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists billing`);
    this.addSql(`grant usage on schema billing to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`create table billing.usage_facts (
      tenant_id uuid not null, fact_id text not null, event_id uuid not null, position bigint not null,
      meter text not null, aggregation text not null, period text not null, day date not null,
      dimensions jsonb not null, dimensions_key text not null, value_num numeric, value_text text,
      occurred_at timestamptz not null, adjustment_of text, applied boolean not null default false,
      primary key (tenant_id, fact_id))`);
    const figure = `dimensions jsonb not null, aggregation text not null,
      events bigint not null, adjustments bigint not null, total numeric not null, max_value numeric, unique_count bigint not null,
      latest_value numeric, latest_at timestamptz not null, latest_position bigint not null,
      first_at timestamptz not null, last_at timestamptz not null`;
    this.addSql(`create table billing.usage_by_period (
      tenant_id uuid not null, meter text not null, period text not null, dimensions_key text not null, ${figure},
      primary key (tenant_id, period, meter, dimensions_key))`);
    // The key's order is the daily list's and the CSV's: (day, meter, period, dimensions).
    this.addSql(`create table billing.usage_by_day (
      tenant_id uuid not null, day date not null, meter text not null, period text not null, dimensions_key text not null, ${figure},
      primary key (tenant_id, day, meter, period, dimensions_key))`);
    this.addSql(`create table billing.usage_period_values (
      tenant_id uuid not null, meter text not null, period text not null, dimensions_key text not null, value text not null,
      primary key (tenant_id, meter, period, dimensions_key, value))`);
    this.addSql(`create table billing.usage_day_values (
      tenant_id uuid not null, day date not null, meter text not null, period text not null, dimensions_key text not null, value text not null,
      primary key (tenant_id, day, meter, period, dimensions_key, value))`);
    for (const table of ['billing.usage_facts', 'billing.usage_by_period', 'billing.usage_by_day', 'billing.usage_period_values', 'billing.usage_day_values']) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
