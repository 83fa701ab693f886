import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../errors';
import { Checkpoint, EventMetadata, EventStore, NewEvent, StoredEvent, streamIdFor } from '../event-store';
import { Upcaster } from '../upcasting';

export interface EventStoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
  /**
   * Where this run's catch-up reads start. Omitted (null) on a fresh database; a long-lived
   * store (an EventStoreDB server kept between runs) gives its current end, so a run does not
   * page through every earlier run's events. Each test's tenants are fresh UUIDs, i.e. a
   * stream prefix of their own.
   */
  origin?: Checkpoint | null;
}

/**
 * Builds a store on the adapter's test backend. Called once for the suite and again (with
 * upcasters) by the upcasting test; every test uses fresh tenants, so stores may share data.
 */
export type EventStoreFactory = (options?: { upcasters?: readonly Upcaster[] }) => Promise<EventStoreUnderTest>;

export interface ContractContext {
  readonly store: EventStore;
  /** `EventStoreUnderTest.origin`, null when the factory gave none. */
  readonly origin: Checkpoint | null;
  readonly factory: EventStoreFactory;
}

export const meta = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({ actor: 'user-1', correlationId: 'corr-1', ...overrides });

export const newTenant = (): string => randomUUID();

export const streamOf = (tenantId: string, category = 'thing', id: string = randomUUID()): string => streamIdFor(tenantId, category, id);

export const events = (n: number, type = 'Happened', from = 1): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type, data: { n: from + i, label: `event ${from + i}` } }));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Appends at the version it reads, re-reading on ConcurrencyError: what a command handler does. */
export async function appendWithRetry(store: EventStore, tenantId: string, streamId: string, toAppend: NewEvent[]): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const current = await store.readStream(tenantId, streamId);
    try {
      await store.append(tenantId, streamId, toAppend, { expectedVersion: current.length, metadata: meta() });
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      await sleep(Math.random() * 5);
    }
  }
  throw new Error(`gave up appending to ${streamId}`);
}

/** Reads until an empty batch; returns what was read and where it stopped. */
export async function drainAll(store: EventStore, from: Checkpoint | null, batch = 500): Promise<{ events: StoredEvent[]; checkpoint: Checkpoint | null }> {
  const all: StoredEvent[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await store.readAll(checkpoint, batch);
    if (page.events.length === 0) return { events: all, checkpoint };
    all.push(...page.events);
    checkpoint = page.checkpoint;
  }
}

/**
 * Reads on until `count` events matching `mine` went by. A catch-up reader may legitimately hold
 * committed events back while older transactions (anywhere on the server) are still open, so
 * tests wait for what they expect instead of assuming one drain returns it.
 */
export async function readUntil(
  store: EventStore,
  from: Checkpoint | null,
  mine: (e: StoredEvent) => boolean,
  count: number,
  batch = 500,
  timeoutMs = 30_000,
): Promise<{ events: StoredEvent[]; mine: StoredEvent[]; checkpoint: Checkpoint | null }> {
  const all: StoredEvent[] = [];
  const ours: StoredEvent[] = [];
  let checkpoint = from;
  for (const deadline = Date.now() + timeoutMs; ours.length < count; ) {
    if (Date.now() > deadline) throw new Error(`read ${ours.length} of ${count} expected events before timing out`);
    const page = await store.readAll(checkpoint, batch);
    all.push(...page.events);
    ours.push(...page.events.filter(mine));
    checkpoint = page.checkpoint;
    if (page.events.length === 0) await sleep(10);
  }
  return { events: all, mine: ours, checkpoint };
}

/** Every stream's events appear once each, as versions 1..n in that order. */
export function expectConsistentWithStreams(read: StoredEvent[], expectedCounts?: Map<string, number>): void {
  const ids = new Set<string>();
  const lastVersion = new Map<string, number>();
  for (const e of read) {
    if (ids.has(e.eventId)) throw new Error(`event ${e.eventId} (${e.streamId} v${e.streamVersion}) read twice`);
    ids.add(e.eventId);
    const last = lastVersion.get(e.streamId) ?? 0;
    if (e.streamVersion !== last + 1) throw new Error(`${e.streamId}: version ${e.streamVersion} read after ${last}`);
    lastVersion.set(e.streamId, e.streamVersion);
  }
  if (expectedCounts) expect(Object.fromEntries(lastVersion)).toEqual(Object.fromEntries(expectedCounts));
}
