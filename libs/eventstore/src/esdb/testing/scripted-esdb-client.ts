import { EventEmitter } from 'node:events';
import { MaxAppendSizeExceededError, StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { EventStoreDBClient, Position, StreamMetadata } from '@eventstore/db-client';

/**
 * NOT EventStoreDB: a scripted stand-in for the few client calls the adapter makes, so its own
 * logic (key reservations, retries, read timers, size and retention refusals) can be unit-tested
 * where no server can run. It mimics only what these tests script, as read in db-client 6.2.1
 * and the server source (per-stream expected revisions, same-id idempotent success at the same
 * revision, $all ignoring retention, stream reads honouring it). Passing here says nothing
 * about a real server; the contract suite (`esdb-event-store.int.spec.ts`) is that test.
 */
export interface ScriptedRecord {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  position: Position;
}

interface ProposedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

type Expected = bigint | 'any' | 'no_stream' | 'stream_exists';

export class ScriptedEsdbClient {
  readonly all: ScriptedRecord[] = [];
  readonly calls: string[] = [];
  readonly metadata = new Map<string, StreamMetadata>();
  readonly tombstoned = new Set<string>();
  throwOnAppendFailure = true;
  maxAppendSize = 1024 * 1024;
  /** Before an append is applied: may throw, or let another writer go first. */
  beforeAppend?: (streamId: string, events: ProposedEvent[]) => Promise<void> | void;
  /** After an append was applied, before its reply: may throw (a lost reply) or write more. */
  afterAppend?: (streamId: string, events: ProposedEvent[]) => Promise<void> | void;
  /** Before a stream read returns. */
  beforeRead?: (streamId: string, options: { maxCount?: number | bigint; direction?: string }) => Promise<void> | void;
  /** Replaces the default subscription (which emits every match, then caught-up). */
  onSubscribe?: (options: { fromPosition: unknown; prefixes: string[]; checkpointReached?: (sub: unknown, p: Position) => unknown }) => ScriptedSubscription;

  asClient(): EventStoreDBClient {
    return this as unknown as EventStoreDBClient;
  }

  stream(streamId: string): ScriptedRecord[] {
    return this.all.filter((r) => r.streamId === streamId);
  }

  /** Another writer's append, straight into the log. */
  write(streamId: string, events: ProposedEvent[]): ScriptedRecord[] {
    const base = BigInt(this.stream(streamId).length);
    return events.map((e, i) => {
      const commit = BigInt((this.all.length + 1) * 100);
      const record = { streamId, revision: base + BigInt(i), id: e.id, type: e.type, data: e.data, metadata: e.metadata, position: { commit, prepare: commit } };
      this.all.push(record);
      return record;
    });
  }

  async appendToStream(streamId: string, input: ProposedEvent | ProposedEvent[], options: { expectedRevision?: Expected } = {}) {
    const events = Array.isArray(input) ? input : [input];
    const expected = options.expectedRevision ?? 'any';
    this.calls.push(`append ${label(streamId)} ${events.map((e) => e.type).join(',')} @${String(expected)}`);
    await this.beforeAppend?.(streamId, events);
    if (this.tombstoned.has(streamId)) throw StreamDeletedError.fromStreamName(streamId);
    const size = events.reduce((n, e) => n + JSON.stringify(e.data).length + JSON.stringify(e.metadata ?? null).length, 0);
    if (size > this.maxAppendSize) throw MaxAppendSizeExceededError.fromMaxAppendSize(this.maxAppendSize);
    const current = this.stream(streamId);
    const currentRevision = current.length === 0 ? 'no_stream' : current[current.length - 1].revision;
    const start = expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : current.length;
    // The server's idempotency: the same ids already at that revision succeed without writing.
    const same = events.every((e, i) => current[start + i]?.id === e.id);
    if (same && start < current.length) return { success: true, nextExpectedRevision: BigInt(start + events.length - 1), position: current[start + events.length - 1].position };
    const ok = expected === 'any' || (expected === 'stream_exists' ? current.length > 0 : start === current.length);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected, current: currentRevision });
    const written = this.write(streamId, events);
    await this.afterAppend?.(streamId, events);
    return { success: true, nextExpectedRevision: written[written.length - 1].revision, position: written[0].position };
  }

  readStream(streamId: string, options: { fromRevision?: bigint | 'start' | 'end'; direction?: string; maxCount?: number | bigint } = {}): AsyncIterable<unknown> {
    this.calls.push(`read ${label(streamId)}${options.direction === 'backwards' ? ' backwards' : ''}${options.maxCount === undefined ? '' : ` max ${options.maxCount}`}`);
    const self = this;
    return (async function* () {
      await self.beforeRead?.(streamId, options);
      if (self.tombstoned.has(streamId)) throw StreamDeletedError.fromStreamName(streamId);
      const visible = self.visible(streamId);
      if (self.stream(streamId).length === 0) throw new StreamNotFoundError(undefined, streamId);
      const backwards = options.direction === 'backwards';
      const from = options.fromRevision;
      let list = backwards ? [...visible].reverse() : visible;
      if (typeof from === 'bigint') list = list.filter((r) => (backwards ? r.revision <= from : r.revision >= from));
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      for (const r of list.slice(0, max)) yield resolvedOf(r);
    })();
  }

  readAll(options: { fromPosition?: Position | 'start' | 'end'; direction?: string; maxCount?: number | bigint } = {}): AsyncIterable<unknown> {
    const self = this;
    return (async function* () {
      const backwards = options.direction === 'backwards';
      const from = options.fromPosition;
      let list = backwards ? [...self.all].reverse() : [...self.all];
      if (from && typeof from === 'object') list = list.filter((r) => (backwards ? r.position.commit <= from.commit : r.position.commit >= from.commit));
      for (const r of list.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER))) yield { ...resolvedOf(r), commitPosition: r.position.commit };
    })();
  }

  subscribeToAll(options: { fromPosition: Position | 'start'; filter: { prefixes: string[]; checkpointReached?: (sub: unknown, p: Position) => unknown } }): ScriptedSubscription {
    const request = { fromPosition: options.fromPosition, prefixes: options.filter.prefixes, checkpointReached: options.filter.checkpointReached };
    if (this.onSubscribe) return this.onSubscribe(request);
    const sub = new ScriptedSubscription();
    const after = typeof options.fromPosition === 'object' ? options.fromPosition.commit : -1n;
    setImmediate(() => {
      for (const r of this.all) {
        if (r.position.commit > after && options.filter.prefixes.some((p) => r.streamId.startsWith(p))) sub.emit('data', { ...resolvedOf(r), commitPosition: r.position.commit });
      }
      sub.emit('caughtUp');
    });
    return sub;
  }

  async getStreamMetadata(streamId: string) {
    if (this.tombstoned.has(streamId)) throw StreamDeletedError.fromStreamName(streamId);
    const metadata = this.metadata.get(streamId);
    return metadata ? { streamName: streamId, metadata } : { streamName: streamId };
  }

  async dispose(): Promise<void> {
    return undefined;
  }

  /** What a stream read returns under `$tb` / `$maxCount` (`$maxAge` is scripted as `$tb`). */
  private visible(streamId: string): ScriptedRecord[] {
    const records = this.stream(streamId);
    const m = this.metadata.get(streamId);
    let out = records;
    if (typeof m?.truncateBefore === 'number') out = out.filter((r) => r.revision >= BigInt(m.truncateBefore as number));
    if (typeof m?.maxCount === 'number') out = out.slice(Math.max(0, out.length - m.maxCount));
    return out;
  }
}

export class ScriptedSubscription extends EventEmitter {
  unsubscribed = false;
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
}

export function resolvedOf(r: ScriptedRecord) {
  return { event: { streamId: r.streamId, id: r.id, revision: r.revision, type: r.type, data: r.data, metadata: r.metadata, isJson: true, position: r.position, created: new Date(0) } };
}

function label(streamId: string): string {
  return streamId.startsWith('workbay-idempotency-') ? 'marker' : streamId;
}
