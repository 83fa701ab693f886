import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * Billing's schema; quota counting at the edge (entitlements/quota-counter.ts); and the NOTIFY
 * that drops an API process's cached entitlements of a tenant when its subscription or override
 * stream gets an event, from whichever process appended it.
 */
export class Migration0001BillingEntitlements extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists billing`);
    this.addSql(`grant usage on schema billing to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`create table billing.quota_usage (
      tenant_id uuid not null,
      meter text not null,
      period text not null,
      used bigint not null check (used >= 0),
      primary key (tenant_id, meter, period))`);
    for (const sql of tenantTableRlsSql('billing.quota_usage')) this.addSql(sql);
    // The API counts (insert/update) under the tenant's RLS; the system role reads every tenant's for reports.
    this.addSql(`grant select, insert, update on billing.quota_usage to ${APP_ROLE}`);
    this.addSql(`grant select, insert, update, delete on billing.quota_usage to ${SYSTEM_ROLE}`);
    // On the stream heads, not the events: one row per append (not per event), and AFTER so it
    // adds no row lock. The WHEN clause is evaluated without calling the function, so other
    // streams' appends pay a LIKE on the stream id. NOTIFY is delivered on commit and coalesced
    // per transaction and payload.
    this.addSql(`create or replace function billing.notify_entitlements_changed() returns trigger
      language plpgsql set search_path = pg_catalog, pg_temp as $fn$
      begin
        perform pg_notify('billing_entitlements_changed', new.tenant_id::text);
        return null;
      end
      $fn$`);
    this.addSql(`revoke all on function billing.notify_entitlements_changed() from public`);
    this.addSql(`create or replace trigger streams_billing_entitlements_changed after insert or update on eventstore.streams
      for each row when (new.stream_id like '%.billing-subscription-%' or new.stream_id like '%.billing-entitlements-%')
      execute function billing.notify_entitlements_changed()`);
  }
}
