/**
 * ReserveSlot decisions/s under contention (issue #14, bench half of sched-book): 100 clients
 * over HTTP against the real API process (JWT, validation, the boundary's reads and atomic
 * append), at 10 one-seat bays whose one-hour slots they race for, against a baseline in the
 * same run: the same decision as a plain INSERT into a table with a GiST exclusion constraint
 * (what a check-free booking table would do), from 100 clients on a pool. A decision is an
 * answer either way: booked (201 / inserted) or refused (409 / exclusion violation).
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PostgresEventStore, streamIdFor } from '@workbay/eventstore';
import { Pool } from 'pg';
import { BenchClient } from '../http/client';
import { BenchDatabase, startServers } from '../http/platform';

const env = process.env;
const CONFIG = {
  clients: Number(env.BENCH_BOOKING_CLIENTS ?? 100),
  resources: Number(env.BENCH_BOOKING_RESOURCES ?? 10),
  /** Requests per client per turn; slots per resource = clients * perClient / resources / 2, so about half are refused. */
  perClient: Number(env.BENCH_BOOKING_PER_CLIENT ?? 10),
  reps: Number(env.BENCH_BOOKING_REPS ?? 2),
};
const REDIS_URL = env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RESULTS = resolve(process.cwd(), env.BENCH_BOOKING_RESULTS ?? 'bench/results/scheduling-booking.json');
const log = (msg: string) => console.log(`[bench:scheduling:booking] ${msg}`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const meta = { actor: 'bench:scheduling' };

interface Turn {
  subject: 'ours' | 'baseline';
  rep: number;
  decisions: number;
  booked: number;
  refused: number;
  errors: number;
  ms: number;
  decisionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Resources and a one-hour service written as the catalog writes them: the boundary reads these streams. */
async function seed(db: BenchDatabase, tenantId: string, locationId: string): Promise<{ resourceIds: string[]; serviceId: string }> {
  const store = new PostgresEventStore(db.ownerUrl);
  try {
    const resourceIds: string[] = [];
    for (let i = 0; i < CONFIG.resources; i++) {
      const resourceId = randomUUID();
      resourceIds.push(resourceId);
      await store.append(tenantId, streamIdFor(tenantId, 'resource', resourceId), [
        { type: 'ResourceRegistered', data: {
          resourceId, locationId, kind: 'bay', name: `Bay ${i + 1}`, timezone: 'UTC', capacity: 1, slotMinutes: 60, bufferBeforeMinutes: 0,
          bufferAfterMinutes: 0, rules: { minNoticeMinutes: 0, horizonDays: 365, dailyLimit: null }, registeredAt: new Date().toISOString(),
        } },
        { type: 'WorkingHoursSet', data: { resourceId, weeklyHours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })), breaks: [], setAt: new Date().toISOString() } },
      ], { expectedVersion: 0, metadata: meta });
    }
    const serviceId = randomUUID();
    await store.append(tenantId, streamIdFor(tenantId, 'service', serviceId), [{ type: 'ServiceDefined', data: {
      serviceId, locationId, name: 'Oil change', durationMinutes: 60, price: { amountMinor: 150000, currency: 'INR' },
      needs: [{ kind: 'bay', count: 1 }], seatsPerBooking: 1, rules: {}, bookableOnline: true, definedAt: new Date().toISOString(),
    } }], { expectedVersion: 0, metadata: meta });
    return { resourceIds, serviceId };
  } finally {
    await store.close();
  }
}

/** `clients` loops, each sending `perClient` decisions one after the other; answers counted by kind. */
async function race(decide: (client: number, i: number) => Promise<'booked' | 'refused' | 'error'>): Promise<Omit<Turn, 'subject' | 'rep'>> {
  const latencies: number[] = [];
  const counts = { booked: 0, refused: 0, error: 0 };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONFIG.clients }, async (_, c) => {
    for (let i = 0; i < CONFIG.perClient; i++) {
      const t = performance.now();
      counts[await decide(c, i)]++;
      latencies.push(performance.now() - t);
    }
  }));
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const decisions = counts.booked + counts.refused;
  return { decisions, booked: counts.booked, refused: counts.refused, errors: counts.error, ms: Math.round(ms), decisionsPerSecond: Math.round((decisions / ms) * 1000), p50Ms: Math.round(pct(latencies, 50)), p99Ms: Math.round(pct(latencies, 99)) };
}

/** The turn's slots: its own day far ahead (turns never share time), `slots` aligned hours per resource. */
function slotPicker(turn: number, resourceIds: string[]) {
  const slots = Math.max(1, Math.floor((CONFIG.clients * CONFIG.perClient) / resourceIds.length / 2));
  const base = (Math.floor(Date.now() / DAY) + 30 + turn * 8) * DAY;
  // mulberry32: a fixed sequence per turn, so both subjects face the same kind of contention run after run.
  let seed = 0x9e3779b9 ^ (turn * 0x85ebca6b);
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => ({ resourceId: resourceIds[Math.floor(random() * resourceIds.length)], start: new Date(base + Math.floor(random() * slots) * HOUR).toISOString() });
}

export async function runBookingBench(db: BenchDatabase): Promise<Record<string, unknown>> {
  const servers = await startServers(db, REDIS_URL);
  const pool = new Pool({ connectionString: db.ownerUrl, max: 20 });
  try {
    await servers.startApi();
    const owner = await BenchClient.signupAndLogin(servers.api);
    const { customerId, vehicleId } = await owner.customerWithVehicle();
    const { resourceIds, serviceId } = await seed(db, owner.tenantId, randomUUID());
    await pool.query(`create schema if not exists bench_booking`);
    await pool.query(`create table bench_booking.occupancies (tenant_id uuid not null, reservation_id uuid not null, resource_id uuid not null,
      blocked tstzrange not null, primary key (tenant_id, reservation_id),
      exclude using gist (tenant_id with =, resource_id with =, blocked with &&))`);
    const ours = async (pick: () => { resourceId: string; start: string }) => {
      const { resourceId, start } = pick();
      const res = await fetch(`${servers.api}/scheduling/reservations`, {
        method: 'POST', headers: owner.headers, body: JSON.stringify({ serviceId, resources: [resourceId], start, party: { customerId, vehicleId } }),
      });
      await res.arrayBuffer();
      return res.status === 201 ? 'booked' as const : res.status === 409 ? 'refused' as const : 'error' as const;
    };
    const baseline = async (pick: () => { resourceId: string; start: string }) => {
      const { resourceId, start } = pick();
      try {
        await pool.query(`insert into bench_booking.occupancies values ($1, $2, $3, tstzrange($4::timestamptz, $4::timestamptz + interval '1 hour', '[)'))`,
          [owner.tenantId, randomUUID(), resourceId, start]);
        return 'booked' as const;
      } catch (error) {
        return (error as { code?: string }).code === '23P01' ? 'refused' as const : 'error' as const;
      }
    };
    // Warm-up: connections, prepared statements, JIT.
    const warm = slotPicker(99, resourceIds);
    for (let i = 0; i < 50; i++) await Promise.all([ours(warm), baseline(warm)]);
    const turns: Turn[] = [];
    for (let rep = 1; rep <= CONFIG.reps; rep++) {
      const order = rep % 2 === 1 ? (['ours', 'baseline'] as const) : (['baseline', 'ours'] as const);
      for (const subject of order) {
        const pick = slotPicker(rep * 2 + (subject === 'ours' ? 0 : 1), resourceIds);
        const result = await race(() => (subject === 'ours' ? ours(pick) : baseline(pick)));
        turns.push({ subject, rep, ...result });
        log(`${subject} rep ${rep}: ${result.decisionsPerSecond} decisions/s (${result.booked} booked, ${result.refused} refused, ${result.errors} errors), p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms`);
      }
    }
    // Both must have decided right: no two live rows of one bay overlap.
    const overlaps = (await pool.query<{ n: number }>(`select count(*)::int as n from scheduling.occupancies a join scheduling.occupancies b
      on a.tenant_id = b.tenant_id and a.resource_id = b.resource_id and a.reservation_id < b.reservation_id and a.blocked && b.blocked`)).rows[0].n;
    const median = (subject: Turn['subject']) => {
      const v = turns.filter((t) => t.subject === subject).map((t) => t.decisionsPerSecond).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    const summary = {
      workload: { ...CONFIG, decisionsPerTurn: CONFIG.clients * CONFIG.perClient, note: 'one-seat bays, aligned one-hour slots, ~half the requests refused' },
      machine: { cpus: cpus().length, loadavg: loadavg() },
      turns,
      oursDecisionsPerSecond: median('ours'),
      baselineDecisionsPerSecond: median('baseline'),
      ratioOursToBaseline: Number((median('ours') / median('baseline')).toFixed(3)),
      readModelOverlaps: overlaps,
    };
    console.table(turns);
    log(`ours ${summary.oursDecisionsPerSecond}/s vs baseline ${summary.baselineDecisionsPerSecond}/s: ratio ${summary.ratioOursToBaseline}; overlaps in the read model: ${overlaps}`);
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } finally {
    await pool.end();
    await servers.close();
  }
}
