import type { Position } from '@eventstore/db-client';
import { EsdbPositionMissing } from './esdb-errors';
import { readByStreamPrefix, toStoredEvent } from './esdb-reads';
import { ScriptedEsdbClient, ScriptedSubscription } from './testing/scripted-esdb-client';

/**
 * The tenant read's own timing logic around the client (no server: a scripted client, see
 * testing/scripted-esdb-client.ts). Log: t1.a#1 @100, other tenants' events, t1.a#2 at the end.
 */
function logWithTenantAtBothEnds(client: ScriptedEsdbClient, othersBetween: number): { first: Position; last: Position } {
  const envelope = { wb: 1, tenantId: 't1', schemaVersion: 1, recordedAt: '2026-01-01T00:00:00.000Z', metadata: { actor: 'u' }, contentHash: 'c', chainHash: 'h' };
  const [first] = client.write('t1.a', [{ id: 'e1', type: 'A', data: {}, metadata: envelope }]);
  for (let i = 0; i < othersBetween; i++) client.write(`t2.b-${i}`, [{ id: `o${i}`, type: 'B', data: {}, metadata: { ...envelope, tenantId: 't2' } }]);
  const [last] = client.write('t1.a', [{ id: 'e2', type: 'A', data: {}, metadata: envelope }]);
  return { first: first.position, last: last.position };
}

const at = (client: ScriptedEsdbClient, p: Position) => ({ ...client.all.find((r) => r.position.commit === p.commit)!, commitPosition: p.commit });
const resolved = (client: ScriptedEsdbClient, p: Position) => {
  const r = at(client, p);
  return { event: { streamId: r.streamId, id: r.id, revision: r.revision, type: r.type, data: r.data, metadata: r.metadata, isJson: true, position: r.position }, commitPosition: p.commit };
};

describe('EventStoreDB tenant reads (scripted client, no server)', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps reading while the filtered scan reports checkpoints, however long it goes without a matching event', async () => {
    jest.useFakeTimers();
    const client = new ScriptedEsdbClient();
    const { first, last } = logWithTenantAtBothEnds(client, 50);
    client.onSubscribe = ({ checkpointReached }) => {
      const sub = new ScriptedSubscription();
      setTimeout(() => sub.emit('data', resolved(client, first)), 10);
      // Five seconds of scanning other tenants: a checkpoint each second, no event of ours.
      for (let s = 1; s <= 5; s++) setTimeout(() => checkpointReached?.(sub, { commit: first.commit + BigInt(s), prepare: first.commit + BigInt(s) }), s * 1000);
      setTimeout(() => sub.emit('data', resolved(client, last)), 5500);
      return sub;
    };
    const read = readByStreamPrefix(client.asClient(), 't1.', 0, 100);
    await jest.advanceTimersByTimeAsync(6000);
    expect((await read).map((e) => e.event?.id)).toEqual(['e1', 'e2']);
  });

  it('finishes a silent scan (no caught-up from servers before 23.10) by reading the rest of $all, never returning part of the range', async () => {
    const client = new ScriptedEsdbClient();
    const { first } = logWithTenantAtBothEnds(client, 20);
    let subscription: ScriptedSubscription | undefined;
    client.onSubscribe = () => {
      subscription = new ScriptedSubscription();
      // One event of ours, then nothing: the server is still scanning below its checkpoint interval.
      setImmediate(() => subscription!.emit('data', resolved(client, first)));
      return subscription;
    };
    const read = await readByStreamPrefix(client.asClient(), 't1.', 0, 100, { idleMs: 30 });
    expect(read.map((e) => e.event?.id)).toEqual(['e1', 'e2']);
    expect(subscription?.unsubscribed).toBe(true);
  });

  it('ends on the caught-up signal, with what the scan found up to the end it started from', async () => {
    const client = new ScriptedEsdbClient();
    logWithTenantAtBothEnds(client, 3);
    const read = await readByStreamPrefix(client.asClient(), 't1.', 0, 100, { idleMs: 60_000 });
    expect(read.map((e) => e.event?.id)).toEqual(['e1', 'e2']);
  });

  it('stops at the limit and reads strictly after the given position', async () => {
    const client = new ScriptedEsdbClient();
    const { first } = logWithTenantAtBothEnds(client, 3);
    expect((await readByStreamPrefix(client.asClient(), 't1.', 0, 1)).map((e) => e.event?.id)).toEqual(['e1']);
    expect((await readByStreamPrefix(client.asClient(), 't1.', Number(first.commit), 10)).map((e) => e.event?.id)).toEqual(['e2']);
  });

  it('refuses an event without a log position instead of reporting position 0 or -1', () => {
    const envelope = { wb: 1, tenantId: 't1', schemaVersion: 1, recordedAt: 'x', metadata: { actor: 'u' }, contentHash: 'c', chainHash: 'h' };
    const event = { streamId: 't1.a', id: 'e', revision: 0n, type: 'A', data: {}, metadata: envelope, isJson: true, position: { commit: 0n, prepare: 0n } };
    expect(() => toStoredEvent({ event } as never)).toThrow(EsdbPositionMissing);
    expect(toStoredEvent({ event: { ...event, position: { commit: 700n, prepare: 700n } } } as never)?.globalPosition).toBe(700);
  });
});
