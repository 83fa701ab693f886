import { migrate } from '@workbay/platform';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { ALL_MIGRATIONS } from '../../apps/cli/src/migrations';
import { Child, freePort, startNode } from './processes';

export interface BenchDatabase {
  name: string;
  ownerUrl: string;
  appUrl: string;
  systemUrl: string;
  drop(): Promise<void>;
}

/** The admin URL pointed at database `name`, optionally as another role. */
export const urlFor = (admin: string, name: string, user?: string) => {
  const url = new URL(admin);
  url.pathname = `/${name}`;
  if (user) url.username = user;
  return url.toString();
};

/** One client for one piece of admin work, always closed. */
export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The peer's one table, under the same RLS rule as our read models (FORCEd, the app role without BYPASSRLS). */
const PEER_SCHEMA = [
  `create schema if not exists bench_peer`,
  `create table bench_peer.customers (tenant_id uuid not null, id uuid not null, first_name text not null, last_name text not null,
     phone text, created_at timestamptz not null default now(), primary key (tenant_id, id))`,
  `alter table bench_peer.customers enable row level security`,
  `alter table bench_peer.customers force row level security`,
  `create policy tenant_isolation on bench_peer.customers using (tenant_id = current_setting('app.tenant_id', true)::uuid)
     with check (tenant_id = current_setting('app.tenant_id', true)::uuid)`,
  // bench:metering's peer: CloudEvents as rows, keyed (tenant, id) for dedupe, as the ceiling's table.
  `create table bench_peer.usage_events (tenant_id uuid not null, id text not null, type text not null,
     occurred_at timestamptz not null, data jsonb not null, primary key (tenant_id, id))`,
  `alter table bench_peer.usage_events enable row level security`,
  `alter table bench_peer.usage_events force row level security`,
  `create policy tenant_isolation on bench_peer.usage_events using (tenant_id = current_setting('app.tenant_id', true)::uuid)
     with check (tenant_id = current_setting('app.tenant_id', true)::uuid)`,
  `grant usage on schema bench_peer to workbay_app`,
  `grant select, insert on bench_peer.customers, bench_peer.usage_events to workbay_app`,
];

/** A fresh database `workbay_bench_http_<time>`, migrated as the API would be, plus the peer's table. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `workbay_bench_http_${Date.now()}`;
  await withClient(adminUrl, (c) => c.query(`create database "${name}"`));
  const ownerUrl = urlFor(adminUrl, name);
  const db: BenchDatabase = {
    name,
    ownerUrl,
    appUrl: urlFor(adminUrl, name, 'workbay_app'),
    systemUrl: urlFor(adminUrl, name, 'workbay_system'),
    drop: () => withClient(adminUrl, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
  await migrate(ownerUrl, ALL_MIGRATIONS);
  await withClient(ownerUrl, async (c) => {
    for (const sql of PEER_SCHEMA) await c.query(sql);
  });
  return db;
}

export interface Servers {
  anchor: string;
  peer: string;
  api: string;
  /** The API's pg query counter (bench/http/preload.ts). */
  apiQueries: string;
  startApi(): Promise<void>;
  /** Process ids of the children, by name (anchor, peer, worker, api). */
  pids(): Record<string, number | undefined>;
  /** Runs the operator CLI (`dist/apps/cli`) against this platform, e.g. `billing:override`. */
  operator(args: string[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Each subject in its own process, as deployed: the anchor, the peer, the API and the worker
 * (the API's reads wait on its projections). Configuration as production runs it (NODE_ENV
 * production, LOG_LEVEL warn), with secrets made for this run. No Stripe emulator: none of the
 * measured paths calls Stripe.
 */
export async function startServers(db: BenchDatabase, redisUrl: string): Promise<Servers> {
  const dist = (p: string) => resolve(__dirname, '../..', p);
  const secret = (prefix: string) => `${prefix}${randomBytes(24).toString('hex')}`;
  const [anchorPort, peerPort, apiPort, counterPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const platformEnv = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.ownerUrl,
    APP_DATABASE_URL: db.appUrl,
    SYSTEM_DATABASE_URL: db.systemUrl,
    REDIS_URL: redisUrl,
    BULLMQ_PREFIX: `wb-bench:${db.name}`,
    JWT_SECRET: secret(''),
    JWT_ISSUER: 'workbay',
    JWT_AUDIENCE: 'workbay-api',
    STRIPE_SECRET_KEY: secret('sk_test_'),
    STRIPE_WEBHOOK_SECRET: secret('whsec_'),
    WORKER_METRICS_PORT: '0',
    // The bench signs up and logs in from one address, and fires every request from it.
    LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
    // A production start refuses the development default (signup's verification links point here).
    PUBLIC_APP_URL: 'https://app.workbay.bench',
  };
  const children: Child[] = [];
  const start = async (name: string, args: string[], env: Record<string, string>, ready: string, flags: string[] = []) => {
    const c = await startNode(name, args, env, ready, flags);
    children.push(c);
    return c;
  };
  const anchor = `http://127.0.0.1:${anchorPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const api = `http://127.0.0.1:${apiPort}`;
  await start('anchor', [dist('bench/http/servers/anchor.js')], { PORT: String(anchorPort) }, `${anchor}/anchor`);
  await start('peer', [dist('bench/http/servers/peer.js')], { ...platformEnv, PORT: String(peerPort) }, `${peer}/ready`);
  // BENCH_WORKER_PROFILE_DIR: the worker's whole run as a .cpuprofile there (it is written when the worker stops).
  const workerProfile = process.env.BENCH_WORKER_PROFILE_DIR;
  await start('worker', [dist('apps/worker/src/main.js')], platformEnv, 'Workbay worker started', workerProfile ? ['--cpu-prof', `--cpu-prof-dir=${workerProfile}`] : []);
  const servers: Servers = {
    anchor,
    peer,
    api,
    apiQueries: `http://127.0.0.1:${counterPort}`,
    async startApi() {
      await start('api', [dist('apps/api/src/main.js')], { ...platformEnv, PORT: String(apiPort), BENCH_QUERY_COUNTER_PORT: String(counterPort) }, `${api}/health`);
    },
    pids() {
      return Object.fromEntries(children.map((c) => [c.name, c.process.pid]));
    },
    operator(args) {
      return new Promise((done, fail) => {
        execFile(process.execPath, [dist('apps/cli/src/main.js'), ...args], { env: { ...process.env, ...platformEnv } }, (error, _out, err) =>
          error ? fail(new Error(`workbay ${args.join(' ')}: ${err || error.message}`)) : done());
      });
    },
    async close() {
      for (const c of children.reverse()) await c.stop();
    },
  };
  return servers;
}
