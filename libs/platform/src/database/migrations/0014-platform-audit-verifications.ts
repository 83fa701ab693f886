import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '../database-roles';

/**
 * Tenant verifications run as jobs (libs/audit: `POST /audit/verifications`): a row per request,
 * written by the API under RLS, then moved by the worker (system role) from queued through running
 * (with the events checked so far and a heartbeat, so a run whose worker died is taken over) to
 * done with the report, or failed.
 */
export class Migration0014PlatformAuditVerifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table platform.audit_verifications (
      id uuid not null,
      tenant_id uuid not null references platform.tenants(id),
      requested_by text not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      events_checked bigint not null default 0,
      attempts int not null default 0,
      report jsonb,
      error text,
      requested_at timestamptz not null default now(),
      started_at timestamptz,
      heartbeat_at timestamptz,
      finished_at timestamptz,
      primary key (tenant_id, id),
      check ((status = 'done') = (report is not null)))`);
    // The sweeper's look-up of runs left behind: only unfinished rows are indexed.
    this.addSql(`create index audit_verifications_unfinished on platform.audit_verifications (coalesce(heartbeat_at, requested_at)) where status in ('queued', 'running')`);
    for (const sql of tenantTableRlsSql('platform.audit_verifications')) this.addSql(sql);
    this.addSql(`grant select, insert on platform.audit_verifications to ${APP_ROLE}`);
    this.addSql(`grant select, update on platform.audit_verifications to ${SYSTEM_ROLE}`);
  }
}
