import { Client } from 'pg';
import { eventStoreSchemaSql } from '@workbay/eventstore';

export const ROLES = { appRole: 'workbay_app', systemRole: 'workbay_system' };

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`create database "${name}"`));
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
}

/** Roles are cluster-wide (the schema grants to them); the DDL runs as the bench user, the owner. */
export async function installEventStoreSchema(url: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query(`do $$ begin create role ${ROLES.appRole} login; exception when duplicate_object then null; end $$`);
    await c.query(`do $$ begin create role ${ROLES.systemRole} login bypassrls; exception when duplicate_object then null; end $$`);
    for (const sql of eventStoreSchemaSql(ROLES)) await c.query(sql);
  });
}

export async function serverInfo(url: string): Promise<{ version: string; synchronousCommit: string; sharedBuffers: string }> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ v: string; sc: string; sb: string }>(
      `select current_setting('server_version') v, current_setting('synchronous_commit') sc, current_setting('shared_buffers') sb`,
    );
    return { version: rows[0].v, synchronousCommit: rows[0].sc, sharedBuffers: rows[0].sb };
  });
}
