import { DatabaseError } from 'pg';
import { Checkpoint, EventMetadata, StoredEvent, StreamOutsideTenantError } from '../event-store';

/** A row of eventstore.events as node-postgres returns it (bigint and xid8 come back as strings). */
export interface EventRow {
  global_position: string;
  tx_id: string;
  tenant_id: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
  content_hash: Buffer;
  chain_hash: Buffer;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    tenantId: row.tenant_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: Number(row.global_position),
    recordedAt: row.recorded_at.toISOString(),
    metadata: row.metadata,
    contentHash: row.content_hash.toString('hex'),
    chainHash: row.chain_hash.toString('hex'),
  };
}

export interface PgCheckpoint {
  txId: string;
  position: string;
}

const CHECKPOINT = /^(\d{1,20}):(\d{1,20})$/;

/** `"<xid8>:<global_position>"`: the (transaction, position) pair the catch-up order is sorted by. */
export function encodeCheckpoint(row: Pick<EventRow, 'tx_id' | 'global_position'>): Checkpoint {
  return `${row.tx_id}:${row.global_position}`;
}

export function decodeCheckpoint(checkpoint: Checkpoint | null): PgCheckpoint | null {
  if (checkpoint === null || checkpoint === undefined || checkpoint === '') return null;
  const m = CHECKPOINT.exec(checkpoint);
  if (!m) throw new Error(`not a PostgreSQL event store checkpoint: ${JSON.stringify(checkpoint)}`);
  return { txId: m[1], position: m[2] };
}

/**
 * One SQL expression: has the checkpoint held in the text column `checkpointColumn` passed the
 * event at `positionParam` (e.g. `$2`)? It decodes `"<xid8>:<global_position>"` in SQL, so a
 * caller holding checkpoints in a table asks in the statement that reads them (one round trip,
 * not a select then a call). A null checkpoint, like an unknown position, is false.
 * Needs EXECUTE on `eventstore.is_checkpoint_past` (the system role).
 */
export function checkpointPastSql(checkpointColumn: string, positionParam: string): string {
  return `eventstore.is_checkpoint_past(nullif(split_part(${checkpointColumn}, ':', 1), '')::xid8, nullif(split_part(${checkpointColumn}, ':', 2), '')::bigint, ${positionParam}::bigint)`;
}

/** Translates the errors eventstore.* raises on purpose into the port's errors. */
export function mapPgError(error: unknown, tenantId: string, streamId: string): unknown {
  if (error instanceof DatabaseError && error.code === '42501' && /^eventstore: /.test(error.message)) {
    return new StreamOutsideTenantError(tenantId, streamId);
  }
  return error;
}

export function isSerializationFailure(error: unknown): boolean {
  return error instanceof DatabaseError && (error.code === '40001' || error.code === '40P01');
}
