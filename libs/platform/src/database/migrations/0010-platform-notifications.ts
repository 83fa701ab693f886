import { Migration } from '@mikro-orm/migrations';
import { APP_ROLE, SYSTEM_ROLE, tenantTableRlsSql } from '../database-roles';

/**
 * The notification port's outbox (see libs/platform/src/notifications): a tenant's webhook
 * endpoints, the notifications staged in the caller's transaction, and every delivery attempt.
 * One notification per (tenant, caller's key), so a repeated call delivers once. The composite
 * foreign key keeps a notification from naming another tenant's endpoint, whatever the caller
 * passed. The API stages and lists under RLS; the worker (system role) delivers.
 */
export class Migration0010PlatformNotifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table platform.notification_endpoints (
      id uuid primary key,
      tenant_id uuid not null references platform.tenants(id),
      url text not null,
      secret text not null,
      created_at timestamptz not null default now(),
      unique (tenant_id, id))`);
    this.addSql(`create table platform.notifications (
      id uuid primary key,
      tenant_id uuid not null references platform.tenants(id),
      key text not null,
      channel text not null check (channel in ('email', 'webhook')),
      email text,
      endpoint_id uuid,
      template text not null,
      data jsonb not null,
      subject text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (tenant_id, key),
      foreign key (tenant_id, endpoint_id) references platform.notification_endpoints (tenant_id, id),
      check ((channel = 'email') = (email is not null) and (channel = 'webhook') = (endpoint_id is not null)))`);
    this.addSql(`create index notifications_page on platform.notifications (tenant_id, created_at desc, id desc)`);
    this.addSql(`create index notifications_pending on platform.notifications (created_at) where status = 'pending'`);
    this.addSql(`create table platform.notification_attempts (
      notification_id uuid not null references platform.notifications(id),
      tenant_id uuid not null references platform.tenants(id),
      attempt int not null,
      at timestamptz not null default now(),
      outcome text not null check (outcome in ('delivered', 'failed')),
      error text,
      primary key (notification_id, attempt))`);
    for (const table of ['platform.notification_endpoints', 'platform.notifications', 'platform.notification_attempts']) {
      for (const sql of tenantTableRlsSql(table)) this.addSql(sql);
    }
    this.addSql(`grant select, insert on platform.notification_endpoints, platform.notifications, platform.notification_attempts to ${APP_ROLE}, ${SYSTEM_ROLE}`);
    this.addSql(`grant update on platform.notifications to ${SYSTEM_ROLE}`);
  }
}
