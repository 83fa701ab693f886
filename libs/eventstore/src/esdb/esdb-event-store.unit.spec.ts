import { DeadlineExceededError, EventStoreDBClient } from '@eventstore/db-client';
import { DomainError } from '../decider';
import { ConcurrencyError } from '../errors';
import { EventMetadata, NewEvent } from '../event-store';
import { AppendTooLarge, StreamRetentionUnsupported, UnsupportedEsdbOption } from './esdb-errors';
import { EsdbEventStore, EsdbEventStoreOptions } from './esdb-event-store';
import { RECORDED_TYPE, RELEASED_TYPE, RESERVED_TYPE } from './esdb-idempotency';
import { ScriptedEsdbClient } from './testing/scripted-esdb-client';

/**
 * The adapter's own logic around the client: key reservations, re-checks after conflicts and
 * lost replies, refusals. The client is a scripted stand-in (testing/scripted-esdb-client.ts),
 * NOT a server: what a real EventStoreDB does is the contract suite's job.
 */
const meta: EventMetadata = { actor: 'user-1' };
const one = (n = 1): NewEvent[] => [{ type: 'Happened', data: { n } }];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function storeOn(client: ScriptedEsdbClient, options: EsdbEventStoreOptions = {}): EsdbEventStore {
  return new EsdbEventStore(client.asClient(), { keyLeaseMs: 60_000, ...options });
}

const ourAppends = (client: ScriptedEsdbClient) => client.calls.filter((c) => c.startsWith('append'));

describe('EsdbEventStore around the client (scripted client, no server)', () => {
  describe('idempotency keys', () => {
    it('reserves the key in its marker stream before writing, and records the result after', async () => {
      const client = new ScriptedEsdbClient();
      const result = await storeOn(client).append('t1', 't1.quote-1', one(), { expectedVersion: 0, metadata: meta, idempotencyKey: 'k' });
      expect(result).toMatchObject({ streamVersion: 1, duplicate: false });
      expect(ourAppends(client)).toEqual([
        `append marker ${RESERVED_TYPE} @no_stream`,
        'append t1.quote-1 Happened @no_stream',
        `append marker ${RECORDED_TYPE} @0`,
      ]);
      expect(result.globalPosition).toBe(Number(client.stream('t1.quote-1')[0].position.commit));
    });

    it('writes once when first appends with one key race on different streams; every caller gets that result', async () => {
      const client = new ScriptedEsdbClient();
      const store = storeOn(client);
      const streams = Array.from({ length: 6 }, (_, i) => `t1.thing-${i}`);
      const results = await Promise.all(streams.map((s) => store.append('t1', s, one(), { expectedVersion: 0, metadata: meta, idempotencyKey: 'shared' })));
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      const winner = results.find((r) => !r.duplicate)!;
      for (const r of results) expect(r).toMatchObject({ streamVersion: 1, globalPosition: winner.globalPosition });
      expect(streams.map((s) => client.stream(s).length).sort()).toEqual([0, 0, 0, 0, 0, 1]);
    });

    it("with 'any', does not append a key's events twice when another append of that key lands between its checks", async () => {
      const client = new ScriptedEsdbClient();
      const store = storeOn(client);
      const stream = 't1.quote-1';
      let other: Promise<unknown> | undefined;
      client.beforeRead = async (streamId, options) => {
        // The first head read of the stream: a second append with the same key runs meanwhile.
        if (streamId === stream && options.maxCount === 1 && !other) {
          other = store.append('t1', stream, one(), { expectedVersion: 'any', metadata: meta, idempotencyKey: 'k' });
          await sleep(20);
        }
      };
      const first = await store.append('t1', stream, one(), { expectedVersion: 'any', metadata: meta, idempotencyKey: 'k' });
      const second = (await other) as typeof first;
      expect(client.stream(stream)).toHaveLength(1);
      expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
      expect(second).toMatchObject({ streamVersion: 1, globalPosition: first.globalPosition });
    });

    it('frees the key when the write conflicted, so a later append with it is not a duplicate', async () => {
      const client = new ScriptedEsdbClient();
      const store = storeOn(client);
      await store.append('t1', 't1.quote-1', one(), { expectedVersion: 0, metadata: meta });
      await expect(store.append('t1', 't1.quote-1', one(2), { expectedVersion: 0, metadata: meta, idempotencyKey: 'k' })).rejects.toBeInstanceOf(ConcurrencyError);
      expect(ourAppends(client).slice(-1)).toEqual([`append marker ${RELEASED_TYPE} @0`]);
      const retried = await store.append('t1', 't1.quote-1', one(2), { expectedVersion: 1, metadata: meta, idempotencyKey: 'k' });
      expect(retried).toMatchObject({ streamVersion: 2, duplicate: false });
    });

    it('answers a write whose reply was lost (IdempotentNotReady: the server drops the retry, the deadline fires) from a re-read', async () => {
      const client = new ScriptedEsdbClient();
      const store = storeOn(client, { sleep: async () => undefined });
      let lost = false;
      client.afterAppend = (streamId) => {
        if (streamId === 't1.quote-1' && !lost) {
          lost = true;
          throw new DeadlineExceededError(undefined, 'deadline exceeded');
        }
      };
      const result = await store.append('t1', 't1.quote-1', one(), { expectedVersion: 0, metadata: meta, idempotencyKey: 'k' });
      expect(result).toMatchObject({ streamVersion: 1, duplicate: false });
      expect(client.stream('t1.quote-1')).toHaveLength(1);
      expect(await store.append('t1', 't1.quote-1', one(), { expectedVersion: 0, metadata: meta, idempotencyKey: 'k' })).toMatchObject({ streamVersion: 1, duplicate: true });
    });

    it('takes over a reservation whose writer died before writing, once its lease is over', async () => {
      const client = new ScriptedEsdbClient();
      let now = 1_000_000;
      const store = storeOn(client, { keyLeaseMs: 1_000, now: () => now, sleep: async () => { now += 400; } });
      // A writer reserved the key at `now` and crashed: its marker stands, its events never came.
      const crashed = storeOn(client, { now: () => now });
      client.beforeAppend = (streamId) => {
        if (streamId === 't1.quote-1') throw new Error('process killed');
      };
      await expect(crashed.append('t1', 't1.quote-1', one(), { expectedVersion: 0, metadata: meta, idempotencyKey: 'k' })).rejects.toThrow('process killed');
      client.beforeAppend = undefined;
      const result = await store.append('t1', 't1.quote-1', one(), { expectedVersion: 0, metadata: meta, idempotencyKey: 'k' });
      expect(result).toMatchObject({ streamVersion: 1, duplicate: false });
      expect(client.stream('t1.quote-1')).toHaveLength(1);
    });
  });

  describe('limits and options', () => {
    it('refuses an append over 1 MiB with a domain error naming its size, before touching the key or the stream', async () => {
      const client = new ScriptedEsdbClient();
      const big = [{ type: 'Big', data: { blob: 'x'.repeat(1024 * 1024) } }];
      const error = await storeOn(client).append('t1', 't1.quote-1', big, { expectedVersion: 0, metadata: meta, idempotencyKey: 'k' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLarge);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as AppendTooLarge).sizeBytes).toBeGreaterThan(1024 * 1024);
      expect((error as Error).message).toMatch(/append to t1\.quote-1 is \d+ bytes, over EventStoreDB's limit of 1048576 bytes/);
      expect(client.calls.filter((c) => c.startsWith('append'))).toEqual([]);
    });

    it('refuses an appendMany with one oversized item before writing any item', async () => {
      const client = new ScriptedEsdbClient();
      const items = [
        { streamId: 't1.small-1', events: one(), expectedVersion: 0 },
        { streamId: 't1.big-1', events: [{ type: 'Big', data: { blob: 'x'.repeat(1024 * 1024) } }], expectedVersion: 0 },
      ];
      await expect(storeOn(client).appendMany('t1', items, meta)).rejects.toThrow(/append to t1\.big-1 is \d+ bytes/);
      expect(client.all).toHaveLength(0);
    });

    it("maps the server's own size refusal (a lower MaxAppendSize) to the same domain error", async () => {
      const client = new ScriptedEsdbClient();
      client.maxAppendSize = 1000;
      const error = await storeOn(client).append('t1', 't1.quote-1', [{ type: 'Big', data: { blob: 'x'.repeat(2000) } }], { expectedVersion: 0, metadata: meta }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppendTooLarge);
      expect((error as AppendTooLarge).maxBytes).toBe(1000);
    });

    it('refuses throwOnAppendFailure=false, in a connection string and on a client passed in', () => {
      expect(() => new EsdbEventStore('esdb://127.0.0.1:2113?tls=false&throwOnAppendFailure=false')).toThrow(UnsupportedEsdbOption);
      expect(() => new EsdbEventStore('esdb://127.0.0.1:2113?tls=false&throw-on-append-failure=false')).toThrow(/throwOnAppendFailure=false/);
      const client = new ScriptedEsdbClient();
      client.throwOnAppendFailure = false;
      expect(() => new EsdbEventStore(client.asClient())).toThrow(UnsupportedEsdbOption);
      expect(() => new EsdbEventStore(EventStoreDBClient.connectionString('esdb://127.0.0.1:2113?tls=false&throwOnAppendFailure=false'))).toThrow(UnsupportedEsdbOption);
    });

    it("reports a multi-event append's own last event position, not a later writer's", async () => {
      const client = new ScriptedEsdbClient();
      const store = storeOn(client);
      client.afterAppend = (streamId, events) => {
        // Another writer appends to the same stream right after ours, before we look.
        if (events.length === 3) client.write(streamId, [{ id: 'someone-else', type: 'Other', data: {} }]);
      };
      const result = await store.append('t1', 't1.quote-1', [...one(1), ...one(2), ...one(3)], { expectedVersion: 0, metadata: meta });
      const ours = client.stream('t1.quote-1')[2];
      expect(result).toMatchObject({ streamVersion: 3, globalPosition: Number(ours.position.commit) });
    });
  });

  describe('retention and deletion', () => {
    async function tenantWithStreams(client: ScriptedEsdbClient) {
      const store = storeOn(client);
      for (const s of ['t1.kept-1', 't1.pruned-1', 't1.deleted-1']) {
        await store.append('t1', s, one(1), { expectedVersion: 0, metadata: meta });
        await store.append('t1', s, one(2), { expectedVersion: 1, metadata: meta });
      }
      return store;
    }

    it('reports $maxCount and a tombstone as removed breaks while $all still returns the events', async () => {
      const client = new ScriptedEsdbClient();
      const store = await tenantWithStreams(client);
      client.metadata.set('t1.pruned-1', { maxCount: 1 });
      client.tombstoned.add('t1.deleted-1');
      const report = await store.verifyTenant('t1');
      expect(report).toMatchObject({ ok: false, streamsChecked: 3, eventsChecked: 6 });
      expect(report.breaks.map((b) => [b.streamId, b.reason])).toEqual([
        ['t1.deleted-1', 'removed'],
        ['t1.pruned-1', 'removed'],
      ]);
      expect(report.breaks[1].detail).toMatch(/\$maxCount=1/);
      expect(report.breaks[0].detail).toMatch(/tombstoned/);
    });

    it('refuses to read a stream whose first events retention hides, naming the rule', async () => {
      const client = new ScriptedEsdbClient();
      const store = await tenantWithStreams(client);
      client.metadata.set('t1.pruned-1', { truncateBefore: 1 });
      await expect(store.readStream('t1', 't1.pruned-1')).rejects.toThrow(/\$tb=1.*asked from version 1, the first readable is 2/);
      await expect(store.readStream('t1', 't1.deleted-1')).resolves.toHaveLength(2);
    });

    it('refuses appends to a fully truncated or a tombstoned stream with a clear error, not a ConcurrencyError forever', async () => {
      const client = new ScriptedEsdbClient();
      const store = await tenantWithStreams(client);
      client.metadata.set('t1.pruned-1', { truncateBefore: 2 });
      client.tombstoned.add('t1.deleted-1');
      const fresh = storeOn(client);
      await expect(fresh.append('t1', 't1.pruned-1', one(3), { expectedVersion: 'any', metadata: meta })).rejects.toBeInstanceOf(StreamRetentionUnsupported);
      await expect(fresh.append('t1', 't1.deleted-1', one(3), { expectedVersion: 2, metadata: meta })).rejects.toThrow(/tombstoned/);
      await expect(store.readStream('t1', 't1.deleted-1')).rejects.toBeInstanceOf(StreamRetentionUnsupported);
    });
  });
});
