import { Migration } from '@mikro-orm/migrations';

/**
 * A user's home shop location (null: not tied to one). The platform cannot see shop locations,
 * so there is no foreign key: a location id that names no location simply matches no repair order.
 * The index leads with tenant_id like every other key (RLS does not cover index look-ups).
 */
export class Migration0002PlatformUserLocations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table platform.users add column location_id uuid null`);
    this.addSql(`create index users_by_location on platform.users (tenant_id, location_id)`);
  }
}
