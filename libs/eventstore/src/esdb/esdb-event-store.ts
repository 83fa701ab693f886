import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, FORWARDS, jsonEvent, MaxAppendSizeExceededError, START, StreamDeletedError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { JSONType, Position } from '@eventstore/db-client';
import { ConcurrencyError } from '../errors';
import {
  AppendManyItem,
  AppendManyResult,
  AtomicAppendResult,
  AtomicAppendUnsupported,
  atomicOutcome,
  AppendOptions,
  AppendResult,
  assertAppendManyItems,
  assertStreamOfTenant,
  Checkpoint,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllBatch,
  ReadStreamOptions,
  StoredEvent,
  VerificationReport,
} from '../event-store';
import { chainHash, contentHash, GENESIS_HASH } from '../hash-chain';
import { UpcasterRegistry } from '../upcasting';
import { groupStreams, StreamHead, verifyStreams } from '../verify';
import {
  assertVersion,
  comparePositions,
  decodeCheckpoint,
  deterministicEventId,
  encodeCheckpoint,
  isSkippedInAll,
  jsonNormalize,
  toExpectedRevision,
  toGlobalPosition,
  versionOfRevision,
} from './esdb-helpers';
import { AppendTooLarge, StreamRetentionUnsupported, UnsupportedEsdbOption } from './esdb-errors';
import { IdempotencyLog, Recorded } from './esdb-idempotency';
import { appendSizeBytes, assertAppendSize, assertClientThrowsOnAppendFailure, esdbConnectionProblem, ESDB_MAX_APPEND_BYTES } from './esdb-limits';
import { collectStream, positionOf, PREFIX_READ_IDLE_MS, readByStreamPrefix, toStoredEvent } from './esdb-reads';
import { readRetention, StreamRetention, withRetentionBreaks } from './esdb-retention';
import { envelopeOf, EsdbEventStoreOptions, isUnknownOutcome, Limits, PreparedEvent, PreparedWrite, sizedForLimit } from './esdb-write';

export type { EsdbEventStoreOptions } from './esdb-write';

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

  private readonly limits: Limits;

  constructor(client: EventStoreDBClient | string, options: EsdbEventStoreOptions = {}) {
    if (typeof client === 'string') {
      const problem = esdbConnectionProblem(client);
      if (problem) throw new UnsupportedEsdbOption(problem);
    }
    this.ownsClient = typeof client === 'string';
    this.client = typeof client === 'string' ? EventStoreDBClient.connectionString(client) : client;
    assertClientThrowsOnAppendFailure(this.client);
    this.limits = {
      keyLeaseMs: options.keyLeaseMs ?? 15_000,
      maxAppendBytes: options.maxAppendBytes ?? ESDB_MAX_APPEND_BYTES,
      prefixReadIdleMs: options.prefixReadIdleMs ?? PREFIX_READ_IDLE_MS,
      unknownOutcomeRereads: options.unknownOutcomeRereads ?? 5,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
    this.upcasters = new UpcasterRegistry(options.upcasters);
    this.idempotency = new IdempotencyLog(this.client);
  }

  /**
   * ESDB writes one stream per append, so the items are appended one by one (in order, each
   * with its own expected revision and key); a conflict answers `conflict` instead of throwing.
   */
  async appendMany(tenantId: string, items: AppendManyItem[], metadata: EventMetadata): Promise<AppendManyResult[]> {
    assertAppendManyItems(tenantId, items);
    // Every item is prepared (and size-checked) first, so an oversized one writes no item at all.
    const writes = items.map((item) => this.prepare(tenantId, item.streamId, item.events, { expectedVersion: item.expectedVersion, idempotencyKey: item.idempotencyKey, metadata }));
    const results: AppendManyResult[] = [];
    for (const write of writes) {
      try {
        const r = await this.appendPrepared(write);
        results.push({ status: r.duplicate ? 'duplicate' : 'appended', streamVersion: r.streamVersion, globalPosition: r.globalPosition });
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        results.push({ status: 'conflict', streamVersion: error.actualVersion });
      }
    }
    return results;
  }

  /**
   * EventStoreDB appends to one stream per call and has no transaction across streams, so only
   * a single item can be all-or-nothing; more are refused before anything is written.
   */
  async appendAtomically(tenantId: string, items: AppendManyItem[], metadata: EventMetadata): Promise<AtomicAppendResult> {
    assertAppendManyItems(tenantId, items);
    if (items.length > 1) throw new AtomicAppendUnsupported('EventStoreDB', items.length);
    return atomicOutcome(items, await this.appendMany(tenantId, items, metadata));
  }

  async append(tenantId: string, streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.appendPrepared(this.prepare(tenantId, streamId, events, options));
  }

  private prepare(tenantId: string, streamId: string, events: NewEvent[], options: AppendOptions): PreparedWrite {
    assertStreamOfTenant(tenantId, streamId);
    const { expectedVersion, idempotencyKey: key } = options;
    if (expectedVersion !== 'any') assertVersion(expectedVersion);
    const write: PreparedWrite = {
      tenantId,
      streamId,
      expectedVersion,
      key,
      writeId: randomUUID(),
      recordedAt: new Date().toISOString(),
      metadata: jsonNormalize(options.metadata),
      events: events.map((e, index) => ({
        eventId: key === undefined ? randomUUID() : deterministicEventId(tenantId, key, index),
        type: e.type,
        schemaVersion: e.schemaVersion ?? 1,
        data: jsonNormalize(e.data),
      })),
    };
    // Refused before the key is touched: the server would refuse the whole write anyway.
    assertAppendSize(streamId, sizedForLimit(write), this.limits.maxAppendBytes);
    return write;
  }

  private async appendPrepared(write: PreparedWrite): Promise<AppendResult> {
    const { tenantId, streamId, key } = write;
    if (key === undefined) return this.writeLoop(write, undefined);

    const claim = await this.claimKey(tenantId, key, streamId, write.writeId);
    if ('duplicate' in claim) return claim.duplicate;
    try {
      return await this.writeLoop(write, claim.revision);
    } catch (error) {
      // Only outcomes that surely wrote nothing free the key; an unknown outcome keeps it
      // reserved until its lease ends, so a retry cannot write the events a second time.
      if (error instanceof ConcurrencyError || error instanceof AppendTooLarge || error instanceof StreamRetentionUnsupported) {
        // A release that fails leaves the key reserved until its lease ends; the caller hears the first error.
        await this.idempotency.release(tenantId, key, write.writeId, claim.revision).catch(() => undefined);
      }
      throw error;
    }
  }

  /**
   * Takes the key for this write: the first result if it was recorded, else a reservation
   * appended at the revision read (so one writer holds it). A reservation held by another
   * writer is waited on until it is recorded or released; past its lease the holder is taken
   * for dead: events it wrote are recorded as the first result, otherwise it is released.
   */
  private async claimKey(tenantId: string, key: string, streamId: string, writeId: string): Promise<{ duplicate: AppendResult } | { revision: bigint }> {
    const duplicate = (r: { streamVersion: number; globalPosition: number }) => ({ duplicate: { streamVersion: r.streamVersion, globalPosition: r.globalPosition, duplicate: true } });
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      const state = await this.idempotency.state(tenantId, key);
      if (state.kind === 'recorded') return duplicate(state.result);
      if (state.kind === 'free') {
        const revision = await this.idempotency.reserve(tenantId, key, state, { writeId, streamId, at: this.limits.now() });
        if (revision !== undefined) return { revision };
        continue;
      }
      if (this.limits.now() - state.at < this.limits.keyLeaseMs) {
        await this.limits.sleep(wait);
        continue;
      }
      const landed = await this.idempotency.findInStream(tenantId, key, state.streamId);
      if (landed) return duplicate(await this.idempotency.record(tenantId, key, landed, landed.writeId, state.revision));
      await this.idempotency.release(tenantId, key, state.writeId, state.revision);
    }
  }

  /**
   * Reads the head, chains, writes with the exact expected revision; with 'any' a conflict
   * re-reads and tries again. A keyed write holds its key's reservation (`reservation`) the
   * whole time, and after every conflict or unknown outcome looks for its own events first.
   */
  private async writeLoop(w: PreparedWrite, reservation: bigint | undefined): Promise<AppendResult> {
    const { tenantId, streamId, expectedVersion, key } = w;
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(streamId, expectedVersion);
      if (attempt === 1) w.firstHead = head.version;
      const expected = expectedVersion === 'any' ? head.version : expectedVersion;
      if (head.version !== expected) return this.conflict(w, reservation, expectedVersion, head.version);
      if (w.events.length === 0) {
        if (key !== undefined && reservation !== undefined) {
          const recorded = await this.idempotency.record(tenantId, key, { streamVersion: head.version, globalPosition: head.globalPosition }, w.writeId, reservation);
          return { streamVersion: recorded.streamVersion, globalPosition: recorded.globalPosition, duplicate: recorded.writeId !== w.writeId };
        }
        return { streamVersion: head.version, globalPosition: head.globalPosition, duplicate: false };
      }

      let chain = head.chainHash;
      const data = w.events.map((e, i) => {
        const streamVersion = expected + i + 1;
        const content = contentHash({ ...e, streamId, streamVersion, metadata: w.metadata, recordedAt: w.recordedAt });
        chain = chainHash(chain, content);
        return jsonEvent({ id: e.eventId, type: e.type, data: e.data as JSONType, metadata: envelopeOf(w, e.schemaVersion, content, chain, i) as unknown as JSONType });
      });
      let actual: number;
      try {
        const written = await this.client.appendToStream(streamId, data, { expectedRevision: toExpectedRevision(expected) });
        // Refused at construction; kept so a client changed behind our back cannot turn a conflict into a write.
        if (!written.success) throw new WrongExpectedVersionError(undefined, { streamName: streamId, expected: toExpectedRevision(expected), current: written.nextExpectedRevision });
        const streamVersion = versionOfRevision(written.nextExpectedRevision);
        if (key !== undefined && reservation !== undefined) {
          return await this.settleKeyed(w, reservation, expected + 1, { version: streamVersion, chainHash: chain });
        }
        const globalPosition = await this.lastPositionOf(streamId, w.events, streamVersion, written.position);
        this.remember(streamId, { version: streamVersion, chainHash: chain, globalPosition });
        return { streamVersion, globalPosition, duplicate: false };
      } catch (error) {
        if (error instanceof MaxAppendSizeExceededError) throw new AppendTooLarge(streamId, appendSizeBytes(sizedForLimit(w)), error.maxAppendSize);
        if (isUnknownOutcome(error) && key !== undefined) return this.afterUnknownOutcome(w, reservation, error);
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.heads.delete(streamId);
        actual = versionOfRevision(error.actualVersion);
      }
      // A head that reads empty while the server says the stream has events: retention hid them.
      if (head.version === 0 && actual > 0) await this.assertNoRetention(streamId);
      if (key !== undefined) {
        const landed = await this.idempotency.findInStream(tenantId, key, streamId, w.firstHead);
        if (landed && reservation !== undefined) return this.fromLanded(w, reservation, landed);
      }
      if (expectedVersion !== 'any' || attempt >= MAX_ANY_ATTEMPTS) throw new ConcurrencyError(streamId, expectedVersion, actual);
    }
  }

  /**
   * A write whose reply never came may have landed. The server drops a same-id retry while the
   * original is not yet replicated (`CommitDecision.IdempotentNotReady` in StorageWriterService:
   * no reply, so the client's deadline fires), hence re-read the stream for the key's events a
   * few times instead of reporting a failure for a write that happened.
   */
  private async afterUnknownOutcome(w: PreparedWrite, reservation: bigint | undefined, error: unknown): Promise<AppendResult> {
    for (let i = 0, wait = 50; i < this.limits.unknownOutcomeRereads; i++, wait *= 2) {
      await this.limits.sleep(wait);
      const landed = await this.idempotency.findInStream(w.tenantId, w.key as string, w.streamId, w.firstHead);
      if (landed && reservation !== undefined) return this.fromLanded(w, reservation, landed);
    }
    throw error;
  }

  private async fromLanded(w: PreparedWrite, reservation: bigint, landed: Recorded): Promise<AppendResult> {
    const recorded = await this.idempotency.record(w.tenantId, w.key as string, landed, landed.writeId, reservation);
    return { streamVersion: recorded.streamVersion, globalPosition: recorded.globalPosition, duplicate: recorded.writeId !== w.writeId };
  }

  /**
   * The append reply's position is the write's, which for several events need not be the last
   * event's; and the stream head may already be another writer's. So the last event is read
   * back at its own revision and checked by id.
   */
  private async lastPositionOf(streamId: string, events: PreparedEvent[], streamVersion: number, replied: Position | undefined): Promise<number> {
    if (events.length === 1 && replied && replied.commit > 0n) return toGlobalPosition(replied.commit);
    const [last] = await collectStream(this.client, streamId, { fromRevision: BigInt(streamVersion - 1), maxCount: 1 });
    const stored = last && toStoredEvent(last);
    if (!stored || stored.eventId !== events[events.length - 1].eventId) {
      throw new Error(`stream ${streamId}: the event just appended at version ${streamVersion} is not readable`);
    }
    return stored.globalPosition;
  }

  async readStream(tenantId: string, streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamOfTenant(tenantId, streamId);
    const from = Math.max(1, options.fromVersion ?? 1);
    const until = options.until === undefined ? undefined : new Date(options.until).getTime();
    const read = await this.collectOwnStream(streamId, { fromRevision: BigInt(from - 1) });
    const first = read[0]?.event;
    // `$tb`, `$maxCount` and `$maxAge` make a read start later than asked: a fold would miss events.
    if (first && Number(first.revision) + 1 > from) await this.refuseHole(streamId, from, Number(first.revision) + 1);
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

  /**
   * Loads the whole tenant (as stored, not upcast) from $all; each stream's own last event is
   * its head. $all still returns events that retention hides from stream reads (until a
   * scavenge), so each stream's metadata is read too and retention or a tombstone is a break.
   */
  async verifyTenant(tenantId: string): Promise<VerificationReport> {
    const events: StoredEvent[] = [];
    for (let after = 0; ; ) {
      const page = await this.readTenantRaw(tenantId, after, TENANT_PAGE);
      events.push(...page);
      if (page.length < TENANT_PAGE) break;
      after = page[page.length - 1].globalPosition;
    }
    const heads = new Map<string, StreamHead>();
    const retention = new Map<string, { retention: StreamRetention; firstVersion: number; globalPosition?: number }>();
    for (const streamId of new Set(events.map((e) => e.streamId))) {
      const found = await readRetention(this.client, streamId);
      if (found.kind !== 'none') {
        const first = events.find((e) => e.streamId === streamId);
        retention.set(streamId, { retention: found, firstVersion: first?.streamVersion ?? 1, globalPosition: first?.globalPosition });
        continue;
      }
      const head = await this.readHead(streamId);
      if (head.version > 0) heads.set(streamId, { version: head.version, headHash: head.chainHash });
    }
    const checked = groupStreams(events, heads).filter((s) => !retention.has(s.streamId));
    const report = verifyStreams(tenantId, checked);
    return withRetentionBreaks({ ...report, streamsChecked: report.streamsChecked + retention.size, eventsChecked: events.length }, retention);
  }

  async close(): Promise<void> {
    this.heads.clear();
    if (this.ownsClient) await this.client.dispose();
  }

  private async readTenantRaw(tenantId: string, afterPosition: number, limit?: number): Promise<StoredEvent[]> {
    if (!tenantId) return [];
    const read = await readByStreamPrefix(this.client, `${tenantId}.`, afterPosition, limit ?? Number.MAX_SAFE_INTEGER, { idleMs: this.limits.prefixReadIdleMs });
    return read.map(toStoredEvent).filter((e): e is StoredEvent => !!e && e.tenantId === tenantId);
  }

  /** A remembered head is only trusted for the version the caller expects; ESDB re-checks it. */
  private async head(streamId: string, expected: number | 'any'): Promise<Head> {
    const cached = this.heads.get(streamId);
    if (cached && cached.version === expected) return cached;
    return this.readHead(streamId);
  }

  private async readHead(streamId: string): Promise<Head> {
    const [last] = await this.collectOwnStream(streamId, { backwards: true, maxCount: 1 });
    const e = last && toStoredEvent(last);
    if (!last?.event) return { version: 0, chainHash: GENESIS_HASH, globalPosition: 0 };
    if (!e) throw new Error(`stream ${streamId} ends with an event this adapter did not write`);
    return { version: e.streamVersion, chainHash: e.chainHash, globalPosition: e.globalPosition };
  }

  /**
   * ESDB answers a write whose event ids already sit at that revision with success, without
   * writing. The write id in the first event's envelope tells who really wrote, and only that
   * writer may trust its chain hash.
   */
  private async settleKeyed(w: PreparedWrite, reservation: bigint, firstVersion: number, head: Omit<Head, 'globalPosition'>): Promise<AppendResult> {
    const written = await this.idempotency.writeAt(w.streamId, firstVersion, head.version);
    if (!written) throw new Error(`stream ${w.streamId}: the events just appended at version ${firstVersion} are not readable`);
    const result = { streamVersion: head.version, globalPosition: written.globalPosition };
    const recorded = await this.idempotency.record(w.tenantId, w.key as string, result, written.writeId, reservation);
    const ours = written.writeId === w.writeId && recorded.writeId === w.writeId;
    if (ours) this.remember(w.streamId, { ...head, globalPosition: written.globalPosition });
    return { streamVersion: recorded.streamVersion, globalPosition: recorded.globalPosition, duplicate: !ours };
  }

  /** A version mismatch may be a keyed write of ours that landed on an earlier attempt. */
  private async conflict(w: PreparedWrite, reservation: bigint | undefined, expected: number | 'any', actual: number): Promise<AppendResult> {
    if (w.key !== undefined && reservation !== undefined) {
      const landed = await this.idempotency.findInStream(w.tenantId, w.key, w.streamId, w.firstHead);
      if (landed) return this.fromLanded(w, reservation, landed);
    }
    throw new ConcurrencyError(w.streamId, expected, actual);
  }

  /** A stream read where a tombstone is a refusal naming the stream, not the client's bare error. */
  private async collectOwnStream(streamId: string, options: Parameters<typeof collectStream>[2]): Promise<Awaited<ReturnType<typeof collectStream>>> {
    try {
      return await collectStream(this.client, streamId, options);
    } catch (error) {
      if (error instanceof StreamDeletedError) throw new StreamRetentionUnsupported(streamId, 'stream was tombstoned (hard-deleted)');
      throw error;
    }
  }

  private async refuseHole(streamId: string, from: number, firstReadable: number): Promise<never> {
    const retention = await readRetention(this.client, streamId);
    const why = retention.kind === 'none' ? 'events are missing from the stream read' : retention.reason;
    throw new StreamRetentionUnsupported(streamId, `${why}: asked from version ${from}, the first readable is ${firstReadable}`);
  }

  private async assertNoRetention(streamId: string): Promise<void> {
    const retention = await readRetention(this.client, streamId);
    if (retention.kind !== 'none') throw new StreamRetentionUnsupported(streamId, retention.reason);
  }

  private remember(streamId: string, head: Head): void {
    if (this.heads.size >= HEAD_CACHE_LIMIT) this.heads.delete(this.heads.keys().next().value as string);
    this.heads.set(streamId, head);
  }
}
