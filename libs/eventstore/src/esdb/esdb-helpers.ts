import { createHash } from 'node:crypto';
import { ANY, NO_STREAM } from '@eventstore/db-client';
import type { AppendExpectedRevision, CurrentRevision, Position } from '@eventstore/db-client';
import type { EventMetadata, ExpectedVersion } from '../event-store';

/**
 * Pure helpers of the EventStoreDB adapter, kept apart so they are unit-tested without a server.
 *
 * Versions: the port counts 1-based stream versions with 0 = "no stream"; ESDB counts 0-based
 * revisions with a NO_STREAM sentinel. So port version n is ESDB revision n - 1.
 */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  assertVersion(expected);
  return expected === 0 ? NO_STREAM : BigInt(expected - 1);
}

/** Port version of a stream whose current ESDB revision is `current`. */
export function versionOfRevision(current: CurrentRevision | bigint): number {
  return current === NO_STREAM ? 0 : Number(current) + 1;
}

export function assertVersion(version: number): void {
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new RangeError(`expected version must be a non-negative integer or 'any', got ${version}`);
  }
}

/** Fixed namespace so ids derived from the same (tenant, key, index) are equal across processes. */
export const WORKBAY_EVENT_ID_NAMESPACE = '4f3c9a0e-6a53-5d1f-9b36-0c5d3f2f8a17';

/** RFC 4122 version-5 UUID (sha-1 of namespace bytes + name). */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new RangeError(`invalid namespace uuid: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A retried append re-sends the same event ids, which is what lets ESDB recognise its own
 * idempotent write and lets us find the earlier write by id. NUL separators keep
 * ("a.b", "c") and ("a", "b.c") apart.
 */
export function deterministicEventId(tenantId: string, idempotencyKey: string, index: number): string {
  return uuidV5(`${tenantId}\u0000${idempotencyKey}\u0000${index}`, WORKBAY_EVENT_ID_NAMESPACE);
}

/**
 * One stream per (tenant, key) records the first result. It sits outside the tenant's
 * `${tenantId}.` prefix so tenant reads never see it; the key is hashed to bound the name.
 */
export const IDEMPOTENCY_STREAM_PREFIX = 'workbay-idempotency-';
export function idempotencyStreamName(tenantId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${tenantId}\u0000${idempotencyKey}`).digest('hex');
  return `${IDEMPOTENCY_STREAM_PREFIX}${digest}`;
}

/** `${commit}:${prepare}`: both halves are needed to resume a $all read exactly. */
export function encodeCheckpoint(position: Position): string {
  return `${position.commit}:${position.prepare}`;
}

export function decodeCheckpoint(checkpoint: string): Position {
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match) throw new RangeError(`not an EventStoreDB checkpoint: ${checkpoint}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

/** Port global positions are numbers; ESDB log positions stay far below 2^53. */
export function toGlobalPosition(commit: bigint): number {
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`commit position ${commit} exceeds 2^53`);
  return Number(commit);
}

/**
 * What the adapter stores in each event's metadata. `wb` marks events written by this adapter,
 * so $all readers skip anything else (system events, idempotency records, foreign writers).
 */
export interface EsdbEnvelope {
  wb: 1;
  tenantId: string;
  schemaVersion: number;
  recordedAt: string;
  metadata: EventMetadata;
  contentHash: string;
  chainHash: string;
  /** Present on keyed appends: lets a retry find where the earlier write ended. */
  batch?: { index: number; count: number; writeId: string };
}

export function isEnvelope(value: unknown): value is EsdbEnvelope {
  const v = value as Partial<EsdbEnvelope> | null;
  return !!v && typeof v === 'object' && v.wb === 1 && typeof v.tenantId === 'string' && typeof v.chainHash === 'string';
}

/** System streams/events start with `$`; idempotency records are ours but not events. */
export function isSkippedInAll(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$') || streamId.startsWith(IDEMPOTENCY_STREAM_PREFIX);
}

/** JSON round trip, so the hashed value is exactly what a later read parses back. */
export function jsonNormalize<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
