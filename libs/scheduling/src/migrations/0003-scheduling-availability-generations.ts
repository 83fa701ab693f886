import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * One counter per tenant that moves on every event changing what is free (availability/
 * availability-generations.projection.ts). The availability cache keys its entries by it, so an
 * entry of an older generation is never read again: invalidation without deleting a key.
 */
export class Migration0003SchedulingAvailabilityGenerations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table scheduling.availability_generations (
      tenant_id uuid not null primary key, generation bigint not null, updated_at timestamptz not null)`);
    for (const sql of tenantTableRlsSql('scheduling.availability_generations')) this.addSql(sql);
    this.addSql(`grant select on scheduling.availability_generations to ${APP_ROLE}`);
    this.addSql(`grant select, insert, update, delete on scheduling.availability_generations to ${SYSTEM_ROLE}`);
  }
}
