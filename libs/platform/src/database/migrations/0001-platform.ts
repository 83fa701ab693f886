import { Migration } from '@mikro-orm/migrations';
import { eventStoreSchemaSql } from '@workbay/eventstore';
import { APP_ROLE, SYSTEM_ROLE, createRolesSql, tenantTableRlsSql } from '../database-roles';

export class Migration0001Platform extends Migration {
  override async up(): Promise<void> {
    for (const sql of createRolesSql()) this.addSql(sql);
    for (const sql of eventStoreSchemaSql({ appRole: APP_ROLE, systemRole: SYSTEM_ROLE })) this.addSql(sql);
    this.addSql(`create schema if not exists platform`);
    this.addSql(`create table platform.tenants (
      id uuid primary key,
      tenant_id uuid generated always as (id) stored,
      name text not null,
      country char(2) not null,
      currency char(3) not null,
      plan text not null,
      status text not null default 'active',
      created_at timestamptz not null default now())`);
    this.addSql(`create table platform.users (
      id uuid primary key,
      tenant_id uuid not null references platform.tenants(id),
      email text not null,
      display_name text not null,
      password_hash text,
      roles text[] not null,
      status text not null,
      invite_token_hash text,
      created_at timestamptz not null default now(),
      unique (tenant_id, email))`);
    this.addSql(`create index users_email on platform.users (email)`);
    this.addSql(`create table platform.idempotency_keys (
      tenant_id uuid not null,
      key text not null,
      request_hash text not null,
      status text not null,
      response_status int,
      response_body jsonb,
      created_at timestamptz not null default now(),
      primary key (tenant_id, key))`);
    this.addSql(`create table platform.projection_checkpoints (
      name text primary key,
      checkpoint text,
      position bigint not null default 0,
      updated_at timestamptz not null default now())`);
    for (const t of ['platform.tenants', 'platform.users', 'platform.idempotency_keys']) {
      for (const sql of tenantTableRlsSql(t)) this.addSql(sql);
    }
    this.addSql(`grant usage on schema platform to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`grant select, insert, update, delete on all tables in schema platform to ${APP_ROLE}, ${SYSTEM_ROLE}`);
  }
}
