import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * The time reservations and live holds take on each resource (reservations/occupancy projection).
 * Not what decides a booking (the consistency boundary does, in the event store): a second wall.
 * For capacity-1 resources a GiST exclusion constraint refuses two rows whose blocked ranges
 * overlap, so a bug in the boundary stops the projection loudly instead of showing a double booking.
 * Every key leads with tenant_id (unique checks ignore RLS).
 */
export class Migration0001SchedulingOccupancy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists btree_gist`);
    this.addSql(`create schema if not exists scheduling`);
    this.addSql(`grant usage on schema scheduling to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`create table scheduling.occupancies (
      tenant_id uuid not null, reservation_id uuid not null, resource_id uuid not null,
      service_id uuid not null, location_id uuid not null,
      starts_at timestamptz not null, ends_at timestamptz not null,
      blocked tstzrange not null, seats int not null, capacity int not null,
      status text not null check (status in ('held', 'reserved', 'checked_in')),
      hold_expires_at timestamptz,
      primary key (tenant_id, reservation_id, resource_id),
      constraint occupancies_no_overlap_capacity_one exclude using gist (tenant_id with =, resource_id with =, blocked with &&) where (capacity = 1))`);
    this.addSql(`create index occupancies_by_resource on scheduling.occupancies using gist (tenant_id, resource_id, blocked)`);
    for (const table of ['scheduling.occupancies']) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
