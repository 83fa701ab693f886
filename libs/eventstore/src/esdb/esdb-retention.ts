import { StreamDeletedError } from '@eventstore/db-client';
import type { EventStoreDBClient, StreamMetadata } from '@eventstore/db-client';
import type { StreamBreak, VerificationReport } from '../event-store';

/**
 * Retention and deletion on EventStoreDB ("Deleting streams and events" in its docs): `$tb`
 * (truncate-before, also what a soft delete writes), `$maxCount` and `$maxAge` hide events from
 * stream reads at once, while $all keeps returning them until a scavenge; a tombstone makes
 * every read and write of the stream fail with StreamDeleted. The port promises an append-only
 * history, so each of these is a break for the verifier and a refusal for reads and appends.
 */
export type StreamRetention = { kind: 'none' } | { kind: 'retention' | 'tombstoned'; reason: string };

const NONE: StreamRetention = { kind: 'none' };

/** What the stream's metadata does to its history (pure; `undefined` = no metadata). */
export function retentionOf(metadata: StreamMetadata | undefined): StreamRetention {
  if (!metadata) return NONE;
  const rules: string[] = [];
  const tb = metadata.truncateBefore;
  if (tb === 'end') rules.push('$tb=end (soft-deleted)');
  else if (typeof tb === 'number' && tb > 0) rules.push(`$tb=${tb} (events before revision ${tb} are hidden)`);
  if (typeof metadata.maxCount === 'number') rules.push(`$maxCount=${metadata.maxCount}`);
  if (typeof metadata.maxAge === 'number') rules.push(`$maxAge=${metadata.maxAge}s`);
  return rules.length ? { kind: 'retention', reason: `stream metadata sets ${rules.join(', ')}` } : NONE;
}

/** Reads the stream's metadata; a tombstoned stream answers as such instead of throwing. */
export async function readRetention(client: EventStoreDBClient, streamId: string): Promise<StreamRetention> {
  try {
    return retentionOf((await client.getStreamMetadata(streamId)).metadata);
  } catch (error) {
    if (error instanceof StreamDeletedError) return { kind: 'tombstoned', reason: 'stream was tombstoned (hard-deleted)' };
    throw error;
  }
}

/**
 * Adds a `removed` break for each stream with retention or a tombstone, replacing the chain
 * check's own break for it (that one would only describe a symptom of the same cause).
 */
export function withRetentionBreaks(
  report: VerificationReport,
  retention: Map<string, { retention: StreamRetention; firstVersion: number; globalPosition?: number }>,
): VerificationReport {
  const byStream = new Map<string, StreamBreak>(report.breaks.map((b) => [b.streamId, b]));
  for (const [streamId, found] of retention) {
    if (found.retention.kind === 'none') continue;
    byStream.set(streamId, {
      streamId,
      streamVersion: found.firstVersion,
      ...(found.globalPosition === undefined ? {} : { globalPosition: found.globalPosition }),
      reason: 'removed',
      detail: `${found.retention.reason}: the application's reads no longer return this stream's whole history`,
    });
  }
  const breaks = [...byStream.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  return { ...report, ok: breaks.length === 0, breaks };
}
