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
import { EsdbEnvelope, isEnvelope, toGlobalPosition } from './esdb-helpers';

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
  return {
    eventId: e.id,
    type: e.type,
    schemaVersion: env.schemaVersion,
    data: e.data,
    tenantId: env.tenantId,
    streamId: e.streamId,
    streamVersion: Number(e.revision) + 1,
    // Servers before 22.6 omit positions on stream reads; -1 says "unknown" rather than lying.
    globalPosition: commit === undefined ? -1 : toGlobalPosition(commit),
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

/** Without an explicit end signal from older servers, this long without a message means "caught up". */
const IDLE_MS = 2_000;

/**
 * Reads the events of streams starting with `prefix` after commit position `after`, up to `limit`.
 * A catch-up subscription filtered on the server does the scan; it is cut off once it passes
 * the end of $all as it was when we started (by an event, a checkpoint or the server's
 * caught-up signal), so the call returns a snapshot instead of waiting for new events.
 */
export async function readByStreamPrefix(
  client: EventStoreDBClient,
  prefix: string,
  after: number,
  limit: number,
): Promise<AllStreamResolvedEvent[]> {
  const end = await endOfAll(client);
  if (!end || BigInt(after) >= end.commit || limit <= 0) return [];
  const out: AllStreamResolvedEvent[] = [];
  let finish: () => void = () => undefined;
  const passedEnd = (p: Position) => p.commit >= end.commit;
  const subscription = client.subscribeToAll({
    // A subscription starts strictly after the position it is given.
    fromPosition: after > 0 ? { commit: BigInt(after), prepare: BigInt(after) } : START,
    filter: streamNameFilter({
      prefixes: [prefix],
      checkpointInterval: 1,
      checkpointReached: (_sub, position) => {
        if (passedEnd(position)) finish();
      },
    }),
  });
  await new Promise<void>((resolve, reject) => {
    let done = false;
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => finish(), IDLE_MS);
    };
    const stop = (error?: unknown) => {
      if (done) return;
      done = true;
      if (idle) clearTimeout(idle);
      subscription.unsubscribe().catch(() => undefined);
      if (error) reject(error);
      else resolve();
    };
    finish = () => stop();
    arm();
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (done) return;
      arm();
      const position = positionOf(resolved);
      const e = resolved.event;
      // The server filter is authoritative; the re-check guards against a prefix-matching link.
      if (e && e.streamId.startsWith(prefix) && position && position.commit > BigInt(after)) out.push(resolved);
      if (out.length >= limit || (position && passedEnd(position))) stop();
    });
    subscription.on('caughtUp', () => stop());
    subscription.on('error', (error: Error) => stop(error));
    subscription.on('end', () => stop());
  });
  return out;
}
