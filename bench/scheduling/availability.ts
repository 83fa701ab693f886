/**
 * The availability half of `npm run bench:scheduling` (issue #14): GET /scheduling/availability
 * queries/s answered from the Redis cache and computed (every request a question not asked
 * before), against two baselines in the same run: the bare NestJS route of bench/http (the
 * anchor) and the raw SQL read of the same rows (the reader's three statements in one round trip,
 * from this process, no HTTP). The API, worker and anchor run in their own processes as
 * bench/http starts them, on a fresh database.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Pool } from 'pg';
import { BenchClient } from '../http/client';
import { load, LoadResult } from '../http/load';
import { BenchDatabase, Servers, startServers } from '../http/platform';

const env = process.env;
export const AVAILABILITY_CONFIG = {
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
  duration: Number(env.BENCH_DURATION ?? 5),
  resources: 3,
  days: 7,
  bookings: Number(env.BENCH_BOOKINGS ?? 30),
};
const REDIS_URL = env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RESULTS = resolve(process.cwd(), env.BENCH_AVAILABILITY_RESULTS ?? 'bench/results/scheduling-availability.json');
const log = (msg: string) => console.log(`[bench:scheduling] ${msg}`);
const DAY_MS = 86_400_000;
const localDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS + 5.5 * 3_600_000).toISOString().slice(0, 10);

export interface AvailabilityBench {
  workload: string;
  anchorRps: number;
  rawSqlRps: number;
  cachedRps: number;
  uncachedRps: number;
  /** Questions the uncached phase could ask before repeating one (it asked fewer: none was answered from the cache). */
  uncachedDistinctQuestions: number;
  uncachedRequests: number;
  p50: { anchor: number; cached: number; uncached: number };
  slotsPerAnswer: number;
  ratios: { cachedToUncached: number; cachedToAnchor: number; uncachedToAnchor: number; uncachedToRawSql: number };
}

function clean(name: string, r: LoadResult): LoadResult {
  if (r.non2xx === 0 && r.errors === 0 && r.requests > 0) return r;
  throw new Error(`${name}: ${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors; ${JSON.stringify(r.statusCodes)}; first bad ${r.firstBad ?? 'none'}`);
}

/** A salon: one location, three chairs 09:00-17:00 every day on a 30-minute grid, a 30-minute service, a month of bookings. */
async function seed(client: BenchClient): Promise<{ locationId: string; serviceId: string; resourceIds: string[]; position: number }> {
  const location = await client.post('/locations', {
    name: 'Bench Salon', address: { line1: '1 MG Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560001', country: 'IN' },
    timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
  });
  const locationId = location.id as string;
  const weeklyHours = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '09:00', end: '17:00' }));
  const resourceIds: string[] = [];
  for (let i = 0; i < AVAILABILITY_CONFIG.resources; i++) {
    const r = await client.post('/scheduling/resources', { locationId, kind: 'staff', name: `Chair ${i + 1}`, slotMinutes: 30 });
    await fetch(`${client.api}/scheduling/resources/${r.id}/working-hours`, { method: 'PUT', headers: client.headers, body: JSON.stringify({ weeklyHours, breaks: [] }) })
      .then(async (res) => { if (!res.ok) throw new Error(`working hours: ${res.status} ${await res.text()}`); });
    resourceIds.push(r.id as string);
  }
  const service = await client.post('/scheduling/services', {
    locationId, name: 'Haircut', durationMinutes: 30, price: { amountMinor: 50000, currency: 'INR' }, needs: [{ kind: 'staff' }],
  });
  let position = service.position as number;
  // "Any" is resolved from the resource directory: wait until it shows the chairs.
  // After the booking bench the worker may be catching up past the read wait (the read then goes
  // ahead stale, a 404 for this new service): ask again until it shows.
  const first = `/scheduling/availability?${new URLSearchParams({ serviceId: service.id as string, locationId, from: localDay(1), to: localDay(1) })}`;
  for (let tries = 0; ; tries++) {
    try {
      await client.get(first, position);
      break;
    } catch (error) {
      if (tries >= 30) throw error;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
  const party = await client.customerWithVehicle();
  // Three "any" bookings per start fill its three chairs: bookings / 3 starts are off the answer.
  for (let i = 0; i < AVAILABILITY_CONFIG.bookings; i++) {
    const slot = Math.floor(i / AVAILABILITY_CONFIG.resources);
    const day = localDay(1 + (slot % AVAILABILITY_CONFIG.days));
    const hour = 9 + Math.floor(slot / AVAILABILITY_CONFIG.days) % 8;
    const booked = await client.post('/scheduling/reservations', {
      serviceId: service.id, resources: ['any'], start: `${day}T${String(hour).padStart(2, '0')}:00:00+05:30`, party,
    });
    position = Math.max(position, booked.position as number);
  }
  return { locationId, serviceId: service.id as string, resourceIds, position };
}

/** The reader's miss path as plain SQL: the service, the location's resources, their live occupancies, one round trip under RLS. */
function rawSqlRead(pool: Pool, tenantId: string, args: { serviceId: string; locationId: string; from: string; to: string }) {
  const from = new Date(Date.parse(`${args.from}T00:00:00Z`) - 2 * DAY_MS).toISOString();
  const to = new Date(Date.parse(`${args.to}T00:00:00Z`) + 3 * DAY_MS).toISOString();
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return pool.query(`select set_config('app.tenant_id', ${lit(tenantId)}, true);
    select * from scheduling.services where tenant_id = current_setting('app.tenant_id')::uuid and service_id = ${lit(args.serviceId)};
    select * from scheduling.resources where tenant_id = current_setting('app.tenant_id')::uuid and location_id = ${lit(args.locationId)} order by resource_id;
    select reservation_id, resource_id, starts_at, ends_at, lower(blocked), upper(blocked), seats, status, hold_expires_at from scheduling.occupancies
     where tenant_id = current_setting('app.tenant_id')::uuid and location_id = ${lit(args.locationId)}
       and blocked && tstzrange(${lit(from)}::timestamptz, ${lit(to)}::timestamptz) and (status <> 'held' or hold_expires_at > now())`);
}

async function rawSqlRps(pool: Pool, tenantId: string, args: { serviceId: string; locationId: string; from: string; to: string }): Promise<number> {
  const until = performance.now() + AVAILABILITY_CONFIG.duration * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: AVAILABILITY_CONFIG.connections }, async () => {
    while (performance.now() < until) {
      await rawSqlRead(pool, tenantId, args);
      done++;
    }
  }));
  return done / AVAILABILITY_CONFIG.duration;
}

export async function benchAvailability(db: BenchDatabase, servers: Servers): Promise<AvailabilityBench> {
  const client = await BenchClient.signupAndLogin(servers.api);
  const { locationId, serviceId, resourceIds, position } = await seed(client);
  const from = localDay(1);
  const to = localDay(AVAILABILITY_CONFIG.days);
  const path = (q: Record<string, string>) => `/scheduling/availability?${new URLSearchParams({ serviceId, locationId, ...q })}`;
  // Read-your-writes once, and the answer checked: the filled starts are off it.
  // After the booking bench the worker can still be catching up when the read's wait ends (the read
  // then answers from what is projected so far): ask again, for up to a minute, until every
  // seeded booking is off the answer.
  const expected = AVAILABILITY_CONFIG.days * 16 - Math.floor(AVAILABILITY_CONFIG.bookings / AVAILABILITY_CONFIG.resources);
  let first = await client.get(path({ from, to }), position) as { slots: unknown[] };
  for (let tries = 0; first.slots.length !== expected && tries < 30; tries++) {
    await new Promise((r) => setTimeout(r, 2_000));
    first = await client.get(path({ from, to }), position) as { slots: unknown[] };
  }
  if (first.slots.length !== expected) throw new Error(`availability answered ${first.slots.length} slots, expected ${expected}`);
  log(`seeded ${AVAILABILITY_CONFIG.resources} resources, ${AVAILABILITY_CONFIG.bookings} bookings; a ${AVAILABILITY_CONFIG.days}-day answer has ${first.slots.length} slots`);

  const { connections, duration } = AVAILABILITY_CONFIG;
  const headers = client.headers;
  const anchor = clean('anchor', await load(servers.anchor, [{ method: 'GET', path: '/anchor' }], connections, duration));
  log(`anchor: ${anchor.rps.toFixed(0)} req/s`);
  const cached = clean('cached', await load(servers.api, [{ method: 'GET', path: path({ from, to }), headers }], connections, duration));
  log(`cached: ${cached.rps.toFixed(0)} req/s`);
  // Every request a question not cached yet: windows of 4 to 10 days (7 on average, as the cached
  // question) starting on each of the next 300 days, for any resource and each one: 8,400 questions,
  // more than this machine asks in a phase, so none is answered from the cache.
  const questions: string[] = [];
  for (let span = AVAILABILITY_CONFIG.days - 3; span <= AVAILABILITY_CONFIG.days + 3; span++) {
    for (const resourceId of [null, ...resourceIds]) {
      for (let d = 20; d < 320; d++) questions.push(path({ from: localDay(d), to: localDay(d + span - 1), ...(resourceId ? { resourceId } : {}) }));
    }
  }
  let next = 0;
  const uncached = clean('uncached', await load(servers.api, [{
    method: 'GET', headers, setupRequest: (req) => ({ ...req, path: questions[next++ % questions.length] }),
  }], connections, duration));
  log(`uncached: ${uncached.rps.toFixed(0)} req/s (${uncached.requests} questions of ${questions.length} distinct)`);
  if (uncached.requests > questions.length) log('warning: the uncached phase repeated questions (some answers came from the cache)');
  const pool = new Pool({ connectionString: db.appUrl, max: connections });
  let raw: number;
  try {
    raw = await rawSqlRps(pool, client.tenantId, { serviceId, locationId, from, to });
  } finally {
    await pool.end();
  }
  log(`raw SQL read of the same rows: ${raw.toFixed(0)} reads/s`);
  const r = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  return {
    workload: `${AVAILABILITY_CONFIG.resources} resources x 8 h/day on a 30-min grid, ${AVAILABILITY_CONFIG.bookings} bookings, ${AVAILABILITY_CONFIG.days}-day questions; ` +
      `${connections} connections x ${duration} s per phase; one tenant`,
    anchorRps: Math.round(anchor.rps), rawSqlRps: Math.round(raw), cachedRps: Math.round(cached.rps), uncachedRps: Math.round(uncached.rps),
    uncachedDistinctQuestions: questions.length, uncachedRequests: uncached.requests,
    p50: { anchor: anchor.p50, cached: cached.p50, uncached: uncached.p50 },
    slotsPerAnswer: first.slots.length,
    ratios: {
      cachedToUncached: r(cached.rps, uncached.rps), cachedToAnchor: r(cached.rps, anchor.rps), uncachedToAnchor: r(uncached.rps, anchor.rps),
      uncachedToRawSql: r(uncached.rps, raw),
    },
  };
}

/** The availability half on its own servers (API, worker, anchor) over `db`: prints the table, writes the JSON. */
export async function runAvailabilityBench(db: BenchDatabase): Promise<AvailabilityBench> {
  const servers = await startServers(db, REDIS_URL);
  try {
    await servers.startApi();
    const availability = await benchAvailability(db, servers);
    console.table({
      anchor: { 'req/s': availability.anchorRps, 'p50 ms': availability.p50.anchor },
      'raw SQL read (no HTTP)': { 'req/s': availability.rawSqlRps },
      'availability, cached': { 'req/s': availability.cachedRps, 'p50 ms': availability.p50.cached },
      'availability, computed': { 'req/s': availability.uncachedRps, 'p50 ms': availability.p50.uncached },
    });
    log(`ratios: ${JSON.stringify(availability.ratios)}`);
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify({
      bench: 'scheduling-availability', at: new Date().toISOString(), machine: { cpus: cpus().length, loadavg: loadavg() }, ...availability,
    }, null, 2)}\n`);
    log(`wrote ${RESULTS}`);
    return availability;
  } finally {
    await servers.close();
  }
}
