import { Checkpoint, StoredEvent } from '../event-store';
import { appendWithRetry, ContractContext, drainAll, events, expectConsistentWithStreams, meta, newTenant, readUntil, sleep, streamOf } from './contract-support';

const WRITERS = 24;
const EVENTS_PER_WRITER = 25;
const SHARED_EVERY = 5;

export function describeCatchUpContract(ctx: ContractContext): void {
  it('reads everything from the run\'s start (null on a fresh store) across tenants, consistent with each stream, and pages by checkpoint exactly once', async () => {
    const tenants = [newTenant(), newTenant()];
    const counts = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      for (const t of tenants) {
        for (const id of ['a', 'b']) {
          const stream = streamOf(t, 'acct', id);
          await ctx.store.append(t, stream, events(round + 1), { expectedVersion: counts.get(stream) ?? 0, metadata: meta() });
          counts.set(stream, (counts.get(stream) ?? 0) + round + 1);
        }
      }
    }
    const ours = (e: StoredEvent) => tenants.includes(e.tenantId);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const whole = await readUntil(ctx.store, ctx.origin, ours, total, 10_000);
    expectConsistentWithStreams(whole.mine, counts);

    const paged = await readUntil(ctx.store, ctx.origin, ours, total, 3);
    expect(paged.mine.map((e) => e.eventId)).toEqual(whole.mine.map((e) => e.eventId));
    const ids = paged.events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expectConsistentWithStreams(paged.mine, counts);
    const next = await ctx.store.readAll(paged.checkpoint, 3);
    expect(next.events.filter(ours)).toEqual([]);
    if (next.events.length === 0) expect(next.checkpoint).toBe(paged.checkpoint);
  });

  it('catches up with many concurrent writers without skipping or repeating an event', async () => {
    const { checkpoint: start } = await drainAll(ctx.store, ctx.origin);
    const tenant = newTenant();
    const shared = streamOf(tenant, 'shared', 'hot');
    const expected = new Map<string, number>([[shared, WRITERS * (EVENTS_PER_WRITER / SHARED_EVERY)]]);
    const seen: StoredEvent[] = [];
    const total = WRITERS * EVENTS_PER_WRITER + expected.get(shared)!;
    let writing = true;

    const reader = (async () => {
      let checkpoint: Checkpoint | null = start;
      const deadline = Date.now() + 90_000;
      while (seen.length < total || writing) {
        if (Date.now() > deadline) throw new Error(`reader saw ${seen.length} of ${total} events`);
        const batch = await ctx.store.readAll(checkpoint, 7);
        seen.push(...batch.events.filter((e) => e.tenantId === tenant));
        checkpoint = batch.checkpoint;
        if (batch.events.length === 0) await sleep(5);
      }
      // Nothing more may turn up once everything was seen.
      await sleep(50);
      seen.push(...(await drainAll(ctx.store, checkpoint)).events.filter((e) => e.tenantId === tenant));
    })();

    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      const own = streamOf(tenant, 'writer', String(w));
      expected.set(own, EVENTS_PER_WRITER);
      for (let i = 0; i < EVENTS_PER_WRITER; i++) {
        await ctx.store.append(tenant, own, [{ type: 'Wrote', data: { w, i } }], { expectedVersion: i, metadata: meta() });
        if ((i + 1) % SHARED_EVERY === 0) await appendWithRetry(ctx.store, tenant, shared, [{ type: 'Shared', data: { w, i } }]);
      }
    });
    try {
      await Promise.all(writers);
    } finally {
      writing = false;
    }
    await reader;
    expect(seen).toHaveLength(total);
    expectConsistentWithStreams(seen, expected);
  }, 120_000);

  it('tells whether a checkpoint has passed an event', async () => {
    const tenant = newTenant();
    const stream = streamOf(tenant);
    const { checkpoint: start } = await drainAll(ctx.store, ctx.origin);
    const first = await ctx.store.append(tenant, stream, events(1), { expectedVersion: 0, metadata: meta() });
    expect(await ctx.store.isCheckpointPast(null, first.globalPosition)).toBe(false);
    expect(await ctx.store.isCheckpointPast(start, first.globalPosition)).toBe(false);

    const afterFirst = await readPast(ctx, start, tenant, 1);
    expect(await ctx.store.isCheckpointPast(afterFirst, first.globalPosition)).toBe(true);
    const second = await ctx.store.append(tenant, stream, events(1), { expectedVersion: 1, metadata: meta() });
    expect(await ctx.store.isCheckpointPast(afterFirst, second.globalPosition)).toBe(false);
    const afterSecond = await readPast(ctx, afterFirst, tenant, 1);
    expect(await ctx.store.isCheckpointPast(afterSecond, second.globalPosition)).toBe(true);
    expect(await ctx.store.isCheckpointPast(afterSecond, first.globalPosition)).toBe(true);
  });
}

/** Reads from `from` until `count` events of the tenant went by; returns the checkpoint there. */
async function readPast(ctx: ContractContext, from: Checkpoint | null, tenant: string, count: number): Promise<Checkpoint | null> {
  let checkpoint = from;
  let found = 0;
  for (const deadline = Date.now() + 30_000; found < count; ) {
    if (Date.now() > deadline) throw new Error('event never became readable');
    const batch = await ctx.store.readAll(checkpoint, 1);
    checkpoint = batch.checkpoint;
    if (batch.events.length === 0) await sleep(10);
    found += batch.events.filter((e) => e.tenantId === tenant).length;
  }
  return checkpoint;
}
