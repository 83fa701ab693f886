import fc from 'fast-check';
import { canonicalJson, contentDigest, HashableEvent, plainCanonicalJson } from './hash-chain';

/**
 * appendMany stores and hashes `plainCanonicalJson(data)` in one pass where it used to hash
 * `canonicalJson(JSON.parse(JSON.stringify(data)))` and store the stringify: the two must agree
 * on every value a JSON body can hold, and the shortcut must refuse whatever they could differ on.
 */
describe('plainCanonicalJson', () => {
  const viaJson = (value: unknown) => canonicalJson(JSON.parse(JSON.stringify(value) ?? 'null'));

  it('equals canonicalJson of the JSON round trip for any parsed JSON value, and parses to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (parsed) => {
        const value = JSON.parse(JSON.stringify(parsed)) as unknown;
        const text = plainCanonicalJson(value);
        expect(text).toBe(viaJson(value));
        expect(JSON.parse(text!)).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it('skips undefined members as JSON.stringify does, and keeps __proto__ as an own key', () => {
    expect(plainCanonicalJson({ b: 1, a: undefined, c: [1, 'x', null] })).toBe('{"b":1,"c":[1,"x",null]}');
    const withProto = JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown;
    expect(plainCanonicalJson(withProto)).toBe(viaJson(withProto));
  });

  it.each([
    ['a Date', { at: new Date(0) }],
    ['a toJSON', { v: { toJSON: () => 'x' } }],
    ['a class instance', { v: new (class Money { amount = 1; })() }],
    ['NaN', { v: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['undefined in an array', [undefined]],
    ['a function member', { f: () => 1 }],
    ['a bigint', { n: BigInt(1) }],
    ['a Map', new Map([['a', 1]])],
    ['undefined itself', undefined],
  ])('refuses %s (the caller then takes the stringify-and-parse road)', (_name, value) => {
    expect(plainCanonicalJson(value)).toBeUndefined();
  });

  it('gives contentDigest the same hash when handed the canonical data and metadata', () => {
    const e: HashableEvent = {
      eventId: '0b6b1e9e-9d35-4a8f-9a57-3c3f9f5c2f10', streamId: 't.usage-1', streamVersion: 1, type: 'UsageRecorded',
      schemaVersion: 1, data: { value: 5, dimensions: { currency: 'INR' } }, metadata: { actor: 'u', correlationId: 'c' },
      recordedAt: '2026-12-01T10:00:00.000Z',
    };
    const pre = { data: plainCanonicalJson(e.data)!, metadata: canonicalJson(e.metadata) };
    expect(contentDigest({ ...e, data: undefined }, pre).equals(contentDigest(e))).toBe(true);
    expect(contentDigest({ ...e, data: undefined }, { ...pre, data: '{"value":6}' }).equals(contentDigest(e))).toBe(false);
  });
});
