/**
 * `npm run bench:metering`: usage ingestion (issue #11 item 7). CloudEvents batches of 1,000
 * posted over HTTP to the API (`POST /usage/events/batch`, `application/cloudevents-batch+json`,
 * a JWT), dedupe on, with ~5% duplicates (half inside the batch, half repeating earlier batches),
 * against the ceiling: the same rows written by a plain batched INSERT (one statement per batch,
 * `on conflict do nothing` on (tenant, id)) straight from this process. Same run, same database,
 * same concurrency, turns alternating so machine drift hits both alike. See bench/README.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Pool } from 'pg';
import { BenchClient } from '../http/client';
import { createBenchDatabase } from '../http/platform';
import { Child, freePort, startNode } from '../http/processes';

const env = process.env;
const CONFIG = {
  batches: Number(env.BENCH_BATCHES ?? 40),
  batchSize: Number(env.BENCH_BATCH_SIZE ?? 1000),
  concurrency: Number(env.BENCH_CONCURRENCY ?? 2),
  reps: Number(env.BENCH_REPS ?? 3),
  duplicateShare: 0.05,
};
const ADMIN_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RESULTS = resolve(process.cwd(), env.BENCH_RESULTS ?? 'bench/results/metering.json');
const log = (msg: string) => console.log(`[bench:metering] ${msg}`);

interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  data: Record<string, unknown>;
}

type Subject = 'ours' | 'peer' | 'ceiling';

interface Phase {
  subject: Subject;
  rep: number;
  events: number;
  unique: number;
  ms: number;
  eventsPerSecond: number;
  p50BatchMs: number;
  p99BatchMs: number;
  /** CPU spent per 1,000 events, by process: a figure other load on the machine hardly moves. `api` is the peer's process in its phase. */
  cpuMsPer1000: { api: number; postgres: number; bench: number };
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** utime + stime of a process, in ms (0 once it is gone). */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** One repetition's batches: fresh ids, 2.5% repeated inside their batch, 2.5% taken from earlier batches. */
function makeBatches(rep: number): { batches: CloudEvent[][]; unique: number } {
  const batches: CloudEvent[][] = [];
  const earlier: CloudEvent[] = [];
  let unique = 0;
  const now = Date.now();
  for (let b = 0; b < CONFIG.batches; b++) {
    const dupes = Math.round(CONFIG.batchSize * CONFIG.duplicateShare);
    const inside = Math.ceil(dupes / 2);
    const across = b === 0 ? 0 : dupes - inside;
    const fresh = CONFIG.batchSize - inside - across;
    const batch: CloudEvent[] = [];
    for (let i = 0; i < fresh; i++) {
      const e: CloudEvent = {
        specversion: '1.0', id: `r${rep}-b${b}-${i}-${randomUUID()}`, source: '/bench/pos', type: 'workbay.payments.paid',
        time: new Date(now - (i % 600) * 1000).toISOString(), data: { amountMinor: 100 + (i % 5000), currency: 'INR', invoice: `inv-${b}-${i}` },
      };
      batch.push(e);
    }
    unique += fresh;
    for (let i = 0; i < inside; i++) batch.push(batch[(i * 37) % fresh]);
    for (let i = 0; i < across; i++) batch.push(earlier[(i * 7919 + b) % earlier.length]);
    earlier.push(...batch.slice(0, fresh));
    batches.push(batch);
  }
  return { batches, unique };
}

const CEILING_SCHEMA = [
  `create schema if not exists bench_metering`,
  `create table if not exists bench_metering.usage_rows (tenant_id uuid not null, id text not null, type text not null,
     occurred_at timestamptz not null, data jsonb not null, primary key (tenant_id, id))`,
];
// The same rows, one statement per batch; duplicates dropped by the key, as ours drops them; in
// key order, as ours takes its streams, so concurrent batches sharing ids cannot deadlock.
const CEILING_INSERT = `insert into bench_metering.usage_rows (tenant_id, id, type, occurred_at, data)
  select $1::uuid, x.id, x.type, x.time, x.data from jsonb_to_recordset($2::jsonb) as x(id text, type text, time timestamptz, data jsonb)
  order by x.id
  on conflict do nothing`;

async function runConcurrently(batches: CloudEvent[][], send: (batch: CloudEvent[]) => Promise<void>): Promise<{ ms: number; latencies: number[] }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: CONFIG.concurrency }, async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const t = performance.now();
      await send(batch);
      latencies.push(performance.now() - t);
    }
  }));
  return { ms: performance.now() - started, latencies };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs: number[]) => percentile(xs, 50);

async function main(): Promise<void> {
  const workload = `${CONFIG.reps} reps x ${CONFIG.batches} batches of ${CONFIG.batchSize} CloudEvents (${CONFIG.duplicateShare * 100}% duplicates: half inside the batch, half from earlier batches), ${CONFIG.concurrency} concurrent requests, one tenant`;
  log(workload);
  const db = await createBenchDatabase(ADMIN_URL);
  const children: Child[] = [];
  const pool = new Pool({ connectionString: db.ownerUrl, max: CONFIG.concurrency });
  try {
    const [port, peerPort] = await Promise.all([freePort(), freePort()]);
    const api = `http://127.0.0.1:${port}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const secret = (prefix: string) => `${prefix}${randomBytes(24).toString('hex')}`;
    const jwtSecret = secret('');
    // As bench/http starts it: production configuration, secrets made for this run. No worker:
    // it is not on the ingestion path, and on 2 cores it would take CPU from both subjects.
    children.push(await startNode('api', [resolve(__dirname, '../..', 'apps/api/src/main.js')], {
      NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port),
      DATABASE_URL: db.ownerUrl, APP_DATABASE_URL: db.appUrl, SYSTEM_DATABASE_URL: db.systemUrl, REDIS_URL,
      BULLMQ_PREFIX: `wb-bench:${db.name}`, JWT_SECRET: jwtSecret, JWT_ISSUER: 'workbay', JWT_AUDIENCE: 'workbay-api',
      STRIPE_SECRET_KEY: secret('sk_test_'), STRIPE_WEBHOOK_SECRET: secret('whsec_'), WORKER_METRICS_PORT: '0',
      LOGIN_MAX_ATTEMPTS_PER_IP: '100000', PUBLIC_APP_URL: 'https://app.workbay.bench',
    }, `${api}/health`, env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_PROFILE_DIR}`] : []));
    // bench/http's hand-written peer (NestJS + pg, the same token check and RLS transaction), its CloudEvents route.
    children.push(await startNode('peer', [resolve(__dirname, '..', 'http/servers/peer.js')], {
      NODE_ENV: 'production', PORT: String(peerPort), APP_DATABASE_URL: db.appUrl,
      JWT_SECRET: jwtSecret, JWT_ISSUER: 'workbay', JWT_AUDIENCE: 'workbay-api',
    }, `${peerUrl}/ready`));
    const client = await BenchClient.signupAndLogin(api);
    for (const sql of CEILING_SCHEMA) await pool.query(sql);
    const ceilingTenant = randomUUID();

    const post = (base: string) => async (batch: CloudEvent[]) => {
      const res = await fetch(`${base}/usage/events/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/cloudevents-batch+json' },
        body: JSON.stringify(batch),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`POST ${base}/usage/events/batch: ${res.status} ${text.slice(0, 400)}`);
      const body = JSON.parse(text) as { rejected: number };
      if (body.rejected > 0) throw new Error(`POST ${base}/usage/events/batch rejected ${body.rejected}: ${text.slice(0, 400)}`);
    };
    const ours = post(api);
    const peer = post(peerUrl);
    const ceiling = async (batch: CloudEvent[]) => {
      await pool.query(CEILING_INSERT, [ceilingTenant, JSON.stringify(batch)]);
    };

    // Warm-up: both paths once (prepared statements, JIT), not counted.
    const warm = makeBatches(-1).batches.slice(0, 3);
    await runConcurrently(warm, ours);
    await runConcurrently(warm, peer);
    await runConcurrently(warm, ceiling);

    const pidOf: Record<Subject, number> = { ours: children[0].process.pid!, peer: children[1].process.pid!, ceiling: children[0].process.pid! };
    // Every server process of the bench database (the API's pool and ours), sampled around a phase.
    const backends = async (): Promise<number[]> =>
      (await pool.query(`select pid from pg_stat_activity where datname = $1`, [db.name])).rows.map((r) => r.pid as number);
    const cpuNow = async (subject: Subject) => {
      const pids = await backends();
      return { api: cpuMsOf(pidOf[subject]), postgres: pids.reduce((n, pid) => n + cpuMsOf(pid), 0), pids, bench: process.cpuUsage() };
    };
    const phases: Phase[] = [];
    let uniqueTotal = 0;
    for (let rep = 0; rep < CONFIG.reps; rep++) {
      const { batches, unique } = makeBatches(rep);
      uniqueTotal += unique;
      // The three take turns in a rotating order, so drift of the machine hits each alike.
      const turns: Array<[Subject, (b: CloudEvent[]) => Promise<void>]> = [['ours', ours], ['peer', peer], ['ceiling', ceiling]];
      const order = [...turns.slice(rep % 3), ...turns.slice(0, rep % 3)];
      for (const [subject, send] of order) {
        const before = await cpuNow(subject);
        const { ms, latencies } = await runConcurrently(batches, send);
        const events = batches.length * CONFIG.batchSize;
        // Backends are pooled and long-lived: the same pids before and after.
        const pgAfter = before.pids.reduce((n, pid) => n + cpuMsOf(pid), 0);
        const bench = process.cpuUsage(before.bench);
        const per1000 = (cpu: number) => Math.round((cpu / events) * 1000);
        const cpuMsPer1000 = { api: per1000(cpuMsOf(pidOf[subject]) - before.api), postgres: per1000(pgAfter - before.postgres), bench: per1000((bench.user + bench.system) / 1000) };
        phases.push({ subject, rep, events, unique, ms: Math.round(ms), eventsPerSecond: Math.round((events / ms) * 1000), p50BatchMs: Math.round(median(latencies)), p99BatchMs: Math.round(percentile(latencies, 99)), cpuMsPer1000 });
        log(`rep ${rep + 1} ${subject}: ${events} events in ${Math.round(ms)} ms = ${Math.round((events / ms) * 1000)} events/s`);
      }
    }

    // Exactly once: the tenant's store holds one UsageRecorded per unique id (the warm-up's included), and so do the peer's and the ceiling's tables.
    const warmUnique = new Set(warm.flat().map((e) => e.id)).size;
    const recorded = Number((await pool.query(`select count(*) as n from eventstore.events where tenant_id = $1 and type = 'UsageRecorded'`, [client.tenantId])).rows[0].n);
    const rows = Number((await pool.query(`select count(*) as n from bench_metering.usage_rows where tenant_id = $1`, [ceilingTenant])).rows[0].n);
    const peerRows = Number((await pool.query(`select count(*) as n from bench_peer.usage_events where tenant_id = $1`, [client.tenantId])).rows[0].n);
    const expected = uniqueTotal + warmUnique;
    if (recorded !== expected || rows !== expected || peerRows !== expected) {
      throw new Error(`exactly-once broken: expected ${expected} unique usage events, store has ${recorded}, peer table ${peerRows}, ceiling table ${rows}`);
    }

    const med = (subject: Subject) => median(phases.filter((p) => p.subject === subject).map((p) => p.eventsPerSecond));
    const ratiosOf = (a: Subject, b: Subject) => Array.from({ length: CONFIG.reps }, (_, rep) => {
      const x = phases.find((p) => p.rep === rep && p.subject === a)!;
      const y = phases.find((p) => p.rep === rep && p.subject === b)!;
      return x.eventsPerSecond / y.eventsPerSecond;
    });
    const ratios = ratiosOf('ours', 'ceiling');
    const report = {
      workload,
      config: CONFIG,
      node: process.version,
      cpus: cpus().length,
      loadavg: loadavg().map((l) => Number(l.toFixed(2))),
      at: new Date().toISOString(),
      synchronousCommit: (await pool.query(`show synchronous_commit`)).rows[0].synchronous_commit,
      subjects: {
        ours: 'POST /usage/events/batch over HTTP (JWT, CloudEvents batch): envelope and meter rules, one UsageRecorded per event in its own stream (hash-chained), appendMany = one eventstore.append_many call per batch',
        peer: 'bench/http\'s hand-written NestJS + pg peer: POST /usage/events/batch over HTTP (the same JWT check, RLS transaction), id/type/time/data checked, one INSERT ... SELECT FROM jsonb_to_recordset ... on conflict do nothing returning id, accepted/duplicate per event',
        ceiling: 'one plain INSERT ... SELECT FROM jsonb_to_recordset per batch into (tenant_id, id) primary key, on conflict do nothing, from the bench process (no HTTP)',
      },
      exactlyOnce: { uniqueIds: expected, usageRecorded: recorded, peerRows, ceilingRows: rows },
      phases,
      median: {
        oursEventsPerSecond: med('ours'), peerEventsPerSecond: med('peer'), ceilingEventsPerSecond: med('ceiling'),
        ratio: Number(median(ratios).toFixed(3)),
        oursOverPeer: Number(median(ratiosOf('ours', 'peer')).toFixed(3)),
        peerOverCeiling: Number(median(ratiosOf('peer', 'ceiling')).toFixed(3)),
      },
      goal: { eventsPerSecond: 10_000, ratio: 0.5 },
    };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    console.log('');
    console.log('| subject | events/s (median) | batch p50 ms | batch p99 ms | CPU ms / 1,000 events: API (peer) | PostgreSQL | bench client |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const subject of ['ours', 'peer', 'ceiling'] as const) {
      const ps = phases.filter((p) => p.subject === subject);
      const cpu = (k: keyof Phase['cpuMsPer1000']) => median(ps.map((p) => p.cpuMsPer1000[k]));
      console.log(`| ${subject} | ${med(subject)} | ${median(ps.map((p) => p.p50BatchMs))} | ${median(ps.map((p) => p.p99BatchMs))} | ${cpu('api')} | ${cpu('postgres')} | ${cpu('bench')} |`);
    }
    console.log(`| ratio ours/ceiling (median of per-rep ratios) | ${report.median.ratio} | | | | | |`);
    console.log(`| ratio ours/peer | ${report.median.oursOverPeer} | | | | | |`);
    console.log(`| ratio peer/ceiling | ${report.median.peerOverCeiling} | | | | | |`);
    console.log(`load average at the end: ${report.loadavg.join(', ')} on ${report.cpus} CPUs`);
    console.log(`exactly once: ${recorded} UsageRecorded, ${peerRows} peer rows, ${rows} ceiling rows for ${expected} unique ids (${CONFIG.reps * CONFIG.batches * CONFIG.batchSize} posted per subject); written ${RESULTS}`);
  } finally {
    for (const c of children.reverse()) await c.stop();
    await pool.end();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
