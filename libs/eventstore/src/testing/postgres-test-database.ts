import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { eventStoreSchemaSql, EventStoreSchemaOptions } from '../postgres/schema';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export const DEFAULT_TEST_ROLES: EventStoreSchemaOptions = { appRole: 'workbay_app', systemRole: 'workbay_system' };

function maintenanceUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Same server and credentials as the maintenance URL, another database. */
export function databaseUrl(name: string, base = maintenanceUrl()): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database per test file (per Jest worker and run), created through the
 * maintenance database, which itself never gets tables; or a copy of `template`.
 */
export async function createTestDatabase(prefix: string, options: { template?: string } = {}): Promise<TestDatabase> {
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 24);
  const worker = process.env.JEST_WORKER_ID ?? '0';
  const name = `workbay_test_${safePrefix}_${worker}_${randomBytes(5).toString('hex')}`;
  const template = options.template === undefined ? '' : ` template "${options.template.replace(/"/g, '""')}"`;
  await withClient(maintenanceUrl(), (c) => c.query(`create database "${name}"${template}`));
  let dropped = false;
  return {
    url: databaseUrl(name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withClient(maintenanceUrl(), (c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/** Roles are cluster-wide and may be created by parallel workers at the same moment. */
export function createRolesSql(roles: EventStoreSchemaOptions = DEFAULT_TEST_ROLES): string[] {
  const create = (name: string, bypass: boolean) =>
    `do $$ begin create role ${name} login ${bypass ? 'bypassrls' : 'nobypassrls'}; ` +
    `exception when duplicate_object or unique_violation then null; end $$`;
  return [create(roles.appRole, false), create(roles.systemRole, true)];
}

/** Creates the roles if missing and runs the event store DDL as the URL's user (the owner). */
export async function installEventStoreSchema(url: string, roles: EventStoreSchemaOptions = DEFAULT_TEST_ROLES): Promise<void> {
  await withClient(url, async (c) => {
    for (const sql of createRolesSql(roles)) await c.query(sql);
    await c.query('begin');
    try {
      for (const sql of eventStoreSchemaSql(roles)) await c.query(sql);
      await c.query('commit');
    } catch (error) {
      await c.query('rollback');
      throw error;
    }
  });
}
