import { StoredEvent, StreamBreak, VerificationReport } from './event-store';
import { chainDigest, contentDigest, contentHash, GENESIS_DIGEST, GENESIS_HASH, HashableEvent } from './hash-chain';

/** What the store records as a stream's tip (Postgres: eventstore.streams). */
export interface StreamHead {
  version: number;
  /** Hex chain hash of the last event. */
  headHash: string;
}

export interface StreamToVerify {
  streamId: string;
  /** The stream's events as stored (NOT upcast), in the store's version order. */
  events: StoredEvent[];
  /** Omit when the store keeps no separate head: the head check is then skipped. */
  head?: StreamHead | null;
}

/**
 * Pure: recomputes every content hash and the chain of one stream and returns the first broken
 * link, or undefined. Checks run in the order that names the cause best: order, then gaps,
 * then content (a payload that belongs to another slot is 'reordered'), then the chain.
 */
export function verifyStream(stream: StreamToVerify, requireHead = 'head' in stream): StreamBreak | undefined {
  const { streamId, events } = stream;
  const at = (e: StoredEvent | undefined, version: number, reason: StreamBreak['reason'], detail: string): StreamBreak => ({
    streamId,
    streamVersion: version,
    ...(e ? { globalPosition: e.globalPosition } : {}),
    reason,
    detail,
  });
  let previousChain = GENESIS_HASH;
  let previousDigest: Buffer = GENESIS_DIGEST;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const expected = i + 1;
    const prev = events[i - 1];
    if (prev && (e.streamVersion <= prev.streamVersion || e.globalPosition <= prev.globalPosition)) {
      return at(e, e.streamVersion, 'reordered', `version ${e.streamVersion} at position ${e.globalPosition} follows version ${prev.streamVersion} at position ${prev.globalPosition}`);
    }
    if (e.streamVersion !== expected) {
      const later = events.find((x) => x.streamVersion === expected);
      return later
        ? at(later, expected, 'reordered', `version ${expected} comes after version ${e.streamVersion}`)
        : at(undefined, expected, 'removed', `version ${expected} is missing (next is ${e.streamVersion})`);
    }
    // The event itself is hashable (contentDigest reads only the hashed members): no copy per event.
    const digest = contentDigest(e);
    const recomputed = digest.toString('hex');
    if (recomputed !== e.contentHash) {
      const other = belongsElsewhere(e, events);
      return other === undefined
        ? at(e, expected, 'altered', `content hash mismatch (stored ${short(e.contentHash)}, recomputed ${short(recomputed)})`)
        : at(e, expected, 'reordered', `version ${expected} holds content that belongs with version ${other}`);
    }
    // The content digest equals the stored content hash here, so it chains as the stored one would.
    const chainBytes = chainDigest(previousDigest, digest);
    const chain = chainBytes.toString('hex');
    if (chain !== e.chainHash) {
      return at(e, expected, 'altered', `chain hash mismatch (stored ${short(e.chainHash)}, recomputed ${short(chain)})`);
    }
    previousChain = chain;
    previousDigest = chainBytes;
  }
  if (!requireHead) return undefined;
  const head = stream.head;
  const last = events[events.length - 1];
  const lastVersion = last?.streamVersion ?? 0;
  if (!head) {
    return at(last, lastVersion, 'head-mismatch', 'the stream has events but no head record');
  }
  if (head.version > lastVersion) {
    return at(undefined, lastVersion + 1, 'removed', `head is at version ${head.version} but the last event is version ${lastVersion}`);
  }
  if (head.version < lastVersion) {
    return at(last, head.version + 1, 'head-mismatch', `head is at version ${head.version} but events go up to ${lastVersion}`);
  }
  if (head.headHash !== previousChain) {
    return at(last, lastVersion, 'head-mismatch', `head hash ${short(head.headHash)} differs from the chain ${short(previousChain)}`);
  }
  return undefined;
}

/** Builds the report over all streams of a tenant; breaks are listed in stream id order. */
export function verifyStreams(tenantId: string, streams: StreamToVerify[]): VerificationReport {
  const sorted = [...streams].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  const breaks: StreamBreak[] = [];
  let eventsChecked = 0;
  for (const s of sorted) {
    eventsChecked += s.events.length;
    const broken = verifyStream(s);
    if (broken) breaks.push(broken);
  }
  return { tenantId, streamsChecked: sorted.length, eventsChecked, ok: breaks.length === 0, breaks };
}

/** Groups raw events (any order) and heads by stream, sorting each stream by version then position. */
export function groupStreams(events: StoredEvent[], heads?: Map<string, StreamHead>): StreamToVerify[] {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = byStream.get(e.streamId) ?? [];
    list.push(e);
    byStream.set(e.streamId, list);
  }
  const ids = new Set([...byStream.keys(), ...(heads?.keys() ?? [])]);
  return [...ids].map((streamId) => {
    const list = (byStream.get(streamId) ?? []).sort((a, b) => a.streamVersion - b.streamVersion || a.globalPosition - b.globalPosition);
    return heads ? { streamId, events: list, head: heads.get(streamId) ?? null } : { streamId, events: list };
  });
}

export function hashable(e: StoredEvent): HashableEvent {
  return {
    eventId: e.eventId,
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
  };
}

/**
 * Distinguishes a swap from an edit: the event's stored hash is reproduced by its content placed
 * at another version, or by another event's payload placed here. Only runs on a broken stream.
 */
function belongsElsewhere(e: StoredEvent, events: StoredEvent[]): number | undefined {
  for (const other of events) {
    if (other === e) continue;
    if (contentHash({ ...hashable(e), streamVersion: other.streamVersion }) === e.contentHash) return other.streamVersion;
    const withPayload = { ...hashable(e), type: other.type, schemaVersion: other.schemaVersion, data: other.data, metadata: other.metadata };
    if (contentHash(withPayload) === e.contentHash) return other.streamVersion;
  }
  return undefined;
}

function short(hex: string): string {
  return hex.slice(0, 12);
}

/**
 * An event as the verifier reads it from storage: the hashed members as stored (payload and
 * metadata as their stored JSON text, not yet parsed), the hashes as bytes. No StoredEvent, no
 * Date and no hex string per event: what lets a tenant verify at 100k+ events/s.
 */
export interface RawStoredEvent {
  eventId: string;
  streamVersion: number;
  globalPosition: number;
  type: string;
  schemaVersion: number;
  /** The stored payload's JSON text; parsed here, so the hash is recomputed from what is stored. */
  data: string;
  metadata: string;
  /** ISO-8601 UTC at millisecond precision. */
  recordedAt: string;
  contentHash: Buffer;
  chainHash: Buffer;
}

export interface RawStream {
  streamId: string;
  /** In the store's version order. */
  events: RawStoredEvent[];
  head: { version: number; headHash: Buffer } | null;
}

/** What the chain step needs of an event; its content digest comes separately. */
export type ChainLink = Pick<RawStoredEvent, 'streamVersion' | 'globalPosition' | 'contentHash' | 'chainHash'>;

/** Where one stream's chain stands while a tenant's events stream past in global order. */
interface ChainState {
  version: number;
  position: number;
  digest: Buffer;
  broken: boolean;
}

/**
 * Verifies a tenant's streams from its events in global order (one pass, pages of any size):
 * memory holds 50-odd bytes per stream, never the events. It decides only whether each stream is
 * intact, exactly as `verifyStream` would (in position order an intact stream's versions run
 * 1, 2, 3 ...: the same as sorting by version and finding positions rising); the caller re-reads a
 * stream found broken and lets `verifyStream` name its break.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, ChainState>();
  eventsChecked = 0;

  /** One event, its content digest recomputed by the caller (`contentDigest` of the event as stored, or digestsInThread/DigestWorkers). */
  add(streamId: string, e: ChainLink, digest: Buffer): void {
    this.eventsChecked++;
    let state = this.streams.get(streamId);
    if (!state) this.streams.set(streamId, (state = { version: 0, position: 0, digest: GENESIS_DIGEST, broken: false }));
    if (state.broken) return;
    if (e.streamVersion !== state.version + 1 || e.globalPosition <= state.position || !digest.equals(e.contentHash)) {
      state.broken = true;
      return;
    }
    state.version = e.streamVersion;
    state.position = e.globalPosition;
    state.digest = chainDigest(state.digest, digest);
    if (!state.digest.equals(e.chainHash)) state.broken = true;
  }

  /** Ids of the streams that are not intact against their heads (every stream the store knows, with or without events). */
  broken(heads: Iterable<{ streamId: string; head: { version: number; headHash: Buffer } | null }>): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const { streamId, head } of heads) {
      seen.add(streamId);
      const state = this.streams.get(streamId);
      const version = state?.version ?? 0;
      const digest = state?.digest ?? GENESIS_DIGEST;
      if (state?.broken || !head || head.version !== version || !head.headHash.equals(digest)) out.push(streamId);
    }
    // Events of a stream the heads did not list (its head row gone): broken, as verifyStream says.
    for (const streamId of this.streams.keys()) if (!seen.has(streamId)) out.push(streamId);
    return out;
  }
}

/** The break `verifyStream` names for a raw stream (undefined if intact), through the StoredEvent form. */
export function verifyRawStream(tenantId: string, stream: RawStream): StreamBreak | undefined {
  const events: StoredEvent[] = stream.events.map((e) => ({
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: JSON.parse(e.data),
    tenantId,
    streamId: stream.streamId,
    streamVersion: e.streamVersion,
    globalPosition: e.globalPosition,
    recordedAt: e.recordedAt,
    metadata: JSON.parse(e.metadata),
    contentHash: e.contentHash.toString('hex'),
    chainHash: e.chainHash.toString('hex'),
  }));
  const head = stream.head ? { version: stream.head.version, headHash: stream.head.headHash.toString('hex') } : null;
  return verifyStream({ streamId: stream.streamId, events, head });
}
