import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * Manage links of online bookings: the SHA-256 of each link's secret (32 random bytes, shown
 * once), naming one reservation. A link is looked up by its hash before the tenant is known
 * (system role), so that index is the one unique key not led by tenant_id: a 256-bit secret's
 * hash names one row and reveals nothing else. Written by the API under the tenant's RLS.
 */
export class Migration0004SchedulingOnlineBooking extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table scheduling.manage_links (
      tenant_id uuid not null, reservation_id uuid not null,
      token_hash bytea not null check (octet_length(token_hash) = 32),
      created_at timestamptz not null default now(),
      primary key (tenant_id, reservation_id, token_hash))`);
    this.addSql(`create unique index manage_links_token on scheduling.manage_links (token_hash)`);
    for (const sql of tenantTableRlsSql('scheduling.manage_links')) this.addSql(sql);
    this.addSql(`grant select, insert on scheduling.manage_links to ${APP_ROLE}`);
    this.addSql(`grant select on scheduling.manage_links to ${SYSTEM_ROLE}`);
  }
}
