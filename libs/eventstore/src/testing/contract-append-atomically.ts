import { AppendManyItem, AtomicAppendResult, AtomicAppendUnsupported, StreamOutsideTenantError } from '../event-store';
import { ContractContext, events, meta, newTenant, streamOf } from './contract-support';

/**
 * `appendAtomically`: all items or none. An adapter without multi-stream transactions must
 * refuse several items with AtomicAppendUnsupported, writing nothing, and still take one item.
 */
export function describeAppendAtomicallyContract(ctx: ContractContext): void {
  /** The answer, or null when the adapter refused (checked: the refusal wrote nothing). */
  async function atomically(tenant: string, items: AppendManyItem[], commandId?: string): Promise<AtomicAppendResult | null> {
    const before = (await ctx.store.readTenant(tenant)).length;
    try {
      return await ctx.store.appendAtomically(tenant, items, meta(commandId ? { commandId } : {}));
    } catch (error) {
      if (!(error instanceof AtomicAppendUnsupported) || items.length < 2) throw error;
      expect((await ctx.store.readTenant(tenant)).length).toBe(before);
      return null;
    }
  }

  it('appendAtomically appends every item to new and existing streams, in item order', async () => {
    const tenant = newTenant();
    const existing = streamOf(tenant, 'day');
    await ctx.store.append(tenant, existing, events(2), { expectedVersion: 0, metadata: meta() });
    const fresh = streamOf(tenant, 'booking');
    const result = await atomically(tenant, [
      { streamId: fresh, events: events(1, 'Booked'), expectedVersion: 0, idempotencyKey: 'book-1' },
      { streamId: existing, events: events(2, 'Taken', 3), expectedVersion: 2 },
    ], 'cmd-1');
    if (!result) return;
    expect(result).toEqual({ status: 'appended', results: [expect.objectContaining({ streamVersion: 1 }), expect.objectContaining({ streamVersion: 4 })] });
    const read = await ctx.store.readStream(tenant, existing);
    expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
    expect(read[3].globalPosition).toBe(result.status === 'appended' ? result.results[1].globalPosition : -1);
    expect(read[3].metadata).toMatchObject({ commandId: 'cmd-1' });
    expect(await ctx.store.verifyTenant(tenant)).toMatchObject({ ok: true, streamsChecked: 2, eventsChecked: 5 });
  });

  it('appendAtomically writes nothing at all when one item conflicts, and names that item and where its stream is', async () => {
    const tenant = newTenant();
    const taken = streamOf(tenant, 'day');
    await ctx.store.append(tenant, taken, events(3), { expectedVersion: 0, metadata: meta() });
    const fresh = streamOf(tenant, 'booking');
    const other = streamOf(tenant, 'day');
    const result = await atomically(tenant, [
      { streamId: fresh, events: events(1, 'Booked'), expectedVersion: 0, idempotencyKey: 'given-back' },
      { streamId: taken, events: events(1, 'Taken', 4), expectedVersion: 2 },
      { streamId: other, events: events(1, 'Taken'), expectedVersion: 0 },
    ]);
    if (!result) return;
    expect(result).toEqual({ status: 'conflict', conflicts: [{ index: 1, streamId: taken, streamVersion: 3 }] });
    expect(await ctx.store.readStream(tenant, fresh)).toEqual([]);
    expect(await ctx.store.readStream(tenant, other)).toEqual([]);
    expect((await ctx.store.readStream(tenant, taken)).length).toBe(3);
    // Nothing was kept, the idempotency key neither: the corrected call goes through with it.
    const retry = await atomically(tenant, [
      { streamId: fresh, events: events(1, 'Booked'), expectedVersion: 0, idempotencyKey: 'given-back' },
      { streamId: taken, events: events(1, 'Taken', 4), expectedVersion: 3 },
    ]);
    expect(retry).toMatchObject({ status: 'appended' });
    expect(await ctx.store.verifyTenant(tenant)).toMatchObject({ ok: true });
  });

  it('appendAtomically answers a repeat of an idempotency key with the first result and writes nothing', async () => {
    const tenant = newTenant();
    const booking = streamOf(tenant, 'booking');
    const day = streamOf(tenant, 'day');
    const first = await atomically(tenant, [
      { streamId: booking, events: events(1, 'Booked'), expectedVersion: 0, idempotencyKey: 'once' },
      { streamId: day, events: events(1, 'Taken'), expectedVersion: 0 },
    ]);
    if (!first || first.status !== 'appended') {
      expect(first).toBeNull();
      return;
    }
    const again = await atomically(tenant, [
      { streamId: booking, events: events(1, 'Booked'), expectedVersion: 0, idempotencyKey: 'once' },
      { streamId: streamOf(tenant, 'day'), events: events(1, 'Taken'), expectedVersion: 0 },
    ]);
    expect(again).toEqual({ status: 'duplicate', index: 0, streamVersion: 1, globalPosition: first.results[0].globalPosition });
    expect((await ctx.store.readTenant(tenant)).length).toBe(2);
  });

  it('appendAtomically from racing calls over the same streams lets each call win all of them or none', async () => {
    const tenant = newTenant();
    const days = Array.from({ length: 3 }, () => streamOf(tenant, 'day'));
    for (const d of days) await ctx.store.append(tenant, d, events(1), { expectedVersion: 0, metadata: meta() });
    // Every caller takes two of the three days at version 1 and its own new booking stream.
    const calls = Array.from({ length: 12 }, (_, c) => atomically(tenant, [
      { streamId: streamOf(tenant, 'booking', `00000000-0000-4000-8000-${String(c).padStart(12, '0')}`), events: events(1, `By${c}`), expectedVersion: 0 },
      { streamId: days[c % 3], events: events(1, `By${c}`, 2), expectedVersion: 1 },
      { streamId: days[(c + 1) % 3], events: events(1, `By${c}`, 2), expectedVersion: 1 },
    ]));
    const answers = await Promise.all(calls);
    if (answers.every((a) => a === null)) return;
    const winners = answers.flatMap((a, c) => (a?.status === 'appended' ? [c] : []));
    // Any two callers share a day, so exactly one can have won.
    expect(winners.length).toBe(1);
    const written = await ctx.store.readTenant(tenant);
    expect(written.length).toBe(3 + 3);
    expect(new Set(written.slice(3).map((e) => e.type))).toEqual(new Set([`By${winners[0]}`]));
  });

  it("appendAtomically refuses another tenant's stream before writing anything, and takes a single item on every adapter", async () => {
    const tenant = newTenant();
    const mine = streamOf(tenant, 'day');
    await expect(ctx.store.appendAtomically(tenant, [
      { streamId: mine, events: events(1), expectedVersion: 0 },
      { streamId: streamOf(newTenant(), 'day'), events: events(1), expectedVersion: 0 },
    ], meta())).rejects.toThrow(StreamOutsideTenantError);
    expect(await ctx.store.readTenant(tenant)).toEqual([]);
    const single = await ctx.store.appendAtomically(tenant, [{ streamId: mine, events: events(1), expectedVersion: 0 }], meta());
    expect(single).toMatchObject({ status: 'appended', results: [{ streamVersion: 1 }] });
    const lost = await ctx.store.appendAtomically(tenant, [{ streamId: mine, events: events(1), expectedVersion: 0 }], meta());
    expect(lost).toEqual({ status: 'conflict', conflicts: [{ index: 0, streamId: mine, streamVersion: 1 }] });
  });
}
