import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '../database-roles';

/**
 * Identity changes (platform.tenants / users) and the audit events that record them: the events
 * are staged here in the same transaction as the change, then appended to the tenant's stream
 * and deleted (AuditOutbox). What a crash leaves behind, the worker's sweep appends.
 */
export class Migration0006PlatformAuditOutbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table platform.audit_outbox (
      id bigserial primary key,
      tenant_id uuid not null references platform.tenants(id),
      stream_id text not null,
      events jsonb not null,
      metadata jsonb not null,
      created_at timestamptz not null default now())`);
    this.addSql(`create index audit_outbox_tenant on platform.audit_outbox (tenant_id, id)`);
    for (const sql of tenantTableRlsSql('platform.audit_outbox')) this.addSql(sql);
    this.addSql(`grant select, insert, delete on platform.audit_outbox to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`grant usage on sequence platform.audit_outbox_id_seq to ${APP_ROLE}, ${SYSTEM_ROLE}`);
  }
}
