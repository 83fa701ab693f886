/**
 * `node dist/bench/http/pg-statements.js`: PostgreSQL's side of a request, without the API. Each
 * statement a request sends is run alone, as the API sends it (app role, same protocol), from
 * 16 clients for a few seconds on a fresh database, so its cost on the server can be told from
 * the API's. Also what `track_functions` says each plpgsql/SQL function costs per call.
 * `PGS_DURATION` (s per statement, default 3), `PGS_CLIENTS` (16), `BENCH_DATABASE_URL` (admin).
 */
import { migrate } from '@workbay/platform';
import { PostgresEventStore, streamIdFor } from '@workbay/eventstore';
import { appendFunctionSql } from '../../libs/eventstore/src/postgres/sql-append';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ALL_MIGRATIONS } from '../../apps/cli/src/migrations';
import { urlFor as urlForDatabase, withClient } from './platform';

const env = process.env;
const DURATION_MS = Number(env.PGS_DURATION ?? 3) * 1000;
const CLIENTS = Number(env.PGS_CLIENTS ?? 16);
const ADMIN_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const urlFor = (name: string, user?: string) => urlForDatabase(ADMIN_URL, name, user);
const admin = withClient;

/** Calls `op` from CLIENTS concurrent loops for DURATION_MS; answers calls per second. */
async function rate(op: (i: number) => Promise<unknown>): Promise<number> {
  const end = Date.now() + DURATION_MS;
  let n = 0;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < end) await op(n++);
  }));
  return n / (DURATION_MS / 1000);
}

async function main(): Promise<void> {
  const name = `workbay_bench_pgs_${Date.now()}`;
  await admin(ADMIN_URL, (c) => c.query(`create database "${name}"`));
  const owner = urlFor(name);
  const pool = new Pool({ connectionString: urlFor(name, 'workbay_app'), max: CLIENTS });
  // The database is dropped WITH (FORCE) at the end: an idle client's termination is expected.
  pool.on('error', () => undefined);
  const store = new PostgresEventStore(pool);
  try {
    await migrate(owner, ALL_MIGRATIONS);
    const tenantId = randomUUID();
    const userId = randomUUID();
    await admin(owner, async (c) => {
      await c.query(`alter database "${name}" set track_functions = 'all'`);
      await c.query(`insert into platform.tenants (id, name, country, currency, plan) values ($1, 'Bench', 'IN', 'INR', 'starter')`, [tenantId]);
      await c.query(`insert into platform.users (id, tenant_id, email, display_name, roles, status) values ($1, $2, 'o@example.com', 'O', '{owner}', 'active')`, [userId, tenantId]);
    });
    const lit = (s: string) => `'${s}'`;
    const accessBatch = `select set_config('app.tenant_id', ${lit(tenantId)}, true);\nselect roles, status from platform.users where id = ${lit(userId)}`;
    const fiveEvents = streamIdFor(tenantId, 'quote', randomUUID());
    await store.append(tenantId, fiveEvents, Array.from({ length: 5 }, (_, i) => ({ type: 'QuoteLineAdded', data: { lineId: randomUUID(), i, description: 'Brake pads', priceMinor: 450000 } })), { expectedVersion: 0, metadata: { actor: 'bench' } });
    const existing = Array.from({ length: CLIENTS }, () => streamIdFor(tenantId, 'customer', randomUUID()));
    for (const s of existing) await store.append(tenantId, s, [{ type: 'CustomerRegistered', data: { n: 0 } }], { expectedVersion: 0, metadata: { actor: 'bench' } });
    const versions = existing.map(() => 1);
    const customer = (i: number) => ({ type: 'CustomerRegistered', data: { customerId: randomUUID(), firstName: 'Asha', lastName: 'Rao', email: null, phone: '+91 98450 12345', registeredAt: new Date().toISOString(), actor: userId, i } });
    const metadata = { actor: userId, correlationId: randomUUID() };

    const cases: Array<[string, (i: number) => Promise<unknown>]> = [
      ['select 1 (a round trip, nothing else)', () => pool.query('select 1')],
      ['peer insert: begin; set_config; insert; commit (4 round trips)', async () => {
        const c = await pool.connect();
        try {
          await c.query('begin');
          await c.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
          await c.query(`insert into bench_pgs.customers (tenant_id, id, first_name) values ($1, $2, 'Asha')`, [tenantId, randomUUID()]);
          await c.query('commit');
        } finally {
          c.release();
        }
      }],
      ['access re-check (simple protocol: set_config; select users)', () => pool.query(accessBatch)],
      ['read_stream of an empty stream', () => store.readStream(tenantId, streamIdFor(tenantId, 'customer', randomUUID()))],
      ['read_stream of a 5-event stream', () => store.readStream(tenantId, fiveEvents)],
      ['append: a new stream (expected 0), group commit', (i) => store.append(tenantId, streamIdFor(tenantId, 'customer', randomUUID()), [customer(i)], { expectedVersion: 0, metadata })],
      ['append: a new stream with an idempotency key', (i) => store.append(tenantId, streamIdFor(tenantId, 'customer', randomUUID()), [customer(i)], { expectedVersion: 0, idempotencyKey: `customer:${i}:${randomUUID()}`, metadata })],
      ['append: existing stream (fast path), group commit', async (i) => {
        const k = i % existing.length;
        const v = versions[k];
        versions[k] = -1; // one in flight per stream
        if (v < 0) return;
        const r = await store.append(tenantId, existing[k], [customer(i)], { expectedVersion: v, metadata });
        versions[k] = r.streamVersion;
      }],
    ];
    await admin(owner, async (c) => {
      for (const sql of [
        `create schema bench_pgs`,
        `create table bench_pgs.customers (tenant_id uuid not null, id uuid not null, first_name text not null, primary key (tenant_id, id))`,
        `alter table bench_pgs.customers enable row level security`,
        `alter table bench_pgs.customers force row level security`,
        `create policy t on bench_pgs.customers using (tenant_id = current_setting('app.tenant_id', true)::uuid)`,
        `grant usage on schema bench_pgs to workbay_app`,
        `grant select, insert on bench_pgs.customers to workbay_app`,
      ]) await c.query(sql);
    });
    // New connections pick up the database's track_functions.
    await pool.query('select 1');
    console.log(`[pg-statements] ${CLIENTS} clients, ${DURATION_MS / 1000} s per statement, database ${name}`);
    for (const [label, op] of cases) {
      await rate(op); // warm-up: plans cached, pool filled
      const perSecond = await rate(op);
      console.log(`  ${perSecond.toFixed(0).padStart(7)} /s  ${label}`);
    }
    if (env.PGS_COMPARE_NOTIFY === '1') {
      // What a NOTIFY inside the append's transaction costs (the function before migration 0015):
      // the same appends with and without it, alternately (PGS_ROUNDS). The adapter's own
      // notification, after the commit, is sent in both.
      const current = appendFunctionSql();
      const notifying = current
        .replace('        stream_version := p_expected + 1;', `        perform pg_notify('eventstore_appended', v_pos::text);\n        stream_version := p_expected + 1;`)
        .replace('    return query select v_version + v_n, v_pos,', `    perform pg_notify('eventstore_appended', v_pos::text);\n    return query select v_version + v_n, v_pos,`);
      if (notifying.split('pg_notify').length !== 3) throw new Error('the append function changed: update the NOTIFY experiment');
      // Short slices, alternated many times: other load on the machine changes faster than a long run.
      const totals = new Map<string, number[]>();
      const rounds = Number(env.PGS_ROUNDS ?? 4);
      for (let round = 1; round <= rounds; round++) {
        for (const [label, op] of cases.filter(([l]) => l.startsWith('append'))) {
          for (const [variant, sql] of round % 2 ? [['NOTIFY inside', notifying], ['no NOTIFY inside (as now)', current]] : [['no NOTIFY inside (as now)', current], ['NOTIFY inside', notifying]]) {
            await admin(owner, (c) => c.query(sql));
            const key = `${label} (${variant})`;
            totals.set(key, [...(totals.get(key) ?? []), await rate(op)]);
          }
        }
      }
      for (const [key, rates] of totals) {
        const sorted = [...rates].sort((a, b) => a - b);
        console.log(`  ${sorted[Math.floor(sorted.length / 2)].toFixed(0).padStart(7)} /s median  ${key}: ${rates.map((r) => r.toFixed(0)).join(', ')}`);
      }
    }
    const fns = await admin(owner, async (c) => {
      await c.query('select pg_sleep(0.6)'); // stats reach the collector on a timer
      return (await c.query(`select schemaname || '.' || funcname as fn, calls, round((total_time / nullif(calls, 0))::numeric * 1000, 1) as total_us,
          round((self_time / nullif(calls, 0))::numeric * 1000, 1) as self_us from pg_stat_user_functions order by total_time desc`)).rows;
    });
    console.log('  functions (track_functions = all; time per call inside PostgreSQL, commit not included):');
    for (const f of fns) console.log(`    ${String(f.fn).padEnd(32)} ${String(f.calls).padStart(8)} calls  ${String(f.total_us).padStart(7)} us total  ${String(f.self_us).padStart(7)} us self`);
    console.log(`  group commit: ${JSON.stringify(store.groupCommitStats)}`);
  } finally {
    await store.close();
    await pool.end();
    await admin(ADMIN_URL, (c) => c.query(`drop database if exists "${name}" with (force)`));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
