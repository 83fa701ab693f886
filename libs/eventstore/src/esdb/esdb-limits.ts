import type { EventStoreDBClient } from '@eventstore/db-client';
import { AppendTooLarge, UnsupportedEsdbOption } from './esdb-errors';

/** The server's default `MaxAppendSize` (ClusterVNodeOptions: 1,048,576 bytes). */
export const ESDB_MAX_APPEND_BYTES = 1024 * 1024;

/**
 * Room for what the server adds per event when it sizes an append (`Event.SizeOnDisk` counts
 * the type, data and metadata plus the record's own header); deliberately generous so an
 * append this side accepts is never refused by the server for its size.
 */
const PER_EVENT_OVERHEAD_BYTES = 256;

export interface SizedEvent {
  type: string;
  data: unknown;
  metadata: unknown;
}

/** Bytes the append will take as the server counts them, rounded up. */
export function appendSizeBytes(events: readonly SizedEvent[]): number {
  let total = 0;
  for (const e of events) {
    total += 2 * Buffer.byteLength(e.type, 'utf8');
    total += Buffer.byteLength(JSON.stringify(e.data ?? null), 'utf8');
    total += Buffer.byteLength(JSON.stringify(e.metadata ?? null), 'utf8');
    total += PER_EVENT_OVERHEAD_BYTES;
  }
  return total;
}

export function assertAppendSize(streamId: string, events: readonly SizedEvent[], maxBytes = ESDB_MAX_APPEND_BYTES): void {
  const size = appendSizeBytes(events);
  if (size > maxBytes) throw new AppendTooLarge(streamId, size, maxBytes);
}

/**
 * `throwOnAppendFailure=false` makes the client answer a wrong expected version with
 * `{ success: false }` (db-client `streams/appendToStream/append.js` and `batchAppend.js`, which
 * also reports the revision as `BigInt(hasCurrentStreamRevision())`, i.e. 0 or 1): every
 * conflict would pass for a write. The option key is matched as the client parses it (case,
 * `-` and `_` ignored, `Client/parseConnectionString.js`).
 */
export function esdbConnectionProblem(connectionString: string): string | undefined {
  const query = connectionString.split('?')[1] ?? '';
  for (const pair of query.split('&')) {
    const [key, value] = pair.split('=');
    if (key && key.trim().toLowerCase().replace(/[_-]/g, '') === 'throwonappendfailure' && value === 'false') {
      return 'EVENTSTORE_URL must not set throwOnAppendFailure=false: the EventStoreDB client would report every version conflict as a successful append';
    }
  }
  return undefined;
}

export function assertClientThrowsOnAppendFailure(client: EventStoreDBClient): void {
  if ((client as unknown as { throwOnAppendFailure?: boolean }).throwOnAppendFailure === false) {
    throw new UnsupportedEsdbOption('the EventStoreDB client was created with throwOnAppendFailure=false: every version conflict would pass for a successful append');
  }
}
