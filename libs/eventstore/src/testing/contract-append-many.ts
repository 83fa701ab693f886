import { StreamOutsideTenantError } from '../event-store';
import { chainHash, contentHash, GENESIS_HASH } from '../hash-chain';
import { hashable } from '../verify';
import { ContractContext, events, meta, newTenant, streamOf } from './contract-support';

/** `appendMany`: per-item answers, exactly-once under races, hash chain and tenant checks for every event. */
export function describeAppendManyContract(ctx: ContractContext): void {
  it('appendMany appends to new and existing streams, answers per item in order, and chains every event', async () => {
    const tenant = newTenant();
    const existing = streamOf(tenant, 'acct');
    await ctx.store.append(tenant, existing, events(2), { expectedVersion: 0, metadata: meta() });
    const fresh = [streamOf(tenant, 'usage'), streamOf(tenant, 'usage')];
    const results = await ctx.store.appendMany(tenant, [
      { streamId: fresh[0], events: events(1, 'Used'), expectedVersion: 0 },
      { streamId: existing, events: events(2, 'More', 3), expectedVersion: 2, idempotencyKey: 'k-existing' },
      { streamId: fresh[1], events: events(3, 'Used'), expectedVersion: 0, idempotencyKey: 'k-fresh' },
    ], meta({ commandId: 'batch-1' }));
    expect(results.map((r) => [r.status, r.streamVersion])).toEqual([['appended', 1], ['appended', 4], ['appended', 3]]);
    for (const stream of [...fresh, existing]) {
      let previous = GENESIS_HASH;
      for (const e of await ctx.store.readStream(tenant, stream)) {
        expect(e.contentHash).toBe(contentHash(hashable(e)));
        expect(e.chainHash).toBe(chainHash(previous, e.contentHash));
        previous = e.chainHash;
      }
    }
    const read = await ctx.store.readStream(tenant, fresh[1]);
    expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(read[0].metadata).toMatchObject({ commandId: 'batch-1' });
    expect(read[2].globalPosition).toBe((results[2] as { globalPosition: number }).globalPosition);
    expect(await ctx.store.verifyTenant(tenant)).toMatchObject({ ok: true, streamsChecked: 3, eventsChecked: 8 });
  });

  it('appendMany answers a conflict or a duplicate for one item, writes nothing for it, and appends the others', async () => {
    const tenant = newTenant();
    const taken = streamOf(tenant, 'usage');
    const keyed = streamOf(tenant, 'acct');
    const first = await ctx.store.append(tenant, taken, events(1), { expectedVersion: 0, metadata: meta() });
    const keyedFirst = await ctx.store.append(tenant, keyed, events(1), { expectedVersion: 0, idempotencyKey: 'once', metadata: meta() });
    const ok = streamOf(tenant, 'usage');
    const lost = streamOf(tenant, 'usage');
    const results = await ctx.store.appendMany(tenant, [
      { streamId: taken, events: events(1, 'Again'), expectedVersion: 0 },
      { streamId: ok, events: events(1), expectedVersion: 0 },
      { streamId: streamOf(tenant, 'acct'), events: events(1), expectedVersion: 0, idempotencyKey: 'once' },
      { streamId: lost, events: events(1), expectedVersion: 3, idempotencyKey: 'given-back' },
    ], meta());
    expect(results).toEqual([
      { status: 'conflict', streamVersion: 1 },
      expect.objectContaining({ status: 'appended', streamVersion: 1 }),
      { status: 'duplicate', streamVersion: keyedFirst.streamVersion, globalPosition: keyedFirst.globalPosition },
      { status: 'conflict', streamVersion: 0 },
    ]);
    expect((await ctx.store.readStream(tenant, taken)).map((e) => e.globalPosition)).toEqual([first.globalPosition]);
    expect(await ctx.store.readStream(tenant, lost)).toEqual([]);
    // The conflicting item's key was not kept: it still works.
    const retry = await ctx.store.appendMany(tenant, [{ streamId: lost, events: events(1), expectedVersion: 0, idempotencyKey: 'given-back' }], meta());
    expect(retry[0]).toMatchObject({ status: 'appended', streamVersion: 1 });
    expect((await ctx.store.readTenant(tenant)).length).toBe(4);
  });

  it('appendMany from concurrent calls creates each contested stream exactly once', async () => {
    const tenant = newTenant();
    const streams = Array.from({ length: 40 }, () => streamOf(tenant, 'usage'));
    // Every call takes all streams, in a different order: each stream must be won by one call only.
    const calls = Array.from({ length: 6 }, (_, c) => {
      const order = c % 2 === 0 ? streams : [...streams].reverse();
      return ctx.store.appendMany(tenant, order.map((streamId) => ({ streamId, events: events(1, `By${c}`), expectedVersion: 0 })), meta());
    });
    const answers = await Promise.all(calls);
    const appended = answers.flat().filter((r) => r.status === 'appended').length;
    expect(appended).toBe(40);
    expect(answers.flat().filter((r) => r.status === 'conflict').length).toBe(200);
    const read = await ctx.store.readTenant(tenant);
    expect(read.length).toBe(40);
    expect(new Set(read.map((e) => e.streamId)).size).toBe(40);
  });

  it("appendMany refuses another tenant's stream and a stream twice in one call, writing nothing", async () => {
    const tenant = newTenant();
    const mine = streamOf(tenant, 'usage');
    await expect(ctx.store.appendMany(tenant, [
      { streamId: mine, events: events(1), expectedVersion: 0 },
      { streamId: streamOf(newTenant(), 'usage'), events: events(1), expectedVersion: 0 },
    ], meta())).rejects.toThrow(StreamOutsideTenantError);
    await expect(ctx.store.appendMany(tenant, [
      { streamId: mine, events: events(1), expectedVersion: 0 },
      { streamId: mine, events: events(1), expectedVersion: 1 },
    ], meta())).rejects.toThrow(RangeError);
    expect(await ctx.store.readTenant(tenant)).toEqual([]);
    expect(await ctx.store.appendMany(tenant, [], meta())).toEqual([]);
  });
}
