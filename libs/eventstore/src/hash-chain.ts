import { createHash } from 'node:crypto';

/**
 * Tamper evidence. Each event has a content hash over a canonical form of what it says, and a
 * chain hash = sha256(previous chain hash || content hash), chained per stream so independent
 * aggregates never serialize on one another. The genesis "previous" hash is 32 zero bytes.
 *
 * The canonical form is JSON with object keys sorted, so any store that hands back the same
 * values (Postgres jsonb reorders keys) yields the same hash.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashableEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function contentHash(e: HashableEvent): string {
  const canonical = canonicalJson({
    eventId: e.eventId,
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: new Date(e.recordedAt).toISOString(),
  });
  return createHash('sha256').update(canonical).digest('hex');
}

export function chainHash(previousChainHash: string, content: string): string {
  return createHash('sha256')
    .update(Buffer.from(previousChainHash, 'hex'))
    .update(Buffer.from(content, 'hex'))
    .digest('hex');
}
