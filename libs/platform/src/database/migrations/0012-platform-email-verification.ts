import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '../database-roles';

/**
 * Signup verifies its owner's e-mail (libs/platform/src/auth/email-verification.ts).
 * `tenants.email_verification_due` is when the grace ends (null: the shop predates verification,
 * or never needed it) and `email_verified_at` when the link was followed. A token is kept only as
 * its SHA-256 (a 256-bit random token needs no slow hash), with its expiry; `used_at` makes it
 * single-use and `superseded_at` retires it when a newer one is sent. The public verify route
 * finds a token before it knows the tenant (system role, the `token_hash` index), then changes it
 * under the tenant's RLS; the unique key leads with the tenant like every other.
 */
export class Migration0012PlatformEmailVerification extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table platform.tenants add column email_verification_due timestamptz, add column email_verified_at timestamptz`);
    this.addSql(`create table platform.email_verifications (
      id uuid primary key,
      tenant_id uuid not null references platform.tenants(id),
      user_id uuid not null references platform.users(id),
      email text not null,
      token_hash text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      superseded_at timestamptz,
      unique (tenant_id, token_hash))`);
    this.addSql(`create index email_verifications_token on platform.email_verifications (token_hash)`);
    this.addSql(`create index email_verifications_open on platform.email_verifications (tenant_id) where used_at is null and superseded_at is null`);
    for (const sql of tenantTableRlsSql('platform.email_verifications')) this.addSql(sql);
    this.addSql(`grant select, insert, update on platform.email_verifications to ${APP_ROLE}, ${SYSTEM_ROLE}`);
  }
}
