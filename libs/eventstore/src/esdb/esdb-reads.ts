import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Position, ResolvedEvent } from '@eventstore/db-client';
import { StoredEvent } from '../event-store';
import { EsdbPositionMissing } from './esdb-errors';
import { comparePositions, EsdbEnvelope, isEnvelope, toGlobalPosition } from './esdb-helpers';

/**
 * Read plumbing of the EventStoreDB adapter: turning ESDB records into port events, and the
 * filtered tenant scan (the client's `readAll` has no server-side filter, subscriptions do).
 */
export type AnyResolved = ResolvedEvent | AllStreamResolvedEvent;

/** The raw (not upcast) port event, or undefined for anything this adapter did not write. */
export function toStoredEvent(resolved: AnyResolved): StoredEvent | undefined {
  const e = resolved.event;
  if (!e || !e.isJson || !isEnvelope(e.metadata)) return undefined;
  const env = e.metadata as unknown as EsdbEnvelope;
  const commit = e.position?.commit ?? resolved.commitPosition;
  // The client turns an unset protobuf position into 0 (db-client `utils/convertGrpcEvent.js`,
  // `extractPosition`), and no event sits at log position 0: both mean the server sent none.
  if (commit === undefined || commit === 0n) throw new EsdbPositionMissing(e.streamId);
  return {
    eventId: e.id,
    type: e.type,
    schemaVersion: env.schemaVersion,
    data: e.data,
    tenantId: env.tenantId,
    streamId: e.streamId,
    streamVersion: Number(e.revision) + 1,
    globalPosition: toGlobalPosition(commit),
    recordedAt: env.recordedAt,
    metadata: env.metadata,
    contentHash: env.contentHash,
    chainHash: env.chainHash,
  };
}

export function positionOf(resolved: AnyResolved): Position | undefined {
  const e = resolved.event as { position?: Position } | undefined;
  if (e?.position) return e.position;
  return resolved.commitPosition === undefined ? undefined : { commit: resolved.commitPosition, prepare: resolved.commitPosition };
}

/** Collects a read; a stream that does not exist reads as empty instead of throwing. */
export async function collectStream(
  client: EventStoreDBClient,
  streamName: string,
  options: { fromRevision?: bigint; maxCount?: number; backwards?: boolean } = {},
): Promise<ResolvedEvent[]> {
  const out: ResolvedEvent[] = [];
  try {
    const read = client.readStream(streamName, {
      fromRevision: options.fromRevision ?? (options.backwards ? END : START),
      direction: options.backwards ? BACKWARDS : FORWARDS,
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    for await (const resolved of read) out.push(resolved);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return out;
}

/** Position of the newest record in $all (any stream), or undefined for an empty store. */
export async function endOfAll(client: EventStoreDBClient): Promise<Position | undefined> {
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    return positionOf(resolved);
  }
  return undefined;
}

/**
 * How long the filtered subscription may stay silent (no event, no checkpoint, no caught-up)
 * before the rest of the range is read without it. Silence never ends a read: a server before
 * 23.10 sends no caught-up signal, and a filtered scan only reports progress every
 * `checkpointInterval × maxSearchWindow` scanned events, so the last stretch may be silent.
 */
export const PREFIX_READ_IDLE_MS = 2_000;
/** Page size of the unfiltered tail read that finishes a read after the subscription fell silent. */
const TAIL_PAGE = 500;

export interface PrefixReadOptions {
  idleMs?: number;
}

/**
 * Reads the events of streams starting with `prefix` after commit position `after`, up to `limit`,
 * as a snapshot of $all up to its end when the call started. A catch-up subscription filtered on
 * the server does the scan (the client's `readAll` sends `NoFilter`, see db-client
 * `streams/readAll.js`); it ends when an event or a checkpoint passes that end, when the server
 * says caught-up, or when `limit` events were found. If it falls silent, it is dropped and the
 * rest, from the last position it reported to the end, is read with `readAll` and filtered here:
 * every outcome is the whole range, never a part of it that looks whole.
 */
export async function readByStreamPrefix(
  client: EventStoreDBClient,
  prefix: string,
  after: number,
  limit: number,
  options: PrefixReadOptions = {},
): Promise<AllStreamResolvedEvent[]> {
  const end = await endOfAll(client);
  if (!end || BigInt(after) >= end.commit || limit <= 0) return [];
  const out: AllStreamResolvedEvent[] = [];
  const take = (resolved: AllStreamResolvedEvent, position: Position | undefined) => {
    const e = resolved.event;
    // The server filter is authoritative; the re-check guards against a prefix-matching link.
    if (e && e.streamId.startsWith(prefix) && position && position.commit > BigInt(after) && position.commit <= end.commit) out.push(resolved);
  };
  const scanned = await subscribeUntilEnd(client, prefix, after, end, limit, options.idleMs ?? PREFIX_READ_IDLE_MS, take, () => out.length);
  if (scanned.outcome === 'silent' && out.length < limit) {
    await readTail(client, scanned.last, end, limit, take, () => out.length);
  }
  return out;
}

type ScanOutcome = { outcome: 'done' } | { outcome: 'silent'; last: Position | undefined };

function subscribeUntilEnd(
  client: EventStoreDBClient,
  prefix: string,
  after: number,
  end: Position,
  limit: number,
  idleMs: number,
  take: (resolved: AllStreamResolvedEvent, position: Position | undefined) => void,
  found: () => number,
): Promise<ScanOutcome> {
  const passedEnd = (p: Position) => p.commit >= end.commit;
  let last: Position | undefined = after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : undefined;
  let onCheckpoint: (position: Position) => void = () => undefined;
  const subscription = client.subscribeToAll({
    // A subscription starts strictly after the position it is given.
    fromPosition: last ?? START,
    filter: streamNameFilter({ prefixes: [prefix], checkpointInterval: 1, checkpointReached: (_sub, position) => onCheckpoint(position) }),
  });
  return new Promise<ScanOutcome>((resolve, reject) => {
    let done = false;
    let idle: NodeJS.Timeout | undefined;
    const stop = (outcome: ScanOutcome | Error) => {
      if (done) return;
      done = true;
      if (idle) clearTimeout(idle);
      subscription.unsubscribe().catch(() => undefined);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // Any sign of progress (event or checkpoint) re-arms; only silence hands over to the tail read.
    const arm = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => stop({ outcome: 'silent', last }), idleMs);
    };
    const progressed = (position: Position | undefined) => {
      if (position && (!last || comparePositions(position, last) > 0)) last = position;
      if ((position && passedEnd(position)) || found() >= limit) stop({ outcome: 'done' });
      else arm();
    };
    onCheckpoint = (position) => {
      if (!done) progressed(position);
    };
    arm();
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (done) return;
      const position = positionOf(resolved);
      take(resolved, position);
      progressed(position);
    });
    subscription.on('caughtUp', () => stop({ outcome: 'done' }));
    subscription.on('error', (error: Error) => stop(error));
    // The server ending the subscription early says nothing about completeness: read the rest.
    subscription.on('end', () => stop({ outcome: 'silent', last }));
  });
}

/** Reads $all unfiltered from `from` (exclusive) to `end` (inclusive), in pages. */
async function readTail(
  client: EventStoreDBClient,
  from: Position | undefined,
  end: Position,
  limit: number,
  take: (resolved: AllStreamResolvedEvent, position: Position | undefined) => void,
  found: () => number,
): Promise<void> {
  let cursor = from;
  for (;;) {
    let scanned = 0;
    for await (const resolved of client.readAll({ fromPosition: cursor ?? START, direction: FORWARDS, maxCount: TAIL_PAGE })) {
      scanned++;
      const position = positionOf(resolved);
      // A $all read starts AT the given position: skip the record the cursor names.
      if (!position || (cursor && comparePositions(position, cursor) <= 0)) continue;
      if (position.commit > end.commit) return;
      cursor = position;
      take(resolved, position);
      if (found() >= limit) return;
    }
    if (scanned < TAIL_PAGE) return;
  }
}
