import { createTestDatabase, databaseUrl, TestDatabase } from '@workbay/eventstore/testing';
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../database/migrate';

/**
 * Set by the test run's global setup (test/support/jest-global-setup.js): templates are shared by
 * every test file of one run and dropped by its teardown. Without it, each database is migrated.
 */
export const TEST_RUN_ENV = 'WORKBAY_TEST_RUN';
/** test/support/jest-global-teardown.js drops them by this prefix. */
export const TEMPLATE_PREFIX = 'workbay_tpl_';

function maintenanceUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

const templates = new Map<string, Promise<string>>();

/**
 * A fresh database with these migrations applied, as `createTestDatabase` + `migrate` would give,
 * copied from a template migrated once per test run and migration list (CREATE DATABASE ...
 * TEMPLATE): a test file pays a file copy instead of a few hundred DDL statements.
 */
export async function createMigratedTestDatabase(prefix: string, migrations: Function[]): Promise<TestDatabase> {
  const run = process.env[TEST_RUN_ENV];
  if (!run || !/^[0-9a-z_]+$/.test(run)) {
    const db = await createTestDatabase(prefix);
    await migrate(db.url, migrations).catch(async (error) => {
      await db.drop();
      throw error;
    });
    return db;
  }
  const key = createHash('sha256').update(migrations.map((m) => m.name).join('\n')).digest('hex').slice(0, 12);
  let template = templates.get(key);
  if (!template) {
    template = ensureTemplate(`${TEMPLATE_PREFIX}${run}_${key}`, migrations);
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  return createTestDatabase(prefix, { template: await template });
}

/**
 * Built once across the run's Jest workers (an advisory lock on the maintenance database), under
 * a temporary name and renamed when complete, so a worker that died mid-migration leaves no
 * half-built template behind for the others. Connections are then refused: a template may be
 * copied only while nobody is connected to it.
 */
async function ensureTemplate(name: string, migrations: Function[]): Promise<string> {
  const admin = new Client({ connectionString: maintenanceUrl() });
  await admin.connect();
  try {
    await admin.query(`select pg_advisory_lock(hashtext($1))`, [name]);
    const { rowCount } = await admin.query(`select 1 from pg_database where datname = $1`, [name]);
    if (rowCount) return name;
    const building = `${name}_b${randomBytes(3).toString('hex')}`;
    await admin.query(`create database "${building}"`);
    try {
      await migrate(databaseUrl(building), migrations);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [building]);
      await admin.query(`alter database "${building}" rename to "${name}"`);
      await admin.query(`alter database "${name}" allow_connections false`);
    } catch (error) {
      await admin.query(`drop database if exists "${building}" with (force)`).catch(() => undefined);
      throw error;
    }
    return name;
  } finally {
    await admin.end();
  }
}
