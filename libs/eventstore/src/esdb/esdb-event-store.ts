import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, FORWARDS, jsonEvent, START, WrongExpectedVersionError } from '@eventstore/db-client';
import type { JSONType } from '@eventstore/db-client';
import { ConcurrencyError } from '../errors';
import {
  AppendOptions,
  AppendResult,
  assertStreamOfTenant,
  Checkpoint,
  EventStore,
  NewEvent,
  ReadAllBatch,
  ReadStreamOptions,
  StoredEvent,
  VerificationReport,
} from '../event-store';
import { chainHash, contentHash, GENESIS_HASH } from '../hash-chain';
import { EventStoreOptions, UpcasterRegistry } from '../upcasting';
import { groupStreams, StreamHead, verifyStreams } from '../verify';
import {
  assertVersion,
  comparePositions,
  decodeCheckpoint,
  deterministicEventId,
  encodeCheckpoint,
  EsdbEnvelope,
  isSkippedInAll,
  jsonNormalize,
  toExpectedRevision,
  versionOfRevision,
} from './esdb-helpers';
import { IdempotencyLog } from './esdb-idempotency';
import { collectStream, positionOf, readByStreamPrefix, toStoredEvent } from './esdb-reads';

const MAX_ANY_ATTEMPTS = 20;
const HEAD_CACHE_LIMIT = 10_000;
const TENANT_PAGE = 5_000;

interface Head {
  version: number;
  chainHash: string;
  globalPosition: number;
}

/**
 * EventStore on EventStoreDB. ESDB has no server-side code, so what the Postgres function does
 * in one transaction happens client-side here: the chain hash is computed from the stream head
 * read (or remembered) before the write, and the ESDB expected revision makes the write fail if
 * that head moved meanwhile, so a chain can never fork. A client passed in stays the caller's.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly upcasters: UpcasterRegistry;
  private readonly idempotency: IdempotencyLog;
  /** Head after our own last write per stream: saves the head read on the next append. */
  private readonly heads = new Map<string, Head>();

  constructor(client: EventStoreDBClient | string, options: EventStoreOptions = {}) {
    this.ownsClient = typeof client === 'string';
    this.client = typeof client === 'string' ? EventStoreDBClient.connectionString(client) : client;
    this.upcasters = new UpcasterRegistry(options.upcasters);
    this.idempotency = new IdempotencyLog(this.client);
  }

  async append(tenantId: string, streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertStreamOfTenant(tenantId, streamId);
    const { expectedVersion, idempotencyKey: key } = options;
    if (expectedVersion !== 'any') assertVersion(expectedVersion);
    if (key !== undefined) {
      // The stream scan covers a crash between an earlier write and its record.
      const first = (await this.idempotency.find(tenantId, key)) ?? (await this.idempotency.findInStream(tenantId, key, streamId));
      if (first) return { streamVersion: first.streamVersion, globalPosition: first.globalPosition, duplicate: true };
    }
    const recordedAt = new Date().toISOString();
    const writeId = randomUUID();
    const metadata = jsonNormalize(options.metadata);
    const prepared = events.map((e, index) => ({
      eventId: key === undefined ? randomUUID() : deterministicEventId(tenantId, key, index),
      type: e.type,
      schemaVersion: e.schemaVersion ?? 1,
      data: jsonNormalize(e.data),
    }));

    for (let attempt = 1; ; attempt++) {
      const head = await this.head(streamId, expectedVersion);
      const expected = expectedVersion === 'any' ? head.version : expectedVersion;
      if (head.version !== expected) return this.conflict(tenantId, streamId, key, expectedVersion, head.version);
      if (prepared.length === 0) return { streamVersion: head.version, globalPosition: head.globalPosition, duplicate: false };

      let chain = head.chainHash;
      const data = prepared.map((e, i) => {
        const streamVersion = expected + i + 1;
        const content = contentHash({ ...e, streamId, streamVersion, metadata, recordedAt });
        chain = chainHash(chain, content);
        const envelope: EsdbEnvelope = {
          wb: 1, tenantId, schemaVersion: e.schemaVersion, recordedAt, metadata, contentHash: content, chainHash: chain,
          ...(key === undefined ? {} : { batch: { index: i, count: prepared.length, writeId } }),
        };
        return jsonEvent({ id: e.eventId, type: e.type, data: e.data as JSONType, metadata: envelope as unknown as JSONType });
      });
      try {
        const written = await this.client.appendToStream(streamId, data, { expectedRevision: toExpectedRevision(expected) });
        const streamVersion = versionOfRevision(written.nextExpectedRevision);
        if (key !== undefined) return await this.settleKeyed(tenantId, streamId, key, writeId, expected + 1, { version: streamVersion, chainHash: chain });
        // The reply's position is the write's; only for one event is that surely the last event's.
        const globalPosition =
          prepared.length === 1 && written.position ? Number(written.position.commit) : (await this.readHead(streamId)).globalPosition;
        this.remember(streamId, { version: streamVersion, chainHash: chain, globalPosition });
        return { streamVersion, globalPosition, duplicate: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.heads.delete(streamId);
        const actual = versionOfRevision(error.actualVersion);
        if (expectedVersion !== 'any' || attempt >= MAX_ANY_ATTEMPTS) {
          return this.conflict(tenantId, streamId, key, expectedVersion, actual);
        }
      }
    }
  }

  async readStream(tenantId: string, streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamOfTenant(tenantId, streamId);
    const from = Math.max(1, options.fromVersion ?? 1);
    const until = options.until === undefined ? undefined : new Date(options.until).getTime();
    const read = await collectStream(this.client, streamId, { fromRevision: BigInt(from - 1) });
    return read
      .map(toStoredEvent)
      .filter((e): e is StoredEvent => !!e && e.tenantId === tenantId)
      .filter((e) => until === undefined || new Date(e.recordedAt).getTime() <= until)
      .map((e) => this.upcasters.apply(e));
  }

  async readTenant(tenantId: string, afterPosition = 0, limit?: number): Promise<StoredEvent[]> {
    return (await this.readTenantRaw(tenantId, afterPosition, limit)).map((e) => this.upcasters.apply(e));
  }

  async readAll(after: Checkpoint | null, limit: number): Promise<ReadAllBatch> {
    let from = after ? decodeCheckpoint(after) : undefined;
    const events: StoredEvent[] = [];
    let checkpoint = after;
    const page = Math.max(limit, 100) + 1;
    while (events.length < limit) {
      let scanned = 0;
      const read = this.client.readAll({ fromPosition: from ?? START, direction: FORWARDS, maxCount: page });
      for await (const resolved of read) {
        scanned++;
        const position = positionOf(resolved);
        // A $all read starts AT the given position: skip the event the checkpoint names.
        if (!position || (from && comparePositions(position, from) <= 0)) continue;
        from = position;
        const e = resolved.event;
        if (!e || isSkippedInAll(e.streamId, e.type)) continue;
        const stored = toStoredEvent(resolved);
        if (!stored || events.length >= limit) continue;
        events.push(this.upcasters.apply(stored));
        checkpoint = encodeCheckpoint(position);
      }
      if (scanned < page) break;
    }
    return { events, checkpoint };
  }

  async isCheckpointPast(checkpoint: Checkpoint | null, globalPosition: number): Promise<boolean> {
    if (!checkpoint) return false;
    return BigInt(globalPosition) <= decodeCheckpoint(checkpoint).commit;
  }

  /** Loads the whole tenant (as stored, not upcast); each stream's own last event is its head. */
  async verifyTenant(tenantId: string): Promise<VerificationReport> {
    const events: StoredEvent[] = [];
    for (let after = 0; ; ) {
      const page = await this.readTenantRaw(tenantId, after, TENANT_PAGE);
      events.push(...page);
      if (page.length < TENANT_PAGE) break;
      after = page[page.length - 1].globalPosition;
    }
    const heads = new Map<string, StreamHead>();
    for (const streamId of new Set(events.map((e) => e.streamId))) {
      const head = await this.readHead(streamId);
      if (head.version > 0) heads.set(streamId, { version: head.version, headHash: head.chainHash });
    }
    return verifyStreams(tenantId, groupStreams(events, heads));
  }

  async close(): Promise<void> {
    this.heads.clear();
    if (this.ownsClient) await this.client.dispose();
  }

  private async readTenantRaw(tenantId: string, afterPosition: number, limit?: number): Promise<StoredEvent[]> {
    if (!tenantId) return [];
    const read = await readByStreamPrefix(this.client, `${tenantId}.`, afterPosition, limit ?? Number.MAX_SAFE_INTEGER);
    return read.map(toStoredEvent).filter((e): e is StoredEvent => !!e && e.tenantId === tenantId);
  }

  /** A remembered head is only trusted for the version the caller expects; ESDB re-checks it. */
  private async head(streamId: string, expected: number | 'any'): Promise<Head> {
    const cached = this.heads.get(streamId);
    if (cached && cached.version === expected) return cached;
    return this.readHead(streamId);
  }

  private async readHead(streamId: string): Promise<Head> {
    const [last] = await collectStream(this.client, streamId, { backwards: true, maxCount: 1 });
    const e = last && toStoredEvent(last);
    if (!last?.event) return { version: 0, chainHash: GENESIS_HASH, globalPosition: 0 };
    if (!e) throw new Error(`stream ${streamId} ends with an event this adapter did not write`);
    return { version: e.streamVersion, chainHash: e.chainHash, globalPosition: e.globalPosition };
  }

  /**
   * ESDB answers a write whose event ids already sit at that revision with success, without
   * writing: two concurrent appends with one key both "succeed". The write id in the first
   * event's envelope tells who really wrote, and only that writer may trust its chain hash.
   */
  private async settleKeyed(
    tenantId: string,
    streamId: string,
    key: string,
    writeId: string,
    firstVersion: number,
    head: Omit<Head, 'globalPosition'>,
  ): Promise<AppendResult> {
    const written = await this.idempotency.writeAt(streamId, firstVersion, head.version);
    if (!written) throw new Error(`stream ${streamId}: the events just appended at version ${firstVersion} are not readable`);
    const result = { streamVersion: head.version, globalPosition: written.globalPosition };
    const recorded = await this.idempotency.record(tenantId, key, result, written.writeId);
    const ours = written.writeId === writeId && recorded.writeId === writeId;
    if (ours) this.remember(streamId, { ...head, globalPosition: written.globalPosition });
    return { streamVersion: recorded.streamVersion, globalPosition: recorded.globalPosition, duplicate: !ours };
  }

  /** A version mismatch may be the retry of a keyed append that already landed. */
  private async conflict(
    tenantId: string,
    streamId: string,
    key: string | undefined,
    expected: number | 'any',
    actual: number,
  ): Promise<AppendResult> {
    if (key !== undefined) {
      const first = await this.idempotency.findInStream(tenantId, key, streamId);
      if (first) return { streamVersion: first.streamVersion, globalPosition: first.globalPosition, duplicate: true };
    }
    throw new ConcurrencyError(streamId, expected, actual);
  }

  private remember(streamId: string, head: Head): void {
    if (this.heads.size >= HEAD_CACHE_LIMIT) this.heads.delete(this.heads.keys().next().value as string);
    this.heads.set(streamId, head);
  }
}
