import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * The resource and service directories (resources/ and services/ projections): what availability
 * reads and what the staff and public pages list. One row per resource and per service, with
 * its schedule as the stream folds it (shared/schedule-fold.rules.ts). Keys lead with tenant_id.
 * Lists page newest first by (registered_at | defined_at, id).
 */
export class Migration0002SchedulingDirectory extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists scheduling`);
    this.addSql(`grant usage on schema scheduling to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`create table scheduling.resources (
      tenant_id uuid not null, resource_id uuid not null, location_id uuid not null,
      kind text not null, name text not null, timezone text not null, capacity int not null,
      slot_minutes int not null, buffer_before_minutes int not null, buffer_after_minutes int not null,
      weekly_hours jsonb not null, breaks jsonb not null, exceptions jsonb not null, rules jsonb not null,
      active boolean not null, registered_at timestamptz not null, version int not null, updated_at timestamptz not null,
      primary key (tenant_id, resource_id))`);
    this.addSql(`create index resources_by_location on scheduling.resources (tenant_id, location_id, kind)`);
    this.addSql(`create table scheduling.services (
      tenant_id uuid not null, service_id uuid not null, location_id uuid not null, name text not null,
      duration_minutes int not null, price_minor bigint not null, currency text not null,
      needs jsonb not null, seats_per_booking int not null, rules jsonb not null,
      bookable_online boolean not null, active boolean not null, defined_at timestamptz not null, version int not null, updated_at timestamptz not null,
      primary key (tenant_id, service_id))`);
    this.addSql(`create index services_by_location on scheduling.services (tenant_id, location_id)`);
    for (const table of ['scheduling.resources', 'scheduling.services']) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
