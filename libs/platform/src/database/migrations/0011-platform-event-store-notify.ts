import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaSql } from '@workbay/eventstore';
import { APP_ROLE, SYSTEM_ROLE } from '../database-roles';

/**
 * `eventstore.append` now NOTIFYs `eventstore_appended` on commit (the worker LISTENs instead of
 * polling). Re-runs the idempotent event store DDL, which replaces the function in place.
 */
export class Migration0011PlatformEventStoreNotify extends Migration {
  override async up(): Promise<void> {
    for (const sql of eventStoreSchemaSql({ appRole: APP_ROLE, systemRole: SYSTEM_ROLE })) this.addSql(sql);
  }
}
