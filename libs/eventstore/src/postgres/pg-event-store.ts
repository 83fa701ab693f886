import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Pool } from 'pg';
import { ConcurrencyError } from '../errors';
import {
  AppendManyItem,
  AppendManyResult,
  AtomicAppendResult,
  AppendOptions,
  AppendResult,
  assertStreamOfTenant,
  Checkpoint,
  EventMetadata,
  EventStore,
  NewEvent,
  ReadAllBatch,
  ReadStreamOptions,
  StoredEvent,
  StreamBreak,
  VerificationReport,
} from '../event-store';
import { contentDigest } from '../hash-chain';
import { EventStoreOptions, UpcasterRegistry } from '../upcasting';
import { digestsInThread, DigestWorkers } from '../digest-workers';
import { ChainVerifier, RawStoredEvent, RawStream, verifyRawStream } from '../verify';
import { appendAtomicallyOnPool } from './append-atomically';
import { appendManyOnPool } from './append-many';
import { AppendBatcher, AppendCall, AppendRow, GroupCommitOptions, GroupCommitStats } from './append-batcher';
import { AppendNotifier, IN_TRANSACTION_NOTIFY_SQL } from './append-notifier';
import { decodeCheckpoint, encodeCheckpoint, EventRow, isSerializationFailure, mapPgError, toStoredEvent } from './rows';

const APPEND_SQL = `select stream_version, global_position, duplicate, actual_version
  from eventstore.append($1::uuid, $2::text, $3::int, $4::text, $5::uuid[], $6::text[], $7::int[],
                         $8::jsonb, $9::jsonb, $10::timestamptz, $11::bytea[])`;
// Named: each pooled connection parses and plans the call once, not on every append.
const APPEND_STATEMENT = 'workbay_eventstore_append';
const MAX_ATTEMPTS = 50;
const VERSION_CACHE_LIMIT = 10_000;
const VERIFY_PAGE = 10_000;
/**
 * The verifier's reads: only the hashed members and the hashes, in the cheapest forms to take in
 * (jsonb as text is what node-pg would JSON.parse anyway; `to_char` is the ISO form the content
 * hash covers, at the millisecond precision an append stores). A page follows the tenant's
 * (tenant, position) index like the replay does.
 */
const VERIFY_COLUMNS = `stream_id, stream_version, global_position::float8 as global_position, event_id::text, type, schema_version,
    data::text as data, metadata::text as metadata,
    to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, content_hash, chain_hash`;
/** A page for the chain step (columns) and the content digests (`h`: the hashed members as one JSON array, payloads as stored). */
const VERIFY_PAGE_SQL = `select stream_id, stream_version, global_position::float8 as global_position, content_hash, chain_hash,
    json_build_array(event_id, stream_id, stream_version, type, schema_version, data, metadata,
      to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text as h
  from eventstore.read_tenant($1::uuid, $2::bigint, $3::int)`;

interface VerifyPageRow {
  stream_id: string;
  stream_version: number;
  global_position: number;
  content_hash: Buffer;
  chain_hash: Buffer;
  h: string;
}
const VERIFY_STREAMS_SQL = `select ${VERIFY_COLUMNS} from eventstore.read_streams($1::uuid, $2::text[])`;

interface VerifyRow {
  stream_id: string;
  stream_version: number;
  global_position: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
  content_hash: Buffer;
  chain_hash: Buffer;
}

/** A page's rows (by stream, then version) as raw streams, with every stream of the page's heads, even one with no rows left. */
function rawStreams(heads: ReadonlyArray<{ stream_id: string; version: number | null; head_hash: Buffer | null }>, rows: VerifyRow[]): RawStream[] {
  const byStream = new Map<string, RawStream>();
  for (const h of heads) {
    byStream.set(h.stream_id, { streamId: h.stream_id, events: [], head: h.version === null ? null : { version: h.version, headHash: h.head_hash! } });
  }
  for (const r of rows) {
    let stream = byStream.get(r.stream_id);
    if (!stream) byStream.set(r.stream_id, (stream = { streamId: r.stream_id, events: [], head: null }));
    stream.events.push(rawEvent(r));
  }
  return [...byStream.values()];
}

/** The page's content digests: split among the workers (one JSON text each), or on this thread. */
async function pageDigests(rows: VerifyPageRow[], workers: DigestWorkers | undefined): Promise<Buffer> {
  const text = (part: VerifyPageRow[]) => `[${part.map((r) => r.h).join(',')}]`;
  if (!workers) return digestsInThread(text(rows));
  const size = Math.ceil(rows.length / workers.size);
  const parts: Promise<Buffer>[] = [];
  for (let i = 0; i < rows.length; i += size) parts.push(workers.digests(text(rows.slice(i, i + size))));
  return Buffer.concat(await Promise.all(parts));
}

function rawEvent(r: VerifyRow): RawStoredEvent {
  return {
    eventId: r.event_id, streamVersion: r.stream_version, globalPosition: r.global_position, type: r.type, schemaVersion: r.schema_version,
    data: r.data, metadata: r.metadata, recordedAt: r.recorded_at, contentHash: r.content_hash, chainHash: r.chain_hash,
  };
}

export interface PostgresEventStoreOptions extends EventStoreOptions {
  /**
   * Group commit (on a pool only; see `AppendBatcher`): appends that arrive while `maxInFlight`
   * append transactions are running share the next transaction. `false` sends every append alone.
   */
  groupCommit?: GroupCommitOptions | false;
  /**
   * Worker threads that recompute content digests while a large tenant is verified (the main
   * thread reads pages and walks the chains). Default: the cores but one, at most 2; 0 hashes on
   * the calling thread.
   */
  verifyWorkers?: number;
  /** Tenants with fewer events than this (default 20,000) are verified on the calling thread: starting workers costs more than it saves. */
  verifyWorkersFrom?: number;
}

/**
 * EventStore on PostgreSQL (schema from `eventStoreSchemaSql`). Works with the app role (append,
 * readStream, readTenant) or the system/owner role (everything, incl. readAll, isCheckpointPast,
 * verifyTenant). A pool passed in stays the caller's to end; one built from a URL is ended by close().
 *
 * On a pool, concurrent appends may share a transaction (group commit, `AppendBatcher`); each
 * still gets its own result, after the commit. On a single connection (anything that is not a
 * pool) every append is one `eventstore.append` call that joins whatever transaction is open on it.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly upcasters: UpcasterRegistry;
  /** Last version seen per stream: lets an 'any' append hash for the right version first time. */
  private readonly knownVersions = new Map<string, number>();
  private readonly batcher: AppendBatcher | null;
  private readonly verifyWorkers: number;
  private readonly verifyWorkersFrom: number;
  /** On a pool: announces committed appends (see AppendNotifier); null on a single connection. */
  private readonly notifier: AppendNotifier | null;

  constructor(pool: Pool | string, options: PostgresEventStoreOptions = {}) {
    if (typeof pool === 'string') {
      this.pool = new Pool({ connectionString: pool, max: 10 });
      // Idle clients whose server went away emit 'error'; unhandled, it would crash the process.
      this.pool.on('error', () => undefined);
      this.ownsPool = true;
    } else {
      this.pool = pool;
      this.ownsPool = false;
    }
    this.upcasters = new UpcasterRegistry(options.upcasters);
    this.verifyWorkers = options.verifyWorkers ?? Math.min(2, Math.max(0, availableParallelism() - 1));
    this.verifyWorkersFrom = options.verifyWorkersFrom ?? 20_000;
    // A Client (its own transaction, see storeOnClient) must see each append as one plain call.
    this.batcher =
      options.groupCommit === false || !isPool(this.pool)
        ? null
        : new AppendBatcher(this.pool, (call) => this.appendAlone(call), options.groupCommit ?? {});
    this.notifier = isPool(this.pool) ? new AppendNotifier(this.pool) : null;
  }

  /** `eventstore_appended` notifications sent after commits (null on a single connection, which notifies inside its transaction). */
  get notificationsSent(): number | null {
    return this.notifier?.sent ?? null;
  }

  /** Group commit counters (null without group commit). */
  get groupCommitStats(): Readonly<GroupCommitStats> | null {
    return this.batcher?.stats ?? null;
  }

  async append(tenantId: string, streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertStreamOfTenant(tenantId, streamId);
    const { expectedVersion } = options;
    if (expectedVersion !== 'any' && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
      throw new RangeError(`expectedVersion must be 'any' or an integer >= 0, got ${expectedVersion}`);
    }
    const cacheKey = `${tenantId}\u0000${streamId}`;
    // One instant per append, at millisecond precision so it survives timestamptz unchanged.
    const recordedAt = new Date();
    const recordedIso = recordedAt.toISOString();
    // Serialized once: the text goes to the database, its parse is what gets hashed, so what
    // jsonb holds is what was hashed (Dates become strings, undefined drops).
    const metadataJson = JSON.stringify(options.metadata) ?? 'null';
    const metadata: unknown = JSON.parse(metadataJson);
    const eventIds: string[] = [];
    const types: string[] = [];
    const schemaVersions: number[] = [];
    const data: unknown[] = [];
    const dataJson: string[] = [];
    for (const e of events) {
      const json = JSON.stringify(e.data) ?? 'null';
      eventIds.push(randomUUID());
      types.push(e.type);
      schemaVersions.push(e.schemaVersion ?? 1);
      data.push(JSON.parse(json));
      dataJson.push(json);
    }
    // One jsonb array: far cheaper for the server to take in than a jsonb[] of escaped texts.
    const dataArray = `[${dataJson.join(',')}]`;
    let expected = expectedVersion === 'any' ? (this.knownVersions.get(cacheKey) ?? 0) : expectedVersion;

    for (let attempt = 1; ; attempt++) {
      const hashes = eventIds.map((eventId, i) =>
        contentDigest({
          eventId,
          type: types[i],
          schemaVersion: schemaVersions[i],
          data: data[i],
          streamId,
          streamVersion: expected + i + 1,
          metadata,
          recordedAt: recordedIso,
        }),
      );
      const call: AppendCall = {
        tenantId,
        streamId,
        expected,
        idempotencyKey: options.idempotencyKey ?? null,
        eventIds,
        types,
        schemaVersions,
        dataArray,
        metadataJson,
        recordedAt,
        hashes,
      };
      let row: AppendRow;
      try {
        row = await (this.batcher ? this.batcher.append(call) : this.appendAlone(call));
      } catch (error) {
        // Nothing was written; the function's transaction is ours alone, so retrying is safe.
        if (isSerializationFailure(error) && attempt < MAX_ATTEMPTS) continue;
        throw mapPgError(error, tenantId, streamId);
      }
      if (row.duplicate) {
        return { streamVersion: row.stream_version, globalPosition: Number(row.global_position), duplicate: true };
      }
      if (row.global_position !== null) {
        this.rememberVersion(cacheKey, row.stream_version);
        const globalPosition = Number(row.global_position);
        if (events.length > 0) await this.announce(globalPosition, tenantId, streamId);
        return { streamVersion: row.stream_version, globalPosition, duplicate: false };
      }
      this.rememberVersion(cacheKey, row.actual_version);
      if (expectedVersion !== 'any' || attempt >= MAX_ATTEMPTS) {
        throw new ConcurrencyError(streamId, expectedVersion, row.actual_version);
      }
      expected = row.actual_version;
    }
  }

  /** One SQL call, one transaction (append-many.ts); it bypasses group commit, being a batch already. Announced as `append` is. */
  appendMany(tenantId: string, items: AppendManyItem[], metadata: EventMetadata): Promise<AppendManyResult[]> {
    return appendManyOnPool(this.pool, tenantId, items, metadata, (position) => this.announce(position, tenantId, items[0].streamId));
  }

  /** `append_many` in a transaction committed only when every item was appended (append-atomically.ts); bypasses group commit. */
  appendAtomically(tenantId: string, items: AppendManyItem[], metadata: EventMetadata): Promise<AtomicAppendResult> {
    return appendAtomicallyOnPool(this.pool, tenantId, items, metadata, (position) => this.announce(position, tenantId, items[0].streamId));
  }

  async readStream(tenantId: string, streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    assertStreamOfTenant(tenantId, streamId);
    const rows = await this.query(
      `select * from eventstore.read_stream($1::uuid, $2::text, $3::int, $4::timestamptz)`,
      [tenantId, streamId, options.fromVersion ?? null, options.until ?? null],
      tenantId,
      streamId,
    );
    return rows.map((r) => this.upcasters.apply(toStoredEvent(r)));
  }

  async readTenant(tenantId: string, afterPosition = 0, limit?: number): Promise<StoredEvent[]> {
    const rows = await this.readTenantRows(tenantId, afterPosition, limit);
    return rows.map((r) => this.upcasters.apply(toStoredEvent(r)));
  }

  async readAll(after: Checkpoint | null, limit: number): Promise<ReadAllBatch> {
    const from = decodeCheckpoint(after);
    const rows = await this.query(`select * from eventstore.read_all($1::xid8, $2::bigint, $3::int)`, [
      from?.txId ?? null,
      from?.position ?? null,
      limit,
    ]);
    if (rows.length === 0) return { events: [], checkpoint: after };
    return {
      events: rows.map((r) => this.upcasters.apply(toStoredEvent(r))),
      checkpoint: encodeCheckpoint(rows[rows.length - 1]),
    };
  }

  async isCheckpointPast(checkpoint: Checkpoint | null, globalPosition: number): Promise<boolean> {
    const at = decodeCheckpoint(checkpoint);
    if (!at) return false;
    const rows = await this.query<{ past: boolean }>(
      `select eventstore.is_checkpoint_past($1::xid8, $2::bigint, $3::bigint) as past`,
      [at.txId, at.position, globalPosition],
    );
    return rows[0]?.past === true;
  }

  /**
   * Verifies the tenant in one pass over its events in global order (as stored, not upcast), in
   * pages of VERIFY_PAGE: memory holds a few bytes per stream and two pages, whatever the size.
   * Rows come as the verifier needs them (payloads as stored JSON text, the instant as ISO text,
   * hashes as bytes: no Date, hex or StoredEvent per event), the next page is asked for before this
   * one is hashed (node-pg sends it as soon as the server is free), and only a stream found broken
   * is re-read whole so `verifyStream` can name its break. One REPEATABLE READ snapshot: appends
   * that commit meanwhile are neither half-seen nor taken for a head that moved.
   * `onProgress` hears the running count after each page (a verification job reports it).
   */
  async verifyTenant(tenantId: string, onProgress?: (eventsChecked: number) => void): Promise<VerificationReport> {
    const client = await this.pool.connect();
    let failed = false;
    let workers: DigestWorkers | undefined;
    try {
      // Read only, so it takes no transaction id: catch-up readers (below the oldest running xid) are not held back.
      await client.query('begin isolation level repeatable read read only');
      const { rows: heads } = await client.query<{ stream_id: string; version: number | null; head_hash: Buffer | null }>(
        `select * from eventstore.stream_heads($1::uuid)`,
        [tenantId],
      );
      const verifier = new ChainVerifier();
      const events = heads.reduce((n, h) => n + (h.version ?? 1), 0);
      const threads = events >= this.verifyWorkersFrom ? this.verifyWorkers : 0;
      workers = threads > 0 ? new DigestWorkers(threads) : undefined;
      const page = (after: number) => client.query<VerifyPageRow>(VERIFY_PAGE_SQL, [tenantId, after, VERIFY_PAGE]);
      let next = page(0);
      for (;;) {
        const { rows } = await next;
        if (rows.length === 0) break;
        next = page(rows[rows.length - 1].global_position);
        // Should hashing this page throw, the page asked for must not become an unhandled rejection.
        next.catch(() => undefined);
        const digests = await pageDigests(rows, workers);
        for (let i = 0; i < rows.length; i++) {
          const r = rows[i];
          verifier.add(r.stream_id, { streamVersion: r.stream_version, globalPosition: r.global_position, contentHash: r.content_hash, chainHash: r.chain_hash }, digests.subarray(i * 32, i * 32 + 32));
        }
        onProgress?.(verifier.eventsChecked);
      }
      const broken = verifier.broken(heads.map((h) => ({ streamId: h.stream_id, head: h.version === null ? null : { version: h.version, headHash: h.head_hash! } })));
      const breaks: StreamBreak[] = [];
      const headOf = new Map(heads.map((h) => [h.stream_id, h]));
      for (let i = 0; i < broken.length; i += 100) {
        const ids = broken.slice(i, i + 100);
        const { rows } = await client.query<VerifyRow>(VERIFY_STREAMS_SQL, [tenantId, ids]);
        for (const stream of rawStreams(ids.map((id) => headOf.get(id) ?? { stream_id: id, version: null, head_hash: null }), rows)) {
          const found = verifyRawStream(tenantId, stream);
          if (found) breaks.push(found);
        }
      }
      await client.query('commit');
      breaks.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
      return { tenantId, streamsChecked: heads.length, eventsChecked: verifier.eventsChecked, ok: breaks.length === 0, breaks };
    } catch (error) {
      failed = true;
      throw mapPgError(error, tenantId, '');
    } finally {
      // A failed transaction (or a query still queued behind it) is not worth resetting: drop the connection.
      client.release(failed ? true : undefined);
      await workers?.close();
    }
  }

  async close(): Promise<void> {
    await this.batcher?.drain();
    await this.notifier?.drain();
    this.knownVersions.clear();
    if (this.ownsPool) await this.pool.end();
  }

  /**
   * Wakes the listeners (the worker) for a committed append. On a pool the append has committed:
   * the notification follows in its own transaction, unawaited. On a single connection the append
   * joined the caller's transaction, whose commit is not ours to see: the NOTIFY joins it too.
   */
  private async announce(position: number, tenantId: string, streamId: string): Promise<void> {
    if (this.notifier) {
      this.notifier.appended(position);
      return;
    }
    try {
      await this.pool.query(IN_TRANSACTION_NOTIFY_SQL, [String(position)]);
    } catch (error) {
      throw mapPgError(error, tenantId, streamId);
    }
  }

  private async appendAlone(c: AppendCall): Promise<AppendRow> {
    const result = await this.pool.query<AppendRow>({
      name: APPEND_STATEMENT,
      text: APPEND_SQL,
      values: [c.tenantId, c.streamId, c.expected, c.idempotencyKey, c.eventIds, c.types, c.schemaVersions, c.dataArray, c.metadataJson, c.recordedAt, c.hashes],
    });
    return result.rows[0];
  }

  private readTenantRows(tenantId: string, afterPosition: number, limit?: number): Promise<EventRow[]> {
    return this.query(`select * from eventstore.read_tenant($1::uuid, $2::bigint, $3::int)`, [tenantId, afterPosition, limit ?? null], tenantId);
  }

  private async query<R = EventRow>(sql: string, params: unknown[], tenantId = '', streamId = ''): Promise<R[]> {
    try {
      return (await this.pool.query(sql, params)).rows as R[];
    } catch (error) {
      throw mapPgError(error, tenantId, streamId);
    }
  }

  private rememberVersion(key: string, version: number): void {
    if (this.knownVersions.size >= VERSION_CACHE_LIMIT) this.knownVersions.clear();
    this.knownVersions.set(key, version);
  }
}

/** A pg.Pool (checked by shape, so a second copy of pg in node_modules still counts). */
function isPool(p: Pool): boolean {
  return p instanceof Pool || (typeof p === 'object' && p !== null && 'totalCount' in p && 'idleCount' in p && 'waitingCount' in p);
}
