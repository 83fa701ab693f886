/**
 * `npm run bench:rebuild`: seeds one tenant with EVENTS events (customers and vehicles, the
 * shop's busiest directory), then times, back to back in one process on one fresh database:
 * - rebuild: the ProjectionRunner's rebuild of every shop projection from position 0, against a
 *   baseline that reads the same events and writes one row per event with multi-row INSERTs;
 * - verification: the event store's verifyTenant on the calling thread and with its digest worker
 *   threads, against a baseline that reads the same rows and runs one plain SHA-256 over each
 *   event's JSON text.
 * Reports events/s, peak RSS and the heap before and after (both after a full GC: flat memory
 * means the two are close) per phase, and writes bench/results/rebuild.json.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { NewEvent, PostgresEventStore, streamIdFor } from '@workbay/eventstore';
import { createPool, migrate, ormOptions, ProjectionRunner } from '@workbay/platform';
import { SHOP } from '@workbay/shop';
import { ALL_MIGRATIONS } from '../../apps/cli/src/migrations';
import { Client } from 'pg';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RESULTS = resolve(process.cwd(), process.env.BENCH_RESULTS ?? 'bench/results/rebuild.json');
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
/** Events per stream: a registration (or vehicle added) and four changes. */
const PER_STREAM = 5;
const APPEND_CONCURRENCY = 16;

interface Phase {
  name: string;
  events: number;
  ms: number;
  eventsPerSecond: number;
  peakRssMb: number;
  /** This process's CPU time in the phase: the rest of the wall time is the server and waiting. */
  nodeCpuMs: number;
  /** Heap used before and after the phase, each right after a full GC (run with --expose-gc; null without). */
  heapBeforeMb: number | null;
  heapAfterMb: number | null;
}

async function main(): Promise<void> {
  const name = `bench_rebuild_${process.pid}`;
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  await admin(`drop database if exists "${name}" with (force)`);
  try {
    await migrate(url, ALL_MIGRATIONS);
    const systemUrl = Object.assign(new URL(url), { username: 'workbay_system' }).toString();
    const pool = createPool(systemUrl, APPEND_CONCURRENCY);
    const store = new PostgresEventStore(pool);
    const orm = await MikroORM.init(ormOptions({ clientUrl: systemUrl, entities: [], poolMax: 4 }));
    const tenantId = randomUUID();
    try {
      const seedStart = performance.now();
      await seed(store, tenantId, EVENTS);
      const seedMs = performance.now() - seedStart;
      console.log(`workload: ${EVENTS} events, 1 tenant, ${EVENTS / PER_STREAM} streams of ${PER_STREAM}; seeded in ${(seedMs / 1000).toFixed(1)} s`);
      const runner = new ProjectionRunner(store, orm, SHOP.projections, { batchSize: 500 });
      await runner.catchUpAll();

      const phases: Phase[] = [];
      phases.push(await phase('rebuild baseline: read + multi-row INSERT, one row per event', () => baselineRebuild(pool)));
      const only = process.env.BENCH_PROJECTIONS?.split(',');
      for (const p of SHOP.projections.filter((x) => !only || only.includes(x.name))) {
        phases.push(await phase(`rebuild ${p.name}`, async () => (await runner.rebuild(p.name), EVENTS)));
      }
      const rebuilds = phases.filter((p) => p.name.startsWith('rebuild shop.'));
      const all = rebuilds.reduce((s, p) => s + p.ms, 0);
      if (rebuilds.length > 0) {
        phases.push({
          name: 'rebuild all shop projections (sum)', events: EVENTS, ms: all, eventsPerSecond: Math.round(EVENTS / (all / 1000)), peakRssMb: Math.max(...rebuilds.map((p) => p.peakRssMb)),
          nodeCpuMs: rebuilds.reduce((s, p) => s + p.nodeCpuMs, 0), heapBeforeMb: rebuilds[0].heapBeforeMb, heapAfterMb: rebuilds[rebuilds.length - 1].heapAfterMb,
        });
      }
      phases.push(await phase('verify baseline: read + one SHA-256 per event', () => baselineVerify(pool, tenantId)));
      const verify = (store: PostgresEventStore) => async () => {
        const report = await store.verifyTenant(tenantId);
        if (!report.ok || report.eventsChecked !== EVENTS) throw new Error(`verification failed: ${JSON.stringify(report).slice(0, 300)}`);
        return report.eventsChecked;
      };
      phases.push(await phase('verifyTenant, on the calling thread', verify(new PostgresEventStore(pool, { verifyWorkers: 0 }))));
      const threads = Math.min(2, Math.max(1, availableParallelism() - 1));
      phases.push(await phase(`verifyTenant, ${threads} digest worker thread${threads > 1 ? 's' : ''}`, verify(new PostgresEventStore(pool, { verifyWorkers: threads }))));
      print(phases);
      mkdirSync(dirname(RESULTS), { recursive: true });
      const ratio = (a: string, b: string) => {
        const x = phases.find((p) => p.name.startsWith(a));
        const y = phases.find((p) => p.name.startsWith(b));
        return x && y ? Number((x.eventsPerSecond / y.eventsPerSecond).toFixed(3)) : null;
      };
      writeFileSync(RESULTS, `${JSON.stringify({
        workload: { events: EVENTS, tenants: 1, streams: EVENTS / PER_STREAM, eventsPerStream: PER_STREAM, readBatch: 500 },
        node: process.version,
        at: new Date().toISOString(),
        phases,
        ratios: {
          rebuildAllToBaseline: ratio('rebuild all', 'rebuild baseline'),
          verifyToBaseline: ratio('verifyTenant, on the calling thread', 'verify baseline'),
          verifyThreadedToBaseline: ratio('verifyTenant, 1 digest', 'verify baseline') ?? ratio('verifyTenant, 2 digest', 'verify baseline'),
        },
      }, null, 2)}\n`);
      console.log(`wrote ${RESULTS}`);
    } finally {
      await orm.close(true);
      await store.close();
      await pool.end();
    }
  } finally {
    await admin(`drop database if exists "${name}" with (force)`);
  }
}

/** Runs `fn` (returning the events it handled) and samples the process's RSS meanwhile. */
async function phase(name: string, fn: () => Promise<number>): Promise<Phase> {
  // BENCH_PROFILE=<phase name prefix>: a CPU profile of that phase alone, in bench/results.
  const profiling = process.env.BENCH_PROFILE && name.startsWith(process.env.BENCH_PROFILE);
  const session = profiling ? new Session() : undefined;
  if (session) {
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
  }
  try {
    return await measured(name, fn);
  } finally {
    if (session) {
      const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
      const file = resolve(dirname(RESULTS), `${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      console.log(`profile: ${file}`);
      session.disconnect();
    }
  }
}

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((ok, fail) => session.post(method, (error, result) => (error ? fail(error) : ok(result))));
}

async function measured(name: string, fn: () => Promise<number>): Promise<Phase> {
  const heap = () => {
    if (!global.gc) return null;
    global.gc();
    return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
  };
  const heapBeforeMb = heap();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  const cpu = process.cpuUsage();
  try {
    const events = await fn();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      name, events, ms: Math.round(ms), eventsPerSecond: Math.round(events / (ms / 1000)), peakRssMb: Math.round(peak / 2 ** 20),
      nodeCpuMs: Math.round((used.user + used.system) / 1000), heapBeforeMb, heapAfterMb: heap(),
    };
  } finally {
    clearInterval(timer);
  }
}

async function seed(store: PostgresEventStore, tenantId: string, events: number): Promise<void> {
  const streams = Math.ceil(events / PER_STREAM);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < streams; i = next++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const id = randomUUID();
      if (i % 2 === 0) {
        const list: NewEvent[] = [{ type: 'CustomerRegistered', data: { customerId: id, firstName: `First${i}`, lastName: `Last ${i}`, email: `c${i}@example.com`, phone: null, registeredAt: at } }];
        for (let k = 1; k < PER_STREAM; k++) list.push({ type: 'CustomerContactUpdated', data: { customerId: id, email: `c${i}.${k}@example.com`, phone: `+9198${String(i).padStart(8, '0')}`, updatedAt: at } });
        await store.append(tenantId, streamIdFor(tenantId, 'customer', id), list, { expectedVersion: 0, metadata: { actor: 'bench' } });
      } else {
        const vin = `1HGCM82633A${String(i).padStart(6, '0')}`.slice(0, 17);
        const list: NewEvent[] = [{ type: 'VehicleAdded', data: { vehicleId: id, customerId: randomUUID(), vin, year: 2020, make: 'Honda', model: 'Accord', mileage: 1000, addedAt: at } }];
        for (let k = 1; k < PER_STREAM; k++) list.push({ type: 'MileageRecorded', data: { vehicleId: id, mileage: 1000 + k * 500, previousMileage: 1000 + (k - 1) * 500, recordedAt: at } });
        await store.append(tenantId, streamIdFor(tenantId, 'vehicle', id), list, { expectedVersion: 0, metadata: { actor: 'bench' } });
      }
    }
  };
  await Promise.all(Array.from({ length: APPEND_CONCURRENCY }, worker));
}

/** What a hand-written rebuild would cost at best: the same read, one plain row per event, 500 rows per INSERT. */
async function baselineRebuild(pool: ReturnType<typeof createPool>): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('create temporary table bench_rows (tenant_id uuid, id text, payload jsonb) on commit drop');
    let after = 0;
    let total = 0;
    for (;;) {
      const { rows } = await client.query<{ p: string; tenant_id: string; stream_id: string; data: unknown }>(
        'select global_position p, tenant_id, stream_id, data from eventstore.events where global_position > $1 order by global_position limit 500', [after],
      );
      if (rows.length === 0) break;
      await client.query(
        'insert into bench_rows (tenant_id, id, payload) select * from unnest($1::uuid[], $2::text[], $3::jsonb[])',
        [rows.map((r) => r.tenant_id), rows.map((r) => r.stream_id), rows.map((r) => JSON.stringify(r.data))],
      );
      after = Number(rows[rows.length - 1].p);
      total += rows.length;
    }
    await client.query('commit');
    return total;
  } finally {
    client.release();
  }
}

/** The floor of verification: the same rows read in pages of 10,000, one SHA-256 over each event's text. */
async function baselineVerify(pool: ReturnType<typeof createPool>, tenantId: string): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const { rows } = await pool.query<{ p: string; t: string }>(
      `select global_position p, data::text || metadata::text t from eventstore.events where tenant_id = $1 and global_position > $2 order by global_position limit 10000`,
      [tenantId, after],
    );
    if (rows.length === 0) break;
    for (const r of rows) createHash('sha256').update(r.t).digest();
    after = Number(rows[rows.length - 1].p);
    total += rows.length;
  }
  return total;
}

function print(phases: Phase[]): void {
  console.log('\n| phase | events | ms | events/s | peak RSS MB | heap MB before -> after | node CPU ms |\n|---|--:|--:|--:|--:|--:|--:|');
  for (const p of phases) console.log(`| ${p.name} | ${p.events} | ${p.ms} | ${p.eventsPerSecond} | ${p.peakRssMb} | ${p.heapBeforeMb ?? '-'} -> ${p.heapAfterMb ?? '-'} | ${p.nodeCpuMs} |`);
}

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
