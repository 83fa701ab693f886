import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaSql } from '@workbay/eventstore';
import { APP_ROLE, SYSTEM_ROLE } from '../database-roles';

/**
 * `eventstore.append_many` (EventStore.appendMany: many appends of one tenant in one set-based
 * call, answered per item), which usage ingestion needs for its throughput. Re-runs the
 * idempotent event store DDL, which adds the function and its grants.
 */
export class Migration0016PlatformEventStoreAppendMany extends Migration {
  override async up(): Promise<void> {
    for (const sql of eventStoreSchemaSql({ appRole: APP_ROLE, systemRole: SYSTEM_ROLE })) this.addSql(sql);
  }
}
