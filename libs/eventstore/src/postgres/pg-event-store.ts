import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
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
  StreamBreak,
  VerificationReport,
} from '../event-store';
import { contentDigest } from '../hash-chain';
import { EventStoreOptions, UpcasterRegistry } from '../upcasting';
import { groupStreams, verifyStream } from '../verify';
import { AppendBatcher, AppendCall, AppendRow, GroupCommitOptions, GroupCommitStats } from './append-batcher';
import { decodeCheckpoint, encodeCheckpoint, EventRow, isSerializationFailure, mapPgError, toStoredEvent } from './rows';

const APPEND_SQL = `select stream_version, global_position, duplicate, actual_version
  from eventstore.append($1::uuid, $2::text, $3::int, $4::text, $5::uuid[], $6::text[], $7::int[],
                         $8::jsonb, $9::jsonb, $10::timestamptz, $11::bytea[])`;
// Named: each pooled connection parses and plans the call once, not on every append.
const APPEND_STATEMENT = 'workbay_eventstore_append';
const MAX_ATTEMPTS = 50;
const VERSION_CACHE_LIMIT = 10_000;
const VERIFY_PAGE = 5_000;

export interface PostgresEventStoreOptions extends EventStoreOptions {
  /**
   * Group commit (on a pool only; see `AppendBatcher`): appends that arrive while `maxInFlight`
   * append transactions are running share the next transaction. `false` sends every append alone.
   */
  groupCommit?: GroupCommitOptions | false;
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
    // A Client (its own transaction, see storeOnClient) must see each append as one plain call.
    this.batcher =
      options.groupCommit === false || !isPool(this.pool)
        ? null
        : new AppendBatcher(this.pool, (call) => this.appendAlone(call), options.groupCommit ?? {});
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
        return { streamVersion: row.stream_version, globalPosition: Number(row.global_position), duplicate: false };
      }
      this.rememberVersion(cacheKey, row.actual_version);
      if (expectedVersion !== 'any' || attempt >= MAX_ATTEMPTS) {
        throw new ConcurrencyError(streamId, expectedVersion, row.actual_version);
      }
      expected = row.actual_version;
    }
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
   * Verifies the tenant a few streams at a time (as stored, not upcast): memory holds the list of
   * streams and one chunk of events, whatever the tenant's size (a chunk is at least one stream).
   */
  async verifyTenant(tenantId: string): Promise<VerificationReport> {
    const heads = await this.query<{ stream_id: string; version: number | null; head_hash: Buffer | null }>(
      `select * from eventstore.stream_heads($1::uuid)`,
      [tenantId],
    );
    const breaks: StreamBreak[] = [];
    let eventsChecked = 0;
    // Pages sized by the heads' versions; a stream without a head counts as one event.
    const pages: Array<typeof heads> = [];
    for (let from = 0; from < heads.length; ) {
      let to = from;
      for (let events = 0; to < heads.length && (to === from || events + (heads[to].version ?? 1) <= VERIFY_PAGE); to++) {
        events += heads[to].version ?? 1;
      }
      pages.push(heads.slice(from, to));
      from = to;
    }
    const read = (chunk: typeof heads) =>
      this.query(`select * from eventstore.read_streams($1::uuid, $2::text[])`, [tenantId, chunk.map((h) => h.stream_id)], tenantId);
    // The next page is read while this one is hashed: the server and this process work at once.
    let next = pages.length > 0 ? read(pages[0]) : undefined;
    for (let i = 0; i < pages.length; i++) {
      const rows = await next!;
      next = i + 1 < pages.length ? read(pages[i + 1]) : undefined;
      // A page that fails while this one is hashed must not become an unhandled rejection.
      next?.catch(() => undefined);
      const chunk = pages[i];
      const stored = groupStreams(rows.map(toStoredEvent), new Map(chunk.flatMap((h) => (h.version === null ? [] : [[h.stream_id, { version: h.version, headHash: h.head_hash!.toString('hex') }]]))));
      for (const stream of stored) {
        eventsChecked += stream.events.length;
        const broken = verifyStream(stream);
        if (broken) breaks.push(broken);
      }
    }
    breaks.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
    return { tenantId, streamsChecked: heads.length, eventsChecked, ok: breaks.length === 0, breaks };
  }

  async close(): Promise<void> {
    await this.batcher?.drain();
    this.knownVersions.clear();
    if (this.ownsPool) await this.pool.end();
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
