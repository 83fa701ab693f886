import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, chainHash, contentHash, GENESIS_HASH, HashableEvent } from './hash-chain';

const event: HashableEvent = {
  eventId: '0b6b1e9e-9d35-4a8f-9a57-3c3f9f5c2f10',
  streamId: '7d1c0e52-4a4f-4c1b-9a53-3f1e2b1a0c11.order-1',
  streamVersion: 1,
  type: 'OrderPlaced',
  schemaVersion: 1,
  data: { total: 42, lines: [{ sku: 'A', qty: 2 }] },
  metadata: { actor: 'user-1', correlationId: 'c-1' },
  recordedAt: '2024-05-01T10:00:00.123Z',
};

/** Rebuilds objects with their keys in reverse order, as a store that reorders keys would. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined members and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined, 'x'])).toBe('[null,"x"]');
  });

  it('is valid JSON for the same value and ignores key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value);
        expect(JSON.parse(canonical)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(canonical);
        expect(canonicalJson(JSON.parse(canonical))).toBe(canonical);
      }),
    );
  });
});

describe('contentHash', () => {
  it('is the sha-256 of the canonical envelope, hex encoded', () => {
    const expected = createHash('sha256').update(canonicalJson(event)).digest('hex');
    expect(contentHash(event)).toBe(expected);
    expect(contentHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the sha-256 of the canonical envelope for any payload, metadata and members left undefined (property)', () => {
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });
    fc.assert(
      fc.property(
        fc.record({
          eventId: maybe(fc.string()), streamId: maybe(fc.string()), streamVersion: maybe(fc.integer()), type: maybe(fc.string()), schemaVersion: maybe(fc.integer()),
          data: maybe(fc.jsonValue()), metadata: maybe(fc.jsonValue()),
          recordedAt: fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        }),
        (e) => {
          expect(contentHash(e as HashableEvent)).toBe(createHash('sha256').update(canonicalJson(e)).digest('hex'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on key order or on how the instant is written', () => {
    const reordered = reverseKeys(event) as HashableEvent;
    expect(contentHash(reordered)).toBe(contentHash(event));
    expect(contentHash({ ...event, recordedAt: '2024-05-01T12:00:00.123+02:00' })).toBe(contentHash(event));
  });

  it('changes with every field', () => {
    const base = contentHash(event);
    const variants: Partial<HashableEvent>[] = [
      { eventId: '1b6b1e9e-9d35-4a8f-9a57-3c3f9f5c2f10' },
      { streamId: `${event.streamId}x` },
      { streamVersion: 2 },
      { type: 'OrderPlaced2' },
      { schemaVersion: 2 },
      { data: { total: 43, lines: [{ sku: 'A', qty: 2 }] } },
      { metadata: { actor: 'user-2', correlationId: 'c-1' } },
      { recordedAt: '2024-05-01T10:00:00.124Z' },
    ];
    for (const v of variants) expect(contentHash({ ...event, ...v })).not.toBe(base);
  });
});

describe('chainHash', () => {
  it('hashes the previous chain hash bytes followed by the content hash bytes', () => {
    const content = contentHash(event);
    const expected = createHash('sha256').update(Buffer.alloc(32)).update(Buffer.from(content, 'hex')).digest('hex');
    expect(GENESIS_HASH).toBe(Buffer.alloc(32).toString('hex'));
    expect(chainHash(GENESIS_HASH, content)).toBe(expected);
  });

  it('depends on the order of the links', () => {
    const a = contentHash(event);
    const b = contentHash({ ...event, streamVersion: 2 });
    expect(chainHash(chainHash(GENESIS_HASH, a), b)).not.toBe(chainHash(chainHash(GENESIS_HASH, b), a));
  });
});
