/**
 * Three database roles:
 * - the owner (DATABASE_URL) runs migrations and owns every object;
 * - `workbay_app` (the API) has no BYPASSRLS, so row-level security applies to every query;
 * - `workbay_system` (worker, CLI) has BYPASSRLS for cross-tenant work: projections, verification,
 *   login look-up by e-mail before a tenant is known.
 */
export const APP_ROLE = 'workbay_app';
export const SYSTEM_ROLE = 'workbay_system';

/** Tables with tenant_id: RLS enabled AND forced (the owner is not exempt either). */
export function tenantTableRlsSql(table: string): string[] {
  const policy = `${table.replace('.', '_')}_tenant_isolation`;
  return [
    `alter table ${table} enable row level security`,
    `alter table ${table} force row level security`,
    `drop policy if exists ${policy} on ${table}`,
    `create policy ${policy} on ${table} using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`,
  ];
}

// Roles are cluster-wide while the migration lock is per database: two databases migrated at once
// (parallel test files on a fresh server) race on CREATE ROLE, and the loser sees unique_violation.
export function createRolesSql(): string[] {
  return [
    `do $$ begin create role ${APP_ROLE} login nobypassrls; exception when duplicate_object or unique_violation then null; end $$`,
    `do $$ begin create role ${SYSTEM_ROLE} login bypassrls; exception when duplicate_object or unique_violation then null; end $$`,
  ];
}
