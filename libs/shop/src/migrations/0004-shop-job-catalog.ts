import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * The job catalog (read model of job-catalog.projection.ts). Labor operations and parts live as
 * jsonb on the job: they are always read and replaced with it, never queried alone. Every key
 * leads with tenant_id. No unique index on name or code: the command side does not promise
 * uniqueness, and an index here would only make the projection fail.
 */
export class Migration0004ShopJobCatalog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table shop.canned_jobs (
      tenant_id uuid not null, id uuid not null,
      name text not null, description text not null, category text, code text,
      status text not null, currency char(3) not null,
      labor jsonb not null, parts jsonb not null,
      labor_total_minor bigint not null, parts_total_minor bigint not null,
      total_minor bigint not null, taxable_total_minor bigint not null, labor_hours numeric(12,2) not null,
      revision int not null, defined_at timestamptz not null, revised_at timestamptz,
      retired_at timestamptz, retire_reason text,
      version int not null, updated_at timestamptz not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index canned_jobs_recent on shop.canned_jobs (tenant_id, defined_at desc, id desc)`);
    this.addSql(`create index canned_jobs_by_status on shop.canned_jobs (tenant_id, status, defined_at desc, id desc)`);
    for (const sql of tenantTableRlsSql('shop.canned_jobs')) this.addSql(sql);
    this.addSql(`grant select on shop.canned_jobs to ${APP_ROLE}`);
    this.addSql(`grant select, insert, update, delete on shop.canned_jobs to ${SYSTEM_ROLE}`);
  }
}
