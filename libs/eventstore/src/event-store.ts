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
  readStream(tenantId: string, streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** All events of one tenant in global order, strictly after `afterPosition` (default: from the start). */
  readTenant(tenantId: string, afterPosition?: number, limit?: number): Promise<StoredEvent[]>;
  /** Catch-up read across tenants for projections; never returns an event after one it may still miss. */
  readAll(after: Checkpoint | null, limit: number): Promise<ReadAllBatch>;
  /** True when an event at `globalPosition` is at or before `checkpoint` in read order. */
  isCheckpointPast(checkpoint: Checkpoint | null, globalPosition: number): Promise<boolean>;
  verifyTenant(tenantId: string): Promise<VerificationReport>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

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
