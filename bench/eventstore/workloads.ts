import { randomUUID } from 'node:crypto';
import { BenchEvent, Subject } from './subjects/subject';

export interface WorkloadConfig {
  singleWriters: number;
  singleAppendsPerWriter: number;
  batchSize: number;
  batches: number;
  batchConcurrency: number;
  replayStreams: number;
  replayEventsPerStream: number;
  replayPage: number;
  runs: number;
}

export const DEFAULT_CONFIG: WorkloadConfig = {
  singleWriters: 16,
  singleAppendsPerWriter: 500,
  batchSize: 100,
  batches: 200,
  batchConcurrency: 4,
  replayStreams: 20,
  replayEventsPerStream: 1000,
  replayPage: 1000,
  runs: 3,
};

export type WorkloadId = 'single_appends' | 'batch_appends' | 'tenant_replay';

export interface Measurement {
  workload: WorkloadId;
  subject: Subject['name'];
  events: number;
  /** Events per second of each run, in run order. */
  runs: number[];
  median: number;
}

export function describeWorkloads(c: WorkloadConfig): Record<WorkloadId, string> {
  return {
    single_appends: `${c.singleWriters} concurrent writers x ${c.singleAppendsPerWriter} single-event appends, one stream per writer, one tenant per run`,
    batch_appends: `${c.batches} appends of ${c.batchSize} events, ${c.batchConcurrency} concurrent writers, one stream per writer`,
    tenant_replay: `one tenant's ${c.replayStreams * c.replayEventsPerStream} events (${c.replayStreams} streams, appended interleaved in batches of 100) read in pages of ${c.replayPage}`,
  };
}

// ~200 bytes of JSON, the size of a typical business event here.
export function benchEvent(n: number): BenchEvent {
  return {
    type: 'OrderLineAdded',
    data: { lineId: n, sku: `SKU-${(n * 7919) % 100000}`, quantity: (n % 5) + 1, unitPriceCents: 1999, note: 'bench '.repeat(12).trim() },
    metadata: { actor: 'user-bench', correlationId: `corr-${n}` },
  };
}

const streamOf = (tenant: string, label: string) => `${tenant}.bench-${label}-${randomUUID().slice(0, 8)}`;

async function timed(events: number, work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return events / seconds;
}

/** (a) Each append its own call and transaction; writers never contend for a stream. */
export async function singleAppends(s: Subject, writers: number, perWriter: number): Promise<number> {
  const tenant = randomUUID();
  return timed(writers * perWriter, async () => {
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const stream = streamOf(tenant, `a${w}`);
        for (let i = 0; i < perWriter; i++) await s.append(tenant, stream, i, [benchEvent(i)]);
      }),
    );
  });
}

/** (b) `batches` appends of `size` events shared among `concurrency` writers. */
export async function batchAppends(s: Subject, batches: number, size: number, concurrency: number): Promise<number> {
  const tenant = randomUUID();
  const batch = Array.from({ length: size }, (_, i) => benchEvent(i));
  return timed(batches * size, async () => {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        const stream = streamOf(tenant, `b${w}`);
        const mine = Math.floor(batches / concurrency) + (w < batches % concurrency ? 1 : 0);
        for (let k = 0; k < mine; k++) await s.append(tenant, stream, k * size, batch);
      }),
    );
  });
}

/** Seeds the replay tenant round-robin over its streams, so its events interleave in global order. */
export async function seedReplay(s: Subject, c: WorkloadConfig): Promise<{ tenant: string; streams: string[] }> {
  const tenant = randomUUID();
  const streams = Array.from({ length: c.replayStreams }, (_, i) => streamOf(tenant, `r${i}`));
  const chunk = 100;
  for (let v = 0; v < c.replayEventsPerStream; v += chunk) {
    for (const stream of streams) {
      await s.append(tenant, stream, v, Array.from({ length: chunk }, (_, i) => benchEvent(v + i)));
    }
  }
  await s.prepareReplay?.(tenant);
  return { tenant, streams };
}

export async function replay(s: Subject, tenant: string, streams: string[], c: WorkloadConfig): Promise<number> {
  const expected = c.replayStreams * c.replayEventsPerStream;
  let read = 0;
  const rate = await timed(expected, async () => {
    read = await s.replay(tenant, streams, c.replayPage);
  });
  if (read !== expected) throw new Error(`${s.name} replay read ${read} events, expected ${expected}`);
  return rate;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
