import { chainHash, contentHash, GENESIS_HASH } from '../hash-chain';
import { meta, newTenant, streamOf } from '../testing/contract-support';
import { createPgFixture, PgFixture } from '../testing/pg-fixture';
import { hashable } from '../verify';

/**
 * appendMany hashes plain JSON data from its canonical text, sent as is, and anything else from
 * the parse of its JSON (append-many.ts): either way what jsonb holds must be what was hashed.
 */
describe('appendMany on PostgreSQL: stored data is the hashed data', () => {
  let fx: PgFixture;
  beforeAll(async () => {
    fx = await createPgFixture('es_append_many');
  });
  afterAll(async () => {
    await fx?.close();
  });

  class Money {
    constructor(readonly amount: number, readonly currency: string) {}
    toJSON() {
      return `${this.amount} ${this.currency}`;
    }
  }

  it('stores, reads back and verifies plain and non-plain data alike', async () => {
    const tenant = newTenant();
    const data: Array<Record<string, unknown>> = [
      // Plain: keys out of order, unicode, escapes, nesting, an undefined member (dropped as JSON drops it).
      { z: 1, a: { y: [3, 'x', null, { b: true, a: false }], x: 'ताला "q" \\ \n' }, gone: undefined, n: -0.5e-7 },
      // Not plain: a Date and a toJSON become strings, as JSON.stringify makes them.
      { at: new Date('2026-12-01T10:00:00.000Z'), price: new Money(5, 'INR'), list: [new Date(0)] },
    ];
    const streams = data.map(() => streamOf(tenant, 'usage'));
    const results = await fx.store.appendMany(tenant, data.map((d, i) => ({ streamId: streams[i], events: [{ type: 'Used', data: d }], expectedVersion: 0 })), meta());
    expect(results.map((r) => r.status)).toEqual(['appended', 'appended']);
    for (const [i, stream] of streams.entries()) {
      const [stored] = await fx.store.readStream(tenant, stream);
      expect(stored.data).toEqual(JSON.parse(JSON.stringify(data[i])));
      expect(stored.contentHash).toBe(contentHash(hashable(stored)));
      expect(stored.chainHash).toBe(chainHash(GENESIS_HASH, stored.contentHash));
    }
    expect(await fx.store.verifyTenant(tenant)).toMatchObject({ ok: true, eventsChecked: 2 });
  });
});
