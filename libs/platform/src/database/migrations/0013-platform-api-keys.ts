import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '../database-roles';

/**
 * Tenant API keys for machine clients (identity's `api-keys/`). A key's secret is kept only as
 * its SHA-256 (`secret_hash`); the full key is shown once, at creation. Every request a key signs
 * finds its row by id before the tenant is known (system role, the plain `api_keys_id` index:
 * not unique, since a unique key not led by the tenant would answer across tenants; ids are
 * server-made uuids). `last_used_at` is refreshed at most every few minutes, not per request.
 */
export class Migration0013PlatformApiKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table platform.api_keys (
      tenant_id uuid not null references platform.tenants(id),
      id uuid not null,
      name text not null,
      scopes text[] not null check (cardinality(scopes) > 0),
      secret_hash bytea not null check (octet_length(secret_hash) = 32),
      created_by uuid not null references platform.users(id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid references platform.users(id),
      primary key (tenant_id, id))`);
    this.addSql(`create index api_keys_id on platform.api_keys (id)`);
    this.addSql(`create index api_keys_page on platform.api_keys (tenant_id, created_at, id)`);
    for (const sql of tenantTableRlsSql('platform.api_keys')) this.addSql(sql);
    this.addSql(`grant select, insert, update on platform.api_keys to ${APP_ROLE}`);
    this.addSql(`grant select, update (last_used_at) on platform.api_keys to ${SYSTEM_ROLE}`);
  }
}
