import { Migration } from '@mikro-orm/migrations';
import { SYSTEM_ROLE } from '../database-roles';

/**
 * Stripe Connect: the tenant's connected account, and the webhook inbox.
 * `stripe_account_id` is unique across tenants (one account pays out to one shop) without a
 * leading tenant_id: its values come from Stripe, never from a client, so a conflict on it
 * reveals nothing another tenant typed.
 * The inbox is written only by the webhook intake through the system role (an event is stored
 * before its tenant is known, or for no tenant at all), so it has no RLS and no app-role grant.
 */
export class Migration0003PlatformStripe extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table platform.tenants add column stripe_account_id text unique`);
    this.addSql(`create table platform.stripe_webhook_events (
      event_id text primary key,
      type text not null,
      account text,
      tenant_id uuid references platform.tenants(id),
      received_at timestamptz not null default now(),
      processed_at timestamptz,
      attempts int not null default 0,
      last_error text,
      payload jsonb not null)`);
    this.addSql(`create index stripe_webhook_events_unprocessed on platform.stripe_webhook_events (received_at) where processed_at is null`);
    this.addSql(`grant select, insert, update on platform.stripe_webhook_events to ${SYSTEM_ROLE}`);
  }
}
