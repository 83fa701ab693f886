import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '@workbay/platform';

/**
 * Approvals' read models: request detail with its gate log (request-log/), the inbox and overdue
 * gates (inbox/) and time per gate (reports/). Each projection owns its tables, so it keeps what it
 * needs from the submission itself rather than reading another's. Every key and index leads with
 * tenant_id (unique checks ignore RLS). `version` is the request stream's version last applied: a
 * redelivered event is recognised by it and changes nothing.
 */
export class Migration0003ApprovalsReadModels extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists approvals`);
    this.addSql(`grant usage on schema approvals to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`create table approvals.request_views (
      tenant_id uuid not null, id uuid not null, request_type text not null, title text not null,
      amount_minor bigint not null, currency text not null, details text, attachments jsonb not null, link jsonb,
      requester_id text not null, policy_version int not null, round int not null, status text not null,
      route jsonb not null, waiting jsonb, submitted_at timestamptz not null, last_changed_at timestamptz not null,
      closed_at timestamptz, version int not null,
      primary key (tenant_id, id))`);
    this.addSql(`create index request_views_requester on approvals.request_views (tenant_id, requester_id, submitted_at desc, id desc)`);
    this.addSql(`create table approvals.request_log (
      tenant_id uuid not null, request_id uuid not null, seq int not null, kind text not null, round int not null,
      gate_index int, gate_id text, gate_name text, actor_id text, actor_roles jsonb not null, on_behalf_of text,
      comment text, gate_complete boolean, decider jsonb, previous_decider jsonb, at timestamptz not null,
      primary key (tenant_id, request_id, seq))`);
    // One row per request; the gate columns are null while nothing waits on a decider.
    this.addSql(`create table approvals.inbox_requests (
      tenant_id uuid not null, request_id uuid not null, request_type text not null, title text not null,
      amount_minor bigint not null, currency text not null, requester_id text not null, status text not null,
      round int not null, route jsonb not null, round_deciders jsonb not null,
      gate_index int, gate_id text, gate_name text, decider_role text, decider_user text, quorum int, approvals int,
      opened_at timestamptz, due_at timestamptz, reminded_at timestamptz, escalated_at timestamptz,
      submitted_at timestamptz not null, version int not null,
      primary key (tenant_id, request_id))`);
    this.addSql(`create index inbox_requests_open on approvals.inbox_requests (tenant_id, opened_at, request_id) where gate_id is not null`);
    this.addSql(`create index inbox_requests_due on approvals.inbox_requests (tenant_id, due_at, request_id) where gate_id is not null and due_at is not null`);
    this.addSql(`create table approvals.inbox_delegations (
      tenant_id uuid not null, delegation_id text not null, from_user_id text not null, to_user_id text not null,
      starts_at timestamptz not null, ends_at timestamptz not null, revoked_at timestamptz,
      primary key (tenant_id, delegation_id))`);
    this.addSql(`create index inbox_delegations_to on approvals.inbox_delegations (tenant_id, to_user_id, ends_at)`);
    this.addSql(`create table approvals.gate_time_requests (
      tenant_id uuid not null, request_id uuid not null, request_type text not null, primary key (tenant_id, request_id))`);
    // One row per gate opening (a resubmission's new round opens gates again); seconds once decided.
    this.addSql(`create table approvals.gate_times (
      tenant_id uuid not null, request_id uuid not null, round int not null, gate_index int not null,
      request_type text not null, gate_id text not null, opened_at timestamptz not null,
      decided_at timestamptz, outcome text, seconds double precision,
      primary key (tenant_id, request_id, round, gate_index))`);
    this.addSql(`create index gate_times_decided on approvals.gate_times (tenant_id, request_type, gate_id, decided_at) where decided_at is not null`);
    const tables = ['approvals.request_views', 'approvals.request_log', 'approvals.inbox_requests', 'approvals.inbox_delegations',
      'approvals.gate_time_requests', 'approvals.gate_times'];
    for (const table of tables) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
      this.addSql(`grant select on ${table} to ${APP_ROLE}`);
      this.addSql(`grant select, insert, update, delete on ${table} to ${SYSTEM_ROLE}`);
    }
  }
}
