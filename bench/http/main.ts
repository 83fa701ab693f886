/**
 * `npm run bench:http`: request cost of Workbay's API against a bare NestJS route (the anchor)
 * and a hand-written NestJS + pg peer, back to back in one run, each server in its own process
 * on one fresh database. See bench/README.md ("HTTP benchmark").
 */
import Redis from 'ioredis';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchClient } from './client';
import { load, LoadResult } from './load';
import { BenchPath, Fixtures, PATHS } from './paths';
import { createBenchDatabase, startServers, Servers } from './platform';
import { printSummary, summarise } from './profile-summary';
import { buildReport, printTable, writeJson } from './report';
import { countRoundTrips } from './round-trips';
import { cpuPerRequest, cpuSnapshot } from './cpu';

const env = process.env;
const CONFIG = {
  connections: Number(env.BENCH_CONNECTIONS ?? 16),
  duration: Number(env.BENCH_DURATION ?? 10),
  reps: Number(env.BENCH_REPS ?? 2),
  warmup: Number(env.BENCH_WARMUP ?? 2),
  /** Comma-separated path ids (see paths.ts); the anchor, and the peer paths they compare with, always run. */
  paths: env.BENCH_PATHS ? env.BENCH_PATHS.split(',').map((s) => s.trim()) : null,
  /** Profile the API during the load (V8's sampling profiler, as `--cpu-prof`) and summarise it (writes http-profile.json, not http.json). */
  profile: env.BENCH_PROFILE === '1',
};
const ADMIN_URL = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RESULTS = resolve(process.cwd(), env.BENCH_RESULTS ?? (CONFIG.profile ? 'bench/results/http-profile.json' : 'bench/results/http.json'));

const log = (msg: string) => console.log(`[bench:http] ${msg}`);

function selected(): BenchPath[] {
  if (!CONFIG.paths) return PATHS;
  const unknown = CONFIG.paths.filter((id) => !PATHS.some((p) => p.id === id));
  if (unknown.length) throw new Error(`BENCH_PATHS: unknown ${unknown.join(', ')}; known: ${PATHS.map((p) => p.id).join(', ')}`);
  const wanted = new Set(['anchor', ...CONFIG.paths]);
  for (const p of PATHS) if (wanted.has(p.id) && p.peer) wanted.add(p.peer);
  return PATHS.filter((p) => wanted.has(p.id));
}

/** A bench of errors is worthless: any non-2xx, socket error or timeout stops the run, saying why. */
function assertClean(path: BenchPath, r: LoadResult, warmup = false): void {
  if (r.non2xx === 0 && r.errors === 0 && (warmup || r.requests > 0)) return;
  throw new Error(`${path.id} (${path.request}): ${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors/timeouts; status codes ${JSON.stringify(r.statusCodes)}; first bad answer ${r.firstBad ?? 'none'}`);
}

/** ApproveQuote needs a sent quote per request: what a command path did, with a margin. */
async function topUpQuotes(client: BenchClient, f: Fixtures, owner: { customerId: string; vehicleId: string }, commandRps: number, seconds: number) {
  // ApproveQuote can outrun RegisterCustomer (whose projection competes for the cores), most on a loaded box: twice its rate, at least 40/s.
  const need = Math.ceil(Math.max(commandRps * 2, 40) * seconds) + 50;
  if (f.freshQuotes.length >= need) return;
  const started = Date.now();
  const { ids } = await client.sentQuotes(need - f.freshQuotes.length, owner);
  f.freshQuotes.push(...ids);
  log(`seeded ${ids.length} sent quotes for approve_quote in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function dropQueues(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const paths = selected();
  const workload = `${CONFIG.connections} connections, ${CONFIG.duration} s x ${CONFIG.reps} repetitions (warm-up ${CONFIG.warmup} s per path), one tenant; paths in order: ${paths.map((p) => p.id).join(', ')}`;
  log(workload);
  const db = await createBenchDatabase(ADMIN_URL);
  log(`database ${db.name} migrated`);
  let servers: Servers | undefined;
  try {
    servers = await startServers(db, REDIS_URL);
    await servers.startApi();
    const urls = { anchor: servers.anchor, peer: servers.peer, api: servers.api };

    const client = await BenchClient.signupAndLogin(servers.api);
    // A run registers tens of thousands of customers and opens as many tickets: past any plan's
    // hard quota (a 429 would stop the bench), so an operator lifts them for the bench tenant.
    await servers.operator(['billing:override', '--tenant', client.tenantId, '--quota', 'customers_created=100000000', '--quota', 'tickets_created=100000000']);
    const owner = await client.customerWithVehicle();
    const seeded = await client.sentQuotes(30, owner); // more than one list page
    await client.get(`/quotes/${seeded.ids[0]}`, seeded.position); // in the read model before anything reads it
    const fixtures: Fixtures = { headers: client.headers, quoteId: seeded.ids[0], freshQuotes: [] };
    log(`tenant ${client.tenantId} signed up and logged in; 30 sent quotes in the read model`);

    const runs = new Map<string, LoadResult[]>(paths.map((p) => [p.id, []]));
    const cpuRuns = new Map<string, Record<string, number>[]>(paths.map((p) => [p.id, []]));
    if (CONFIG.profile) await fetch(`${servers.apiQueries}/profile/start`);
    for (let rep = 0; rep < CONFIG.reps; rep++) {
      for (const path of paths) {
        if (path.id === 'approve_quote') {
          const command = runs.get('register_customer')?.[rep]?.rps ?? 0;
          await topUpQuotes(client, fixtures, owner, command, CONFIG.duration + (rep === 0 ? CONFIG.warmup : 0));
        }
        const url = urls[path.server];
        if (rep === 0 && CONFIG.warmup > 0) assertClean(path, await load(url, path.requests(fixtures), CONFIG.connections, CONFIG.warmup), true);
        const before = await cpuSnapshot(servers.pids(), ADMIN_URL, db.name);
        const r = await load(url, path.requests(fixtures), CONFIG.connections, CONFIG.duration);
        const cpu = cpuPerRequest(before, await cpuSnapshot(servers.pids(), ADMIN_URL, db.name), r.requests);
        assertClean(path, r);
        runs.get(path.id)!.push(r);
        cpuRuns.get(path.id)!.push(cpu);
        const busy = ['api', 'worker', 'pg_app', 'pg_system', path.server === 'peer' ? 'peer' : ''].filter((k) => cpu[k] !== undefined).map((k) => `${k} ${cpu[k]}`).join(', ');
        log(`rep ${rep + 1}/${CONFIG.reps} ${path.id}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms; CPU ms per request: ${busy}`);
      }
    }

    const rows = buildReport(paths, runs);
    printTable(rows, workload);
    let roundTrips: Awaited<ReturnType<typeof countRoundTrips>> | undefined;
    let profile: ReturnType<typeof summarise> | undefined;
    if (CONFIG.profile) {
      const raw = await (await fetch(`${servers.apiQueries}/profile/stop`)).text();
      const file = join(tmpdir(), `bench-http-api-${Date.now()}.cpuprofile`);
      writeFileSync(file, raw); // for Chrome DevTools or speedscope; too large to commit
      profile = summarise(JSON.parse(raw), 25);
      printSummary(profile);
      log(`profile of the API during the load: ${file}`);
    } else {
      await topUpQuotes(client, fixtures, owner, 0, 0);
      roundTrips = await countRoundTrips(servers, paths, fixtures, seeded.position);
      console.log('\nround trips to PostgreSQL per request (pg queries the API process sent; min of 5 sequential requests)\n');
      for (const t of roundTrips) console.log(`  ${t.id.padEnd(32)} ${t.roundTrips}   ${t.statements.join(' | ')}`);
    }
    const cpuMsPerRequest = Object.fromEntries([...cpuRuns].map(([id, reps]) => [id, reps]));
    console.log('\nCPU ms per request (per repetition), by process: the children by pid, pg_app / pg_system / pg_owner = the bench database\'s backends by role\n');
    for (const [id, reps] of cpuRuns) console.log(`  ${id.padEnd(32)} ${reps.map((c) => Object.entries(c).filter(([k]) => k !== 'anchor').map(([k, v]) => `${k} ${v}`).join(', ')).join('  |  ')}`);
    writeJson(RESULTS, { workload, config: CONFIG, paths: rows, roundTrips, profile, cpuMsPerRequest });
    log(`wrote ${RESULTS}`);
  } finally {
    await servers?.close().catch((e: unknown) => log(`stopping servers: ${String(e)}`));
    await dropQueues(`wb-bench:${db.name}`).catch((e: unknown) => log(`dropping queues: ${String(e)}`));
    await db.drop();
    log(`dropped ${db.name}`);
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:http] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
