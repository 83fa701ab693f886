import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaSql } from '@workbay/eventstore';
import { APP_ROLE, SYSTEM_ROLE } from '../database-roles';

/**
 * `eventstore.append` no longer NOTIFYs from inside its transaction: the adapter announces an
 * append once it has committed (a NOTIFY holds a cluster-wide lock through its commit's flush,
 * so notifying appends committed one at a time), and `read_stream` / `is_checkpoint_past` are
 * plpgsql (their plans cached per session instead of made on every call). Re-runs the idempotent event store DDL, which
 * replaces the functions in place. An API still on the previous release sends no notification
 * until it is replaced: the worker's slow poll picks its appends up meanwhile.
 */
export class Migration0015PlatformEventStoreNotifyAfterCommit extends Migration {
  override async up(): Promise<void> {
    for (const sql of eventStoreSchemaSql({ appRole: APP_ROLE, systemRole: SYSTEM_ROLE })) this.addSql(sql);
  }
}
