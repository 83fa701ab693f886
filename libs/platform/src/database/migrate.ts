import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ormOptions } from './orm-options';

/** Creates the database when missing (connecting to the server's `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Applies pending migrations as the owner. Safe to run on every start (it is what `npm start` does). */
export async function migrate(ownerUrl: string, migrations: Function[], log: (m: string) => void = () => undefined): Promise<string[]> {
  await ensureDatabase(ownerUrl);
  // Two processes starting at once must not both apply a migration: a session lock on a side connection.
  const lock = new Client({ connectionString: ownerUrl });
  await lock.connect();
  await lock.query('select pg_advisory_lock(7262021)');
  const orm = await MikroORM.init(ormOptions({ clientUrl: ownerUrl, entities: [], migrations, poolMax: 2 }));
  try {
    const applied = await orm.getMigrator().up();
    for (const m of applied) log(`applied migration ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
    await lock.query('select pg_advisory_unlock(7262021)').catch(() => undefined);
    await lock.end();
  }
}
