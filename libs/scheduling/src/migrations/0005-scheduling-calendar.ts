import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * Scheduling's read models for people (calendar/ projection): the day and week calendars, a
 * customer's bookings, booked minutes per resource and local day (utilisation) and the no-show
 * rate. The projection keeps its own copy of what it shows of resources, services and customers,
 * so a rebuild of it alone gives the same rows. Every key leads with tenant_id (unique checks ignore RLS).
 */
export class Migration0005SchedulingCalendar extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists scheduling`);
    this.addSql(`grant usage on schema scheduling to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`create table scheduling.calendar_resources (
      tenant_id uuid not null, resource_id uuid not null, location_id uuid not null, name text not null, kind text not null,
      timezone text not null, capacity int not null, active boolean not null, schedule jsonb not null, version int not null,
      primary key (tenant_id, resource_id))`);
    this.addSql(`create index calendar_resources_by_location on scheduling.calendar_resources (tenant_id, location_id)`);
    this.addSql(`create table scheduling.calendar_services (
      tenant_id uuid not null, service_id uuid not null, name text not null, duration_minutes int not null, version int not null,
      primary key (tenant_id, service_id))`);
    this.addSql(`create table scheduling.calendar_customers (
      tenant_id uuid not null, customer_id uuid not null, display_name text not null,
      primary key (tenant_id, customer_id))`);
    this.addSql(`create table scheduling.calendar_entries (
      tenant_id uuid not null, reservation_id uuid not null, location_id uuid not null, service_id uuid not null,
      starts_at timestamptz not null, ends_at timestamptz not null, timezone text not null, local_date date not null,
      status text not null check (status in ('held', 'reserved', 'checked_in', 'completed', 'no_show', 'cancelled', 'expired')),
      hold_expires_at timestamptz, seats int not null, channel text not null, series_id uuid,
      customer_id uuid, vehicle_id uuid, guest_name text, notes text,
      late_cancel boolean, cancelled_at timestamptz, quote_id uuid, booked_at timestamptz not null, version int not null,
      primary key (tenant_id, reservation_id))`);
    this.addSql(`create index calendar_entries_by_location on scheduling.calendar_entries (tenant_id, location_id, starts_at)`);
    this.addSql(`create index calendar_entries_by_customer on scheduling.calendar_entries (tenant_id, customer_id, starts_at, reservation_id)`);
    this.addSql(`create table scheduling.calendar_entry_resources (
      tenant_id uuid not null, reservation_id uuid not null, resource_id uuid not null, kind text not null,
      blocked_from timestamptz not null, blocked_until timestamptz not null,
      primary key (tenant_id, reservation_id, resource_id))`);
    this.addSql(`create index calendar_entry_resources_by_resource on scheduling.calendar_entry_resources (tenant_id, resource_id)`);
    this.addSql(`create table scheduling.utilisation_days (
      tenant_id uuid not null, resource_id uuid not null, day date not null, booked_minutes int not null,
      primary key (tenant_id, resource_id, day))`);
    for (const table of [
      'scheduling.calendar_resources', 'scheduling.calendar_services', 'scheduling.calendar_customers', 'scheduling.calendar_entries',
      'scheduling.calendar_entry_resources', 'scheduling.utilisation_days',
    ]) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
