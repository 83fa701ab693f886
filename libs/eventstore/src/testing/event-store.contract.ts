import { ConcurrencyError } from '../errors';
import { Checkpoint, EventStore, StreamOutsideTenantError } from '../event-store';
import { chainHash, contentHash, GENESIS_HASH } from '../hash-chain';
import { hashable } from '../verify';
import { describeAppendAtomicallyContract } from './contract-append-atomically';
import { describeAppendManyContract } from './contract-append-many';
import { describeCatchUpContract } from './contract-catch-up';
import { describeIntegrityContract } from './contract-integrity';
import { ContractContext, EventStoreFactory, EventStoreUnderTest, events, meta, newTenant, streamOf } from './contract-support';

export type { EventStoreFactory, EventStoreUnderTest } from './contract-support';

const HEX64 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The one behaviour both adapters must show. Use from an adapter's spec:
 *
 *   describeEventStoreContract('PostgresEventStore', async (options) => { ...; return { store, cleanup } });
 *
 * The factory must honour `options.upcasters` (the upcasting test relies on it).
 */
export function describeEventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: EventStoreUnderTest | undefined;
    const ctx: ContractContext = {
      get store(): EventStore {
        if (!subject) throw new Error('store not created yet');
        return subject.store;
      },
      get origin(): Checkpoint | null {
        return subject?.origin ?? null;
      },
      factory,
    };
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(async () => {
      await subject?.cleanup();
    });

    it('appends and reads back a stream in order with versions 1..n and all envelope fields', async () => {
      const tenant = newTenant();
      const stream = streamOf(tenant, 'order');
      const metadata = meta({ causationId: 'cause-1', commandId: 'cmd-1' });
      const first = await ctx.store.append(tenant, stream, events(3), { expectedVersion: 0, metadata });
      const second = await ctx.store.append(tenant, stream, [{ type: 'Shipped', data: { at: 'dock 4' }, schemaVersion: 2 }], { expectedVersion: 3, metadata });
      expect(first).toMatchObject({ streamVersion: 3, duplicate: false });
      expect(second).toMatchObject({ streamVersion: 4, duplicate: false });
      expect(second.globalPosition).toBeGreaterThan(first.globalPosition);

      const read = await ctx.store.readStream(tenant, stream);
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
      expect(read.map((e) => e.type)).toEqual(['Happened', 'Happened', 'Happened', 'Shipped']);
      expect(read.map((e) => e.data)).toEqual([...events(3).map((e) => e.data), { at: 'dock 4' }]);
      expect(read.map((e) => e.schemaVersion)).toEqual([1, 1, 1, 2]);
      expect(read[2].globalPosition).toBe(first.globalPosition);
      expect(read[3].globalPosition).toBe(second.globalPosition);
      let previousChain = GENESIS_HASH;
      for (const [i, e] of read.entries()) {
        expect(e.eventId).toMatch(UUID);
        expect(e).toMatchObject({ tenantId: tenant, streamId: stream, metadata });
        expect(new Date(e.recordedAt).toISOString()).toBe(e.recordedAt);
        expect(e.contentHash).toMatch(HEX64);
        expect(e.contentHash).toBe(contentHash(hashable(e)));
        expect(e.chainHash).toBe(chainHash(previousChain, e.contentHash));
        previousChain = e.chainHash;
        if (i > 0) expect(e.globalPosition).toBeGreaterThan(read[i - 1].globalPosition);
      }
      expect(new Set(read.map((e) => e.eventId)).size).toBe(4);
      expect((await ctx.store.readStream(tenant, stream, { fromVersion: 3 })).map((e) => e.streamVersion)).toEqual([3, 4]);
      expect(await ctx.store.readStream(tenant, streamOf(tenant, 'order'))).toEqual([]);
    });

    it('rejects a wrong expected version with ConcurrencyError and appends nothing', async () => {
      const tenant = newTenant();
      const stream = streamOf(tenant);
      await ctx.store.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta() });
      const before = await ctx.store.readStream(tenant, stream);
      for (const wrong of [1, 3, 7]) {
        const attempt = ctx.store.append(tenant, stream, events(2, 'Late'), { expectedVersion: wrong, metadata: meta() });
        await expect(attempt).rejects.toThrow(ConcurrencyError);
        await expect(attempt).rejects.toMatchObject({ streamId: stream, expectedVersion: wrong, actualVersion: 2 });
      }
      await expect(
        ctx.store.append(tenant, streamOf(tenant), events(1), { expectedVersion: 2, metadata: meta() }),
      ).rejects.toMatchObject({ actualVersion: 0 });
      expect(await ctx.store.readStream(tenant, stream)).toEqual(before);
      expect((await ctx.store.verifyTenant(tenant)).ok).toBe(true);
    });

    it("rejects expectedVersion 0 on an existing stream with ConcurrencyError, while 'any' always appends", async () => {
      const tenant = newTenant();
      const stream = streamOf(tenant);
      await ctx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() });
      await expect(ctx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() })).rejects.toThrow(ConcurrencyError);
      const fresh = streamOf(tenant);
      expect((await ctx.store.append(tenant, fresh, events(2), { expectedVersion: 'any', metadata: meta() })).streamVersion).toBe(2);
      expect((await ctx.store.append(tenant, stream, events(2), { expectedVersion: 'any', metadata: meta() })).streamVersion).toBe(3);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => ctx.store.append(tenant, stream, events(1, `Any${i}`), { expectedVersion: 'any', metadata: meta() })),
      );
      expect(results.map((r) => r.streamVersion).sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
      expect((await ctx.store.readStream(tenant, stream)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect((await ctx.store.verifyTenant(tenant)).ok).toBe(true);
    });

    it('lets exactly one of several concurrent first appends of a stream win; the others get ConcurrencyError', async () => {
      const tenant = newTenant();
      const stream = streamOf(tenant);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => ctx.store.append(tenant, stream, events(2, `Racer${i}`), { expectedVersion: 0, metadata: meta() })),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConcurrencyError);
      expect(await ctx.store.readStream(tenant, stream)).toHaveLength(2);
    });

    it('returns the first result with duplicate: true for a repeated idempotency key and appends nothing, even with a stale expected version', async () => {
      const tenant = newTenant();
      const stream = streamOf(tenant);
      const first = await ctx.store.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'cmd-42' });
      const again = await ctx.store.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'cmd-42' });
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ streamVersion: first.streamVersion, globalPosition: first.globalPosition, duplicate: true });
      await ctx.store.append(tenant, stream, events(1), { expectedVersion: 2, metadata: meta() });
      const stale = await ctx.store.append(tenant, stream, events(5), { expectedVersion: 'any', metadata: meta(), idempotencyKey: 'cmd-42' });
      expect(stale).toEqual(again);
      expect(await ctx.store.readStream(tenant, stream)).toHaveLength(3);
      // Keys are per tenant: another tenant may use the same one.
      const other = newTenant();
      expect((await ctx.store.append(other, streamOf(other), events(1), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'cmd-42' })).duplicate).toBe(false);
    });

    it('writes once when the same idempotency key is appended concurrently', async () => {
      const tenant = newTenant();
      const stream = streamOf(tenant);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => ctx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'k' })),
      );
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      for (const r of results) expect(r).toMatchObject({ streamVersion: 1, globalPosition: results[0].globalPosition });
      expect(await ctx.store.readStream(tenant, stream)).toHaveLength(1);
    });

    it('honours one idempotency key across streams of a tenant, also when raced', async () => {
      const tenant = newTenant();
      const streams = Array.from({ length: 6 }, () => streamOf(tenant));
      const results = await Promise.all(
        streams.map((s) => ctx.store.append(tenant, s, events(2), { expectedVersion: 0, metadata: meta(), idempotencyKey: 'shared-key' })),
      );
      const winners = results.filter((r) => !r.duplicate);
      expect(winners).toHaveLength(1);
      for (const r of results) expect(r).toMatchObject({ streamVersion: 2, globalPosition: winners[0].globalPosition });
      const lengths = await Promise.all(streams.map(async (s) => (await ctx.store.readStream(tenant, s)).length));
      expect(lengths.sort()).toEqual([0, 0, 0, 0, 0, 2]);
      expect(await ctx.store.verifyTenant(tenant)).toMatchObject({ ok: true, eventsChecked: 2 });
    });

    it("refuses a stream id outside the tenant, and does not read another tenant's stream", async () => {
      const a = newTenant();
      const b = newTenant();
      const bStream = streamOf(b);
      await ctx.store.append(b, bStream, events(1), { expectedVersion: 0, metadata: meta() });
      for (const bad of [bStream, `${a}x.thing-1`, 'thing-1', `.${a}.thing`]) {
        await expect(ctx.store.append(a, bad, events(1), { expectedVersion: 'any', metadata: meta() })).rejects.toThrow(StreamOutsideTenantError);
      }
      await expect(ctx.store.append('', `.thing-1`, events(1), { expectedVersion: 'any', metadata: meta() })).rejects.toThrow(StreamOutsideTenantError);
      const read = ctx.store.readStream(a, bStream).then(
        (events) => events,
        (error: unknown) => error,
      );
      const outcome = await read;
      if (Array.isArray(outcome)) expect(outcome).toEqual([]);
      else expect(outcome).toBeInstanceOf(StreamOutsideTenantError);
      expect(await ctx.store.readStream(b, bStream)).toHaveLength(1);
    });

    it("returns only the tenant's events from readTenant, in global order, paging with afterPosition", async () => {
      const a = newTenant();
      const b = newTenant();
      for (let i = 0; i < 4; i++) {
        await ctx.store.append(a, streamOf(a, 'x', String(i % 2)), events(1), { expectedVersion: 'any', metadata: meta() });
        await ctx.store.append(b, streamOf(b), events(1), { expectedVersion: 0, metadata: meta() });
      }
      const all = await ctx.store.readTenant(a);
      expect(all).toHaveLength(4);
      expect(all.every((e) => e.tenantId === a)).toBe(true);
      const positions = all.map((e) => e.globalPosition);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      const page1 = await ctx.store.readTenant(a, 0, 3);
      const page2 = await ctx.store.readTenant(a, page1[page1.length - 1].globalPosition, 3);
      expect([...page1, ...page2].map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
      expect(await ctx.store.readTenant(a, positions[3])).toEqual([]);
    });

    describeCatchUpContract(ctx);
    describeIntegrityContract(ctx);
    describeAppendManyContract(ctx);
    describeAppendAtomicallyContract(ctx);
  });
}
