import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaSql } from '@workbay/eventstore';
import { APP_ROLE, SYSTEM_ROLE } from '../database-roles';

/**
 * `eventstore.append_many` no longer NOTIFYs inside its transaction (which took the cluster's
 * notify lock through each batch's WAL flush, so concurrent batches committed one at a time): the
 * adapter announces after commit, as for `append` (0015). Re-runs the idempotent event store DDL,
 * which replaces the function.
 */
export class Migration0017PlatformEventStoreAppendManyNotifyAfterCommit extends Migration {
  override async up(): Promise<void> {
    for (const sql of eventStoreSchemaSql({ appRole: APP_ROLE, systemRole: SYSTEM_ROLE })) this.addSql(sql);
  }
}
