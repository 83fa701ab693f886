import { Migration } from '@mikro-orm/migrations';
import { SYSTEM_ROLE } from '../database-roles';

/**
 * State of stateful process managers (one row per process instance) and their durable timers.
 * Both are written by the worker in the same transaction as the process manager's checkpoint,
 * so a crash loses or duplicates neither. A timer row is the truth; its BullMQ delayed job only
 * the trigger. Only the worker's system role touches them (no API access, so no RLS policy
 * needed beyond FORCE: the system role bypasses it, the app role has no grant).
 */
export class Migration0009PlatformProcessTimers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table platform.process_states (
      process_name text not null,
      tenant_id uuid not null references platform.tenants(id),
      instance_id text not null,
      state jsonb not null,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      primary key (process_name, tenant_id, instance_id))`);
    this.addSql(`create table platform.timers (
      timer_id text primary key check (timer_id <> '' and position(':' in timer_id) = 0),
      process_name text not null,
      tenant_id uuid not null references platform.tenants(id),
      due_at timestamptz not null,
      command_type text not null,
      command_payload jsonb not null,
      status text not null default 'scheduled' check (status in ('scheduled', 'fired', 'cancelled')),
      correlation_id text,
      causation_id text,
      created_at timestamptz not null default now(),
      fired_at timestamptz,
      cancelled_at timestamptz,
      outcome text)`);
    this.addSql(`create index timers_due on platform.timers (due_at) where status = 'scheduled'`);
    for (const table of ['platform.process_states', 'platform.timers']) {
      this.addSql(`alter table ${table} enable row level security`);
      this.addSql(`alter table ${table} force row level security`);
      this.addSql(`grant select, insert, update on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
