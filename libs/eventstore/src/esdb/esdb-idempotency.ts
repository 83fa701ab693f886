import { EventStoreDBClient, jsonEvent, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import type { JSONType } from '@eventstore/db-client';
import { collectStream, toStoredEvent } from './esdb-reads';
import { deterministicEventId, idempotencyStreamName, isEnvelope } from './esdb-helpers';

export interface FirstResult {
  streamVersion: number;
  globalPosition: number;
}

/** The first result plus the write id of the append that produced it. */
export interface Recorded extends FirstResult {
  writeId: string;
}

export const RESERVED_TYPE = 'workbay.idempotency-reserved';
export const RECORDED_TYPE = 'workbay.idempotency-recorded';
export const RELEASED_TYPE = 'workbay.idempotency-released';
const SCAN_PAGE = 200;

/**
 * Where a key stands, from the last event of its marker stream. `next` is the revision the
 * next marker event must be appended at (NO_STREAM for a key never used).
 */
export type KeyState =
  | { kind: 'free'; next: bigint | typeof NO_STREAM }
  | { kind: 'reserved'; writeId: string; streamId: string; at: number; revision: bigint }
  | { kind: 'recorded'; result: Recorded };

/** Folds the last marker event (pure). */
export function keyStateOf(last: { type: string; data: unknown; revision: bigint } | undefined): KeyState {
  if (!last) return { kind: 'free', next: NO_STREAM };
  const d = (last.data ?? {}) as Record<string, unknown>;
  if (last.type === RECORDED_TYPE) {
    const result = asRecorded(d);
    if (result) return { kind: 'recorded', result };
  }
  if (last.type === RESERVED_TYPE && typeof d.writeId === 'string' && typeof d.streamId === 'string' && typeof d.at === 'number') {
    return { kind: 'reserved', writeId: d.writeId, streamId: d.streamId, at: d.at, revision: last.revision };
  }
  return { kind: 'free', next: last.revision };
}

/**
 * Tenant-wide idempotency keys on a store without transactions across streams. One marker
 * stream per (tenant, key) holds the key's life: `reserved` (by one write id, for one target
 * stream), then `recorded` (the first result) or `released` (the write conflicted and wrote
 * nothing, so the key is free again). Every marker event is appended at the exact revision
 * the writer read, so exactly one writer holds a key at a time: the events are written only
 * under a reservation, which is what makes concurrent first appends with one key on
 * different streams write once.
 */
export class IdempotencyLog {
  constructor(private readonly client: EventStoreDBClient) {}

  async state(tenantId: string, key: string): Promise<KeyState> {
    const [last] = await collectStream(this.client, idempotencyStreamName(tenantId, key), { backwards: true, maxCount: 1 });
    const e = last?.event;
    return keyStateOf(e ? { type: e.type, data: e.data, revision: e.revision } : undefined);
  }

  /** Appends `reserved` at `next`; the revision it got, or undefined when another writer got there first. */
  async reserve(tenantId: string, key: string, next: KeyState & { kind: 'free' }, claim: { writeId: string; streamId: string; at: number }): Promise<bigint | undefined> {
    const written = await this.appendMarker(tenantId, key, RESERVED_TYPE, { tenantId, key, ...claim }, next.next);
    return written === undefined ? undefined : written;
  }

  /** Frees a reservation that wrote nothing (a no-op if the key moved on meanwhile). */
  async release(tenantId: string, key: string, writeId: string, revision: bigint): Promise<void> {
    await this.appendMarker(tenantId, key, RELEASED_TYPE, { tenantId, key, writeId }, revision);
  }

  /**
   * Records the result after the reservation at `revision`; returns whichever result is
   * recorded (another writer's if the reservation was taken over meanwhile).
   */
  async record(tenantId: string, key: string, result: FirstResult, writeId: string, revision: bigint): Promise<Recorded> {
    const recorded: Recorded = { ...result, writeId };
    if ((await this.appendMarker(tenantId, key, RECORDED_TYPE, { tenantId, key, ...recorded }, revision)) !== undefined) return recorded;
    const now = await this.state(tenantId, key);
    return now.kind === 'recorded' ? now.result : recorded;
  }

  /** Who wrote the keyed batch at versions first..last, and the last event's position. */
  async writeAt(streamId: string, first: number, last: number): Promise<{ writeId: string; globalPosition: number } | undefined> {
    const batch = await collectStream(this.client, streamId, { fromRevision: BigInt(first - 1), maxCount: last - first + 1 });
    const head = batch[0]?.event;
    const tail = batch[batch.length - 1];
    const stored = tail && toStoredEvent(tail);
    if (!head || !isEnvelope(head.metadata) || !head.metadata.batch || !stored) return undefined;
    return { writeId: head.metadata.batch.writeId, globalPosition: stored.globalPosition };
  }

  /**
   * Finds a write of `key` in `streamId` by its first event id, newest first, looking only at
   * versions after `afterVersion` (a writer's own events cannot sit at or before the head it
   * first read). No record is written.
   */
  async findInStream(tenantId: string, key: string, streamId: string, afterVersion = 0): Promise<Recorded | undefined> {
    const firstId = deterministicEventId(tenantId, key, 0);
    let from: bigint | undefined;
    for (;;) {
      const page = await collectStream(this.client, streamId, { backwards: true, fromRevision: from, maxCount: SCAN_PAGE });
      for (const resolved of page) {
        const e = resolved.event;
        if (!e || e.id !== firstId || !isEnvelope(e.metadata)) continue;
        const batch = e.metadata.batch;
        if (!batch) return undefined;
        const first = Number(e.revision) + 1;
        const written = await this.writeAt(streamId, first, first + batch.count - 1);
        if (!written) return undefined;
        return { streamVersion: first + batch.count - 1, globalPosition: written.globalPosition, writeId: batch.writeId };
      }
      const oldest = page[page.length - 1]?.event?.revision;
      if (page.length < SCAN_PAGE || oldest === undefined || oldest === 0n || oldest < BigInt(afterVersion)) return undefined;
      from = oldest - 1n;
    }
  }

  /** The revision written, or undefined on a wrong expected revision (someone else moved the key). */
  private async appendMarker(tenantId: string, key: string, type: string, data: Record<string, unknown>, expected: bigint | typeof NO_STREAM): Promise<bigint | undefined> {
    try {
      const written = await this.client.appendToStream(idempotencyStreamName(tenantId, key), jsonEvent({ type, data: data as JSONType }), { expectedRevision: expected });
      if (!written.success) return undefined;
      return written.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return undefined;
      throw error;
    }
  }
}

function asRecorded(data: unknown): Recorded | undefined {
  const d = data as Partial<Recorded> | null;
  if (!d || typeof d.streamVersion !== 'number' || typeof d.globalPosition !== 'number' || typeof d.writeId !== 'string') return undefined;
  return { streamVersion: d.streamVersion, globalPosition: d.globalPosition, writeId: d.writeId };
}
