/**
 * `npm run bench`: our PostgreSQL event store against emmett-postgresql (peer) and a plain
 * INSERT (ceiling), in one fresh database on one server. See bench/README.md.
 */
import { resolve } from 'node:path';
import { createDatabase, databaseUrl, dropDatabase, installEventStoreSchema, serverInfo } from './db';
import { printTable, toRows, writeJson } from './report';
import { ceilingSubject } from './subjects/ceiling';
import { oursSubject } from './subjects/ours';
import { peerSubject } from './subjects/peer';
import { Subject } from './subjects/subject';
import {
  batchAppends,
  DEFAULT_CONFIG,
  describeWorkloads,
  Measurement,
  median,
  replay,
  seedReplay,
  singleAppends,
  WorkloadConfig,
  WorkloadId,
} from './workloads';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RESULTS = resolve(process.cwd(), process.env.BENCH_RESULTS ?? 'bench/results/eventstore.json');

/** BENCH_SCALE=0.2 for a quick smoke run; counts stay multiples that divide evenly. */
function configFromEnv(): WorkloadConfig {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  const s = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  return {
    ...DEFAULT_CONFIG,
    singleAppendsPerWriter: s(DEFAULT_CONFIG.singleAppendsPerWriter, 10),
    batches: s(DEFAULT_CONFIG.batches, 4),
    replayStreams: s(DEFAULT_CONFIG.replayStreams, 2),
    runs: Number(process.env.BENCH_RUNS ?? DEFAULT_CONFIG.runs),
  };
}

const log = (msg: string) => console.log(`[bench] ${msg}`);

/** Subjects take turns inside each run, in a rotating order, so drift hits all of them alike. */
async function measure(
  workload: WorkloadId,
  subjects: Subject[],
  runs: number,
  events: number,
  once: (s: Subject) => Promise<number>,
): Promise<Measurement[]> {
  const rates = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (let r = 0; r < runs; r++) {
    const order = subjects.map((_, i) => subjects[(i + r) % subjects.length]);
    for (const s of order) {
      const rate = await once(s);
      rates.get(s.name)!.push(rate);
      log(`${workload} run ${r + 1}/${runs} ${s.name}: ${Math.round(rate)} events/s`);
    }
  }
  return subjects.map((s) => ({ workload, subject: s.name, events, runs: rates.get(s.name)!, median: median(rates.get(s.name)!) }));
}

async function main(): Promise<void> {
  const c = configFromEnv();
  const name = `workbay_bench_${Date.now()}`;
  const url = databaseUrl(ADMIN_URL, name);
  const pool = Math.max(c.singleWriters, c.batchConcurrency);
  log(`database ${name}; ${JSON.stringify(c)}`);
  await createDatabase(ADMIN_URL, name);
  const subjects: Subject[] = [];
  try {
    await installEventStoreSchema(url);
    subjects.push(oursSubject(url, pool), peerSubject(url, pool), await ceilingSubject(url, pool));
    const server = await serverInfo(url);

    log('warm-up');
    for (const s of subjects) {
      await singleAppends(s, c.singleWriters, 20);
      await batchAppends(s, 8, c.batchSize, c.batchConcurrency);
    }

    const results: Measurement[] = [];
    results.push(
      ...(await measure('single_appends', subjects, c.runs, c.singleWriters * c.singleAppendsPerWriter, (s) =>
        singleAppends(s, c.singleWriters, c.singleAppendsPerWriter),
      )),
    );
    results.push(
      ...(await measure('batch_appends', subjects, c.runs, c.batches * c.batchSize, (s) =>
        batchAppends(s, c.batches, c.batchSize, c.batchConcurrency),
      )),
    );

    log('seeding replay tenants');
    const seeded = new Map<string, { tenant: string; streams: string[] }>();
    for (const s of subjects) {
      const seed = await seedReplay(s, c);
      seeded.set(s.name, seed);
      await replay(s, seed.tenant, seed.streams, c); // warm-up pass: caches as a replaying worker would have them
    }
    results.push(
      ...(await measure('tenant_replay', subjects, c.runs, c.replayStreams * c.replayEventsPerStream, (s) => {
        const { tenant, streams } = seeded.get(s.name)!;
        return replay(s, tenant, streams, c);
      })),
    );

    const rows = toRows(results, describeWorkloads(c));
    console.log('');
    printTable(rows);
    writeJson(RESULTS, rows, c, server, Object.fromEntries(subjects.map((s) => [s.name, s.description])));
    log(`wrote ${RESULTS}`);
  } finally {
    for (const s of subjects) await s.close().catch((e: unknown) => log(`closing ${s.name}: ${String(e)}`));
    await dropDatabase(ADMIN_URL, name);
    log(`dropped ${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
