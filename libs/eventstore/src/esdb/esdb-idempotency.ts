import { EventStoreDBClient, jsonEvent, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
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

const MARKER_TYPE = 'workbay.idempotency-recorded';
const SCAN_PAGE = 200;

/**
 * Tenant-wide idempotency keys on a store without transactions across streams. The first
 * result of a keyed append is recorded in a one-event stream per (tenant, key), written with
 * NO_STREAM so exactly one writer wins. Because that record is written after the events, a
 * crash in between leaves events without a record; the deterministic event ids let a retry
 * find them in the target stream (`findInStream`) and repair the record.
 *
 * Known limit: two concurrent first appends with one key on DIFFERENT streams both land; the
 * loser is reported as the duplicate. PostgreSQL serializes them, ESDB cannot.
 */
export class IdempotencyLog {
  constructor(private readonly client: EventStoreDBClient) {}

  async find(tenantId: string, key: string): Promise<Recorded | undefined> {
    const [marker] = await collectStream(this.client, idempotencyStreamName(tenantId, key), { maxCount: 1 });
    return marker?.event ? asRecorded(marker.event.data) : undefined;
  }

  /** Records the result unless a record exists; returns whichever is recorded. */
  async record(tenantId: string, key: string, result: FirstResult, writeId: string): Promise<Recorded> {
    const recorded: Recorded = { ...result, writeId };
    try {
      await this.client.appendToStream(
        idempotencyStreamName(tenantId, key),
        jsonEvent({ type: MARKER_TYPE, data: { tenantId, key, ...recorded } }),
        { expectedRevision: NO_STREAM },
      );
      return recorded;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return (await this.find(tenantId, key)) ?? recorded;
    }
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

  /** Finds an earlier write of `key` in `streamId` by its first event id, newest first. */
  async findInStream(tenantId: string, key: string, streamId: string): Promise<Recorded | undefined> {
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
        return this.record(tenantId, key, { streamVersion: first + batch.count - 1, globalPosition: written.globalPosition }, batch.writeId);
      }
      const oldest = page[page.length - 1]?.event?.revision;
      if (page.length < SCAN_PAGE || oldest === undefined || oldest === 0n) return undefined;
      from = oldest - 1n;
    }
  }
}

function asRecorded(data: unknown): Recorded | undefined {
  const d = data as Partial<Recorded> | null;
  if (!d || typeof d.streamVersion !== 'number' || typeof d.globalPosition !== 'number' || typeof d.writeId !== 'string') return undefined;
  return { streamVersion: d.streamVersion, globalPosition: d.globalPosition, writeId: d.writeId };
}
