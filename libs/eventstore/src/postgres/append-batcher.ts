import { DatabaseError, Pool } from 'pg';

/** One attempt of one append: the arguments of `eventstore.append`, hashed for `expected`. */
export interface AppendCall {
  tenantId: string;
  streamId: string;
  expected: number;
  idempotencyKey: string | null;
  eventIds: string[];
  types: string[];
  schemaVersions: number[];
  /** The events' data as one JSON array text. */
  dataArray: string;
  metadataJson: string;
  recordedAt: Date;
  hashes: Buffer[];
}

export interface AppendRow {
  stream_version: number;
  global_position: string | null;
  duplicate: boolean;
  actual_version: number;
}

export interface GroupCommitOptions {
  /** Append transactions in flight at once before further appends queue up (default 2). */
  maxInFlight?: number;
  /** Most appends sent together in one transaction (default 32). */
  maxBatch?: number;
  /**
   * Appends of more events than this always go alone, outside the slots (default 8): their
   * commit is shared by their own events already, and batching them only costs parallelism.
   */
  maxEvents?: number;
}

/** Counters for tests and diagnostics. */
export interface GroupCommitStats {
  /** Appends sent alone (`eventstore.append`, as without group commit). */
  singles: number;
  /** Transactions of several appends (`eventstore.append_batch`) that committed. */
  batches: number;
  /** Appends that committed as part of such a batch. */
  batchedAppends: number;
  /** Batches that raised and whose appends were re-sent one by one. */
  fallbacks: number;
}

const BATCH_SQL = `select ord, stream_version, global_position, duplicate, actual_version
  from eventstore.append_batch($1::uuid[], $2::text[], $3::int[], $4::text[], $5::int[], $6::uuid[], $7::text[],
                               $8::int[], $9::jsonb, $10::jsonb, $11::timestamptz[], $12::bytea[])`;
// Named, like the single append: parsed and planned once per pooled connection.
const BATCH_STATEMENT = 'workbay_eventstore_append_batch';

interface Pending {
  call: AppendCall;
  resolve(row: AppendRow): void;
  reject(error: unknown): void;
}

/**
 * Group commit for a pool: at most `maxInFlight` append transactions at a time. An append that
 * finds a free slot is sent at once, alone, exactly as without batching (no added latency at low
 * load). Appends that arrive while every slot is busy wait; when a transaction ends, the waiting
 * ones (up to `maxBatch`) go together as one `eventstore.append_batch` call: one statement, one
 * transaction, one commit (WAL flush) for all of them. Each caller gets its own result row, only
 * once the statement returned, i.e. after the commit.
 *
 * If the batch raises (any server error: a deadlock, a serialization failure, one caller's bad
 * input...), PostgreSQL rolled the whole transaction back, so each of its appends is re-sent on
 * its own and gets exactly the outcome it would have had alone. A connection-level failure
 * (socket closed, server terminated the session) leaves the outcome unknown, as it does for a
 * single append: every caller of that batch gets the error, nothing is re-sent.
 */
export class AppendBatcher {
  private readonly maxInFlight: number;
  private readonly maxBatch: number;
  private readonly maxEvents: number;
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  readonly stats: GroupCommitStats = { singles: 0, batches: 0, batchedAppends: 0, fallbacks: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly single: (call: AppendCall) => Promise<AppendRow>,
    options: GroupCommitOptions = {},
  ) {
    this.maxInFlight = positiveInt(options.maxInFlight ?? 2, 'maxInFlight');
    this.maxBatch = positiveInt(options.maxBatch ?? 32, 'maxBatch');
    this.maxEvents = positiveInt(options.maxEvents ?? 8, 'maxEvents');
  }

  append(call: AppendCall): Promise<AppendRow> {
    if (call.eventIds.length > this.maxEvents) {
      this.stats.singles++;
      return this.single(call);
    }
    if (this.inFlight < this.maxInFlight && this.queue.length === 0) {
      this.inFlight++;
      this.stats.singles++;
      return this.single(call).finally(() => this.done());
    }
    return new Promise<AppendRow>((resolve, reject) => {
      this.queue.push({ call, resolve, reject });
    });
  }

  /** Resolves once nothing is queued or in flight. */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private done(): void {
    // After the callers just resolved had their turn (microtasks): whoever appends again at once
    // joins the next batch instead of being sent alone into the slot just freed.
    setImmediate(() => this.release());
  }

  private release(): void {
    this.inFlight--;
    this.pump();
    if (this.inFlight === 0 && this.queue.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      if (batch.length === 1) {
        const [p] = batch;
        this.stats.singles++;
        this.single(p.call).then(p.resolve, p.reject).finally(() => this.done());
      } else {
        this.runBatch(batch).finally(() => this.done());
      }
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    // One lock order for every batch: by tenant, then stream; a stable sort keeps appends to one
    // stream in arrival order.
    const ordered = [...batch].sort((a, b) => compare(a.call.tenantId, b.call.tenantId) || compare(a.call.streamId, b.call.streamId));
    let rows: AppendRow[];
    try {
      rows = await this.sendBatch(ordered.map((p) => p.call));
    } catch (error) {
      if (!rolledBack(error)) {
        for (const p of ordered) p.reject(error);
        return;
      }
      // Nothing of the batch was committed: each append alone; one stream's appends one after
      // the other in arrival order (the later ones were hashed for the versions the earlier make).
      this.stats.fallbacks++;
      const byStream = new Map<string, Pending[]>();
      for (const p of ordered) {
        const key = `${p.call.tenantId}\u0000${p.call.streamId}`;
        byStream.set(key, [...(byStream.get(key) ?? []), p]);
      }
      await Promise.all(
        [...byStream.values()].map(async (appends) => {
          for (const p of appends) await this.single(p.call).then(p.resolve, p.reject);
        }),
      );
      return;
    }
    this.stats.batches++;
    this.stats.batchedAppends += ordered.length;
    ordered.forEach((p, i) => p.resolve(rows[i]));
  }

  private async sendBatch(calls: AppendCall[]): Promise<AppendRow[]> {
    const eventIds: string[] = [];
    const types: string[] = [];
    const schemaVersions: number[] = [];
    const hashes: Buffer[] = [];
    for (const c of calls) {
      eventIds.push(...c.eventIds);
      types.push(...c.types);
      schemaVersions.push(...c.schemaVersions);
      hashes.push(...c.hashes);
    }
    const result = await this.pool.query<AppendRow & { ord: number }>({
      name: BATCH_STATEMENT,
      text: BATCH_SQL,
      values: [
        calls.map((c) => c.tenantId),
        calls.map((c) => c.streamId),
        calls.map((c) => c.expected),
        calls.map((c) => c.idempotencyKey),
        calls.map((c) => c.eventIds.length),
        eventIds,
        types,
        schemaVersions,
        `[${calls.map((c) => c.dataArray).join(',')}]`,
        `[${calls.map((c) => c.metadataJson).join(',')}]`,
        calls.map((c) => c.recordedAt),
        hashes,
      ],
    });
    const rows: AppendRow[] = new Array(calls.length);
    for (const r of result.rows) rows[r.ord - 1] = r;
    if (result.rows.length !== calls.length || rows.some((r) => r === undefined)) {
      // Cannot happen (one row per append); the batch has committed, so no retry either.
      throw new Error(`eventstore.append_batch returned ${result.rows.length} rows for ${calls.length} appends`);
    }
    return rows;
  }
}

/**
 * An ERROR reported by the server aborted the statement's transaction: nothing was committed.
 * FATAL/PANIC (the server ended the session) and client-side failures (socket) leave it unknown.
 */
function rolledBack(error: unknown): boolean {
  return error instanceof DatabaseError && error.severity === 'ERROR' && !error.code?.startsWith('08');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function positiveInt(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be an integer >= 1, got ${n}`);
  return n;
}
