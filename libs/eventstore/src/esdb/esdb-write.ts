import { DeadlineExceededError, TimeoutError } from '@eventstore/db-client';
import type { EventMetadata } from '../event-store';
import { GENESIS_HASH } from '../hash-chain';
import type { EventStoreOptions } from '../upcasting';
import type { EsdbEnvelope } from './esdb-helpers';
import type { SizedEvent } from './esdb-limits';

/** Options and the shape of one write of the EventStoreDB adapter, before it is chained and sent. */
export interface EsdbEventStoreOptions extends EventStoreOptions {
  /** A key reservation older than this is taken for its writer's crash and taken over (default 15 s). */
  keyLeaseMs?: number;
  /** The server's `MaxAppendSize` if it was changed (default 1 MiB). */
  maxAppendBytes?: number;
  /** Silence of a tenant read's filtered subscription before the rest is read unfiltered (default 2 s). */
  prefixReadIdleMs?: number;
  /** Re-reads of a keyed write whose reply never came (default 5, 50 ms doubling). */
  unknownOutcomeRereads?: number;
  /** For unit tests of the timing logic. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type Limits = Required<Pick<EsdbEventStoreOptions, 'keyLeaseMs' | 'maxAppendBytes' | 'prefixReadIdleMs' | 'unknownOutcomeRereads' | 'now' | 'sleep'>>;

export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
}

export interface PreparedWrite {
  tenantId: string;
  streamId: string;
  expectedVersion: number | 'any';
  key: string | undefined;
  writeId: string;
  recordedAt: string;
  metadata: EventMetadata;
  events: PreparedEvent[];
  /** Version of the head the first attempt read: this write's events can only sit after it. */
  firstHead?: number;
}

export function envelopeOf(w: PreparedWrite, schemaVersion: number, content: string, chain: string, index: number): EsdbEnvelope {
  return {
    wb: 1, tenantId: w.tenantId, schemaVersion, recordedAt: w.recordedAt, metadata: w.metadata, contentHash: content, chainHash: chain,
    ...(w.key === undefined ? {} : { batch: { index, count: w.events.length, writeId: w.writeId } }),
  };
}

/** The write as the server will size it (hashes are fixed-length, so placeholders size the same). */
export function sizedForLimit(w: PreparedWrite): SizedEvent[] {
  return w.events.map((e, i) => ({ type: e.type, data: e.data, metadata: envelopeOf(w, e.schemaVersion, GENESIS_HASH, GENESIS_HASH, i) }));
}

/** The client gave up waiting: the write may or may not have landed. */
export function isUnknownOutcome(error: unknown): boolean {
  return error instanceof DeadlineExceededError || error instanceof TimeoutError;
}
