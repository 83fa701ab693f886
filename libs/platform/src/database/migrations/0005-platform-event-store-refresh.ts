import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaSql } from '@workbay/eventstore';
import { APP_ROLE, SYSTEM_ROLE } from '../database-roles';

/**
 * Brings a database created by an earlier release up to the event store schema of this one: the
 * verifier's `read_streams` and the `stream_heads` that also lists streams whose head is gone,
 * the one-statement fast path of `append`, `append_batch` (the adapter's group commit), and the
 * streams' tenant-prefix trigger in place of their CHECK. The DDL is idempotent: on a fresh database it changes nothing.
 */
export class Migration0005PlatformEventStoreRefresh extends Migration {
  override async up(): Promise<void> {
    for (const sql of eventStoreSchemaSql({ appRole: APP_ROLE, systemRole: SYSTEM_ROLE })) this.addSql(sql);
  }
}
