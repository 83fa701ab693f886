import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaSql } from '@workbay/eventstore';
import { APP_ROLE, SYSTEM_ROLE } from '../database-roles';

/**
 * Brings a database created by an earlier release up to the event store schema of this one (the
 * verifier reads a tenant a few streams at a time: `read_streams`, and `stream_heads` lists
 * streams whose head is gone). The DDL is idempotent: on a fresh database it changes nothing.
 */
export class Migration0005PlatformEventStoreRefresh extends Migration {
  override async up(): Promise<void> {
    for (const sql of eventStoreSchemaSql({ appRole: APP_ROLE, systemRole: SYSTEM_ROLE })) this.addSql(sql);
  }
}
