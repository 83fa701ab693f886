/**
 * The EventStore port. Both adapters (PostgreSQL, EventStoreDB) implement it and pass the one
 * contract suite in `testing/event-store.contract.ts`.
 *
 * Streams are per tenant: every stream id starts with `${tenantId}.` and an adapter refuses any
 * other, so a caller cannot write into or read from another tenant's stream by naming it.
 */
export interface NewEvent<T = unknown> {
  type: string;
  data: T;
  /** Defaults to 1. Bump it when the payload shape changes and add an upcaster. */
  schemaVersion?: number;
}

export interface EventMetadata {
  /** User id or `system:<component>`. */
  actor: string;
  correlationId?: string;
  causationId?: string;
  /** The command id / idempotency key that produced the event. */
  commandId?: string;
}

export interface StoredEvent<T = unknown> {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: T;
  tenantId: string;
  streamId: string;
  /** 1-based position inside its stream. */
  streamVersion: number;
  /** Position in the store's global order (monotonic by append, not necessarily by commit). */
  globalPosition: number;
  /** ISO-8601 UTC. */
  recordedAt: string;
  metadata: EventMetadata;
  /** Hex sha-256 of the canonical event content (see hash-chain.ts). */
  contentHash: string;
  /** Hex sha-256 chained to the previous event of the same stream. */
  chainHash: string;
}

/** `0` means "the stream must not exist yet"; `'any'` skips the check. */
export type ExpectedVersion = number | 'any';

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  metadata: EventMetadata;
  /**
   * Unique per tenant. A second append with the same key appends nothing and returns the
   * result of the first one (with `duplicate: true`), whatever its expected version.
   */
  idempotencyKey?: string;
}

export interface AppendResult {
  /** Version of the stream's last event after the append. */
  streamVersion: number;
  /** Global position of the last event written (by the first append, for a duplicate). */
  globalPosition: number;
  duplicate: boolean;
}

/** One append of an `appendMany` call. */
export interface AppendManyItem {
  streamId: string;
  /** At least one event. */
  events: NewEvent[];
  /** An exact version (0: the stream must not exist yet): the events are hashed for it, so no 'any'. */
  expectedVersion: number;
  /** As `AppendOptions.idempotencyKey`: unique per tenant. */
  idempotencyKey?: string;
}

/**
 * What happened to one item: `appended`; `duplicate` (its idempotency key was used before: the
 * first result, nothing written); `conflict` (the stream is not at the expected version:
 * `streamVersion` is where it is, nothing written). Never an exception for these outcomes.
 */
export type AppendManyResult =
  | { status: 'appended'; streamVersion: number; globalPosition: number }
  | { status: 'duplicate'; streamVersion: number; globalPosition: number }
  | { status: 'conflict'; streamVersion: number };

/**
 * What `appendAtomically` did: every item appended (their results in item order), or nothing at
 * all. `conflict` names each item whose stream was not at its expected version (`streamVersion`:
 * where it is); `duplicate` says an item's idempotency key was used before, so the whole call is
 * taken for a repeat of that earlier one (its first result) and nothing is written.
 */
export type AtomicAppendResult =
  | { status: 'appended'; results: Array<{ streamVersion: number; globalPosition: number }> }
  | { status: 'duplicate'; index: number; streamVersion: number; globalPosition: number }
  | { status: 'conflict'; conflicts: Array<{ index: number; streamId: string; streamVersion: number }> };

/** The adapter cannot append to several streams all-or-nothing (EventStoreDB has no multi-stream transaction). */
export class AtomicAppendUnsupported extends Error {
  constructor(adapter: string, streams: number) {
    super(`${adapter} cannot append to ${streams} streams atomically (no multi-stream transactions); use the PostgreSQL event store for this`);
    this.name = 'AtomicAppendUnsupported';
  }
}

export interface ReadStreamOptions {
  fromVersion?: number;
  /** Only events recorded at or before this instant (time travel). ISO-8601. */
  until?: string;
}

/**
 * Opaque cursor of a catch-up reader. Adapters encode what they need to never skip an event
 * that commits late (PostgreSQL: transaction id + position; EventStoreDB: commit/prepare).
 */
export type Checkpoint = string;

export interface ReadAllBatch {
  events: StoredEvent[];
  /** Pass back to continue after the last event of this batch (unchanged when empty). */
  checkpoint: Checkpoint | null;
}

export interface StreamBreak {
  streamId: string;
  /** Stream version where the chain first breaks. */
  streamVersion: number;
  globalPosition?: number;
  reason: 'altered' | 'removed' | 'reordered' | 'head-mismatch';
  detail: string;
}

export interface VerificationReport {
  tenantId: string;
  streamsChecked: number;
  eventsChecked: number;
  ok: boolean;
  /** The first broken link per broken stream, in stream id order. */
  breaks: StreamBreak[];
}

export interface EventStore {
  append(
    tenantId: string,
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Many appends of one tenant at once, answered per item in order, as if appended one after the
   * other: a conflict or duplicate of one item writes nothing for it and does not fail the others.
   * Streams and idempotency keys are distinct within a call (RangeError otherwise). PostgreSQL: one
   * SQL call, one transaction; other adapters may append item by item.
   */
  appendMany(tenantId: string, items: AppendManyItem[], metadata: EventMetadata): Promise<AppendManyResult[]>;
  /**
   * Many appends of one tenant, all or nothing: every item is appended, or (a conflict on any
   * stream, or any item's idempotency key used before) none is, and the answer says why. The
   * same item rules as `appendMany`. PostgreSQL: one transaction. An adapter without multi-stream
   * transactions takes a single item and refuses more with AtomicAppendUnsupported.
   */
  appendAtomically(tenantId: string, items: AppendManyItem[], metadata: EventMetadata): Promise<AtomicAppendResult>;
  readStream(tenantId: string, streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** All events of one tenant in global order, strictly after `afterPosition` (default: from the start). */
  readTenant(tenantId: string, afterPosition?: number, limit?: number): Promise<StoredEvent[]>;
  /** Catch-up read across tenants for projections; never returns an event after one it may still miss. */
  readAll(after: Checkpoint | null, limit: number): Promise<ReadAllBatch>;
  /** True when an event at `globalPosition` is at or before `checkpoint` in read order. */
  isCheckpointPast(checkpoint: Checkpoint | null, globalPosition: number): Promise<boolean>;
  /** Recomputes every hash chain of the tenant; `onProgress` (optional) hears the running count of events checked. */
  verifyTenant(tenantId: string, onProgress?: (eventsChecked: number) => void): Promise<VerificationReport>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/** The checks every adapter makes before an `appendMany` touches storage. */
export function assertAppendManyItems(tenantId: string, items: AppendManyItem[]): void {
  const streams = new Set<string>();
  const keys = new Set<string>();
  for (const [i, item] of items.entries()) {
    assertStreamOfTenant(tenantId, item.streamId);
    if (!Number.isInteger(item.expectedVersion) || item.expectedVersion < 0) {
      throw new RangeError(`item ${i}: expectedVersion must be an integer >= 0, got ${item.expectedVersion}`);
    }
    if (!Array.isArray(item.events) || item.events.length === 0) throw new RangeError(`item ${i}: at least one event`);
    if (streams.has(item.streamId)) throw new RangeError(`item ${i}: stream ${item.streamId} appears twice in one appendMany`);
    streams.add(item.streamId);
    if (item.idempotencyKey !== undefined) {
      if (keys.has(item.idempotencyKey)) throw new RangeError(`item ${i}: idempotency key appears twice in one appendMany`);
      keys.add(item.idempotencyKey);
    }
  }
}

/** `appendAtomically`'s answer from the per-item answers of one all-or-nothing attempt (a duplicate wins: the call ran before). */
export function atomicOutcome(items: AppendManyItem[], results: AppendManyResult[]): AtomicAppendResult {
  const duplicate = results.findIndex((r) => r.status === 'duplicate');
  if (duplicate >= 0) {
    const d = results[duplicate] as { streamVersion: number; globalPosition: number };
    return { status: 'duplicate', index: duplicate, streamVersion: d.streamVersion, globalPosition: d.globalPosition };
  }
  const conflicts = results.flatMap((r, index) => (r.status === 'conflict' ? [{ index, streamId: items[index].streamId, streamVersion: r.streamVersion }] : []));
  if (conflicts.length) return { status: 'conflict', conflicts };
  return { status: 'appended', results: results.map((r) => ({ streamVersion: r.streamVersion, globalPosition: (r as { globalPosition: number }).globalPosition })) };
}

export function streamIdFor(tenantId: string, category: string, id: string): string {
  return `${tenantId}.${category}-${id}`;
}

export function assertStreamOfTenant(tenantId: string, streamId: string): void {
  if (!tenantId || !streamId.startsWith(`${tenantId}.`)) {
    throw new StreamOutsideTenantError(tenantId, streamId);
  }
}

export class StreamOutsideTenantError extends Error {
  constructor(tenantId: string, streamId: string) {
    super(`stream ${streamId} does not belong to tenant ${tenantId}`);
    this.name = 'StreamOutsideTenantError';
  }
}
