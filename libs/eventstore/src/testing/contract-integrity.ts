import fc from 'fast-check';
import { NewEvent } from '../event-store';
import { Upcaster } from '../upcasting';
import { ContractContext, drainAll, events, meta, newTenant, readUntil, sleep, streamOf } from './contract-support';

/** Arbitrary JSON, minus U+0000, which PostgreSQL's jsonb cannot store (documented limitation). */
const jsonData = fc.jsonValue({ maxDepth: 3 }).filter((v) => !JSON.stringify(v).includes('\\u0000'));

const batchesOfEvents = fc.array(
  fc.array(
    fc.record({ type: fc.constantFrom('Opened', 'Changed', 'Closed'), data: jsonData, schemaVersion: fc.integer({ min: 1, max: 3 }) }),
    { minLength: 1, maxLength: 4 },
  ),
  { minLength: 1, maxLength: 4 },
);

export function describeIntegrityContract(ctx: ContractContext): void {
  it('verifies a fresh tenant with several streams', async () => {
    const tenant = newTenant();
    for (const [i, category] of ['order', 'invoice', 'customer'].entries()) {
      const stream = streamOf(tenant, category);
      await ctx.store.append(tenant, stream, events(i + 1), { expectedVersion: 0, metadata: meta() });
      await ctx.store.append(tenant, stream, events(2, 'More', i + 2), { expectedVersion: i + 1, metadata: meta({ commandId: `c${i}` }) });
    }
    const report = await ctx.store.verifyTenant(tenant);
    expect(report).toEqual({ tenantId: tenant, streamsChecked: 3, eventsChecked: 12, ok: true, breaks: [] });
    expect(await ctx.store.verifyTenant(newTenant())).toMatchObject({ streamsChecked: 0, eventsChecked: 0, ok: true });
  });

  it('verifies any sequence of appended events with arbitrary JSON data (property)', async () => {
    await fc.assert(
      fc.asyncProperty(batchesOfEvents, async (batches) => {
        const tenant = newTenant();
        const stream = streamOf(tenant, 'prop');
        let version = 0;
        for (const batch of batches) {
          await ctx.store.append(tenant, stream, batch as NewEvent[], { expectedVersion: version, metadata: meta() });
          version += batch.length;
        }
        const report = await ctx.store.verifyTenant(tenant);
        expect(report).toMatchObject({ ok: true, breaks: [], eventsChecked: version });
        const read = await ctx.store.readStream(tenant, stream);
        // jsonb keeps numbers but not -0 or key order; compare with the JSON round trip.
        expect(read.map((e) => e.data)).toEqual(batches.flat().map((e) => JSON.parse(JSON.stringify(e.data))));
      }),
      { numRuns: 30 },
    );
  });

  it('reads a stream as it was at an instant (time travel)', async () => {
    const tenant = newTenant();
    const stream = streamOf(tenant);
    await ctx.store.append(tenant, stream, events(2), { expectedVersion: 0, metadata: meta() });
    await sleep(25);
    await ctx.store.append(tenant, stream, events(1, 'Later', 3), { expectedVersion: 2, metadata: meta() });
    const [first, , third] = await ctx.store.readStream(tenant, stream);
    expect(Date.parse(third.recordedAt)).toBeGreaterThan(Date.parse(first.recordedAt));
    expect((await ctx.store.readStream(tenant, stream, { until: first.recordedAt })).map((e) => e.streamVersion)).toEqual([1, 2]);
    const justBefore = new Date(Date.parse(first.recordedAt) - 1).toISOString();
    expect(await ctx.store.readStream(tenant, stream, { until: justBefore })).toEqual([]);
    expect(await ctx.store.readStream(tenant, stream, { until: third.recordedAt })).toHaveLength(3);
    expect((await ctx.store.readStream(tenant, stream, { until: third.recordedAt, fromVersion: 2 })).map((e) => e.streamVersion)).toEqual([2, 3]);
  });

  it('upcasts old payloads on read without rewriting them', async () => {
    const renamed: Upcaster<{ name: string }> = { type: 'CustomerRenamed', fromSchemaVersion: 1, upcast: (d) => ({ fullName: d.name }) };
    const split: Upcaster<{ fullName: string }> = {
      type: 'CustomerRenamed',
      fromSchemaVersion: 2,
      upcast: (d) => ({ first: d.fullName.split(' ')[0], last: d.fullName.split(' ')[1] }),
    };
    const upcasting = await ctx.factory({ upcasters: [renamed, split] });
    try {
      const tenant = newTenant();
      const stream = streamOf(tenant, 'customer');
      const { checkpoint: start } = await drainAll(upcasting.store, upcasting.origin ?? null);
      await ctx.store.append(
        tenant,
        stream,
        [
          { type: 'CustomerRenamed', data: { name: 'Ada Lovelace' } },
          { type: 'CustomerRenamed', data: { fullName: 'Grace Hopper' }, schemaVersion: 2 },
          { type: 'CustomerRenamed', data: { first: 'Alan', last: 'Turing' }, schemaVersion: 3 },
          { type: 'Other', data: { name: 'untouched' } },
        ],
        { expectedVersion: 0, metadata: meta() },
      );
      const current = [
        { type: 'CustomerRenamed', schemaVersion: 3, data: { first: 'Ada', last: 'Lovelace' } },
        { type: 'CustomerRenamed', schemaVersion: 3, data: { first: 'Grace', last: 'Hopper' } },
        { type: 'CustomerRenamed', schemaVersion: 3, data: { first: 'Alan', last: 'Turing' } },
        { type: 'Other', schemaVersion: 1, data: { name: 'untouched' } },
      ];
      const shape = (e: { type: string; schemaVersion: number; data: unknown }) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data });
      expect((await upcasting.store.readStream(tenant, stream)).map(shape)).toEqual(current);
      expect((await upcasting.store.readTenant(tenant)).map(shape)).toEqual(current);
      const all = await readUntil(upcasting.store, start, (e) => e.tenantId === tenant, current.length);
      expect(all.mine.map(shape)).toEqual(current);
      const stored = await ctx.store.readStream(tenant, stream);
      expect(stored[0]).toMatchObject({ schemaVersion: 1, data: { name: 'Ada Lovelace' } });
      expect((await upcasting.store.verifyTenant(tenant)).ok).toBe(true);
    } finally {
      await upcasting.cleanup();
    }
  });
}
