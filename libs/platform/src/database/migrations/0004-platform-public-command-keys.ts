import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '../database-roles';

/**
 * Idempotency-Key of the commands anyone may call (signup, accepting an invitation): there is
 * no tenant to scope the key by when the request arrives, so the scope is what the request is
 * about (the e-mail signing up, the invitation), and the row is written in the same transaction
 * as the tenant or user it records. It belongs to that tenant (RLS as everywhere); a repeat is
 * looked up through the system role, before anyone knows the tenant.
 */
export class Migration0004PlatformPublicCommandKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table platform.public_command_keys (
      operation text not null,
      scope text not null,
      key text not null,
      request_hash text not null,
      tenant_id uuid not null references platform.tenants(id),
      user_id uuid not null references platform.users(id),
      created_at timestamptz not null default now(),
      primary key (operation, scope, key))`);
    this.addSql(`create index public_command_keys_tenant on platform.public_command_keys (tenant_id)`);
    for (const sql of tenantTableRlsSql('platform.public_command_keys')) this.addSql(sql);
    this.addSql(`grant select, insert on platform.public_command_keys to ${APP_ROLE}, ${SYSTEM_ROLE}`);
  }
}
