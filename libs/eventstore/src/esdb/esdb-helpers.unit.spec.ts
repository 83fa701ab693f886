import { ANY, NO_STREAM } from '@eventstore/db-client';
import {
  comparePositions,
  decodeCheckpoint,
  deterministicEventId,
  encodeCheckpoint,
  idempotencyStreamName,
  isEnvelope,
  isSkippedInAll,
  jsonNormalize,
  toExpectedRevision,
  toGlobalPosition,
  uuidV5,
  versionOfRevision,
} from './esdb-helpers';

describe('EventStoreDB adapter helpers', () => {
  describe('revision mapping', () => {
    it('maps port versions to ESDB expected revisions', () => {
      expect(toExpectedRevision('any')).toBe(ANY);
      expect(toExpectedRevision(0)).toBe(NO_STREAM);
      expect(toExpectedRevision(1)).toBe(0n);
      expect(toExpectedRevision(42)).toBe(41n);
    });

    it('refuses versions that are not non-negative integers', () => {
      for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
        expect(() => toExpectedRevision(bad)).toThrow(RangeError);
      }
    });

    it('maps ESDB current revisions back to port versions', () => {
      expect(versionOfRevision(NO_STREAM)).toBe(0);
      expect(versionOfRevision(0n)).toBe(1);
      expect(versionOfRevision(41n)).toBe(42);
    });
  });

  describe('deterministic event ids', () => {
    it('implements RFC 4122 v5 (known vector)', () => {
      expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    });

    it('is stable for (tenant, key, index) and differs when any part differs', () => {
      const id = deterministicEventId('t1', 'k', 0);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(deterministicEventId('t1', 'k', 0)).toBe(id);
      const others = [deterministicEventId('t2', 'k', 0), deterministicEventId('t1', 'k2', 0), deterministicEventId('t1', 'k', 1)];
      expect(new Set([id, ...others]).size).toBe(4);
    });

    it('does not confuse boundaries between tenant and key', () => {
      expect(deterministicEventId('a.b', 'c', 0)).not.toBe(deterministicEventId('a', 'b.c', 0));
    });

    it('keeps idempotency records outside every tenant prefix', () => {
      const name = idempotencyStreamName('t1', 'some key');
      expect(name.startsWith('t1.')).toBe(false);
      expect(name).toBe(idempotencyStreamName('t1', 'some key'));
      expect(name).not.toBe(idempotencyStreamName('t2', 'some key'));
      expect(isSkippedInAll(name, 'x')).toBe(true);
    });
  });

  describe('checkpoints', () => {
    it('round-trips commit and prepare positions', () => {
      const position = { commit: 123456789012n, prepare: 123456789000n };
      expect(encodeCheckpoint(position)).toBe('123456789012:123456789000');
      expect(decodeCheckpoint(encodeCheckpoint(position))).toEqual(position);
    });

    it('rejects malformed checkpoints, including the PostgreSQL adapter format mix-ups', () => {
      for (const bad of ['', '12', '12:', 'a:b', '1:2:3', '-1:2']) {
        expect(() => decodeCheckpoint(bad)).toThrow(RangeError);
      }
    });

    it('orders positions by commit, then prepare', () => {
      expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
      expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(1);
      expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
    });

    it('converts commit positions to numbers only while exact', () => {
      expect(toGlobalPosition(2n ** 40n)).toBe(2 ** 40);
      expect(() => toGlobalPosition(2n ** 60n)).toThrow(RangeError);
    });
  });

  describe('filtering and envelopes', () => {
    it('skips system streams and system event types in $all', () => {
      expect(isSkippedInAll('$stats-127.0.0.1:2113', 'x')).toBe(true);
      expect(isSkippedInAll('t1.quote-1', '$metadata')).toBe(true);
      expect(isSkippedInAll('t1.quote-1', 'QuoteCreated')).toBe(false);
    });

    it('recognises only envelopes written by this adapter', () => {
      expect(isEnvelope({ wb: 1, tenantId: 't', chainHash: 'ab' })).toBe(true);
      expect(isEnvelope({ $correlationId: 'x' })).toBe(false);
      expect(isEnvelope(null)).toBe(false);
      expect(isEnvelope('wb')).toBe(false);
    });

    it('normalizes values to what a JSON read gives back', () => {
      const at = new Date('2024-01-02T03:04:05.000Z');
      expect(jsonNormalize({ at, skip: undefined, n: 1 })).toEqual({ at: '2024-01-02T03:04:05.000Z', n: 1 });
      expect(jsonNormalize(undefined)).toBeNull();
    });
  });
});
