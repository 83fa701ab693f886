import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { StoredEvent } from './event-store';
import { chainHash, contentHash, GENESIS_HASH } from './hash-chain';
import { groupStreams, hashable, StreamHead, StreamToVerify, verifyStream, verifyStreams } from './verify';

const tenant = '7d1c0e52-4a4f-4c1b-9a53-3f1e2b1a0c11';
const streamId = `${tenant}.order-1`;

function buildStream(payloads: unknown[], id = streamId, firstPosition = 10): { events: StoredEvent[]; head: StreamHead } {
  let chain = GENESIS_HASH;
  const events = payloads.map((data, i) => {
    const e: StoredEvent = {
      eventId: randomUUID(),
      type: 'Changed',
      schemaVersion: 1,
      data,
      tenantId: tenant,
      streamId: id,
      streamVersion: i + 1,
      globalPosition: firstPosition + i * 3,
      recordedAt: new Date(1_700_000_000_000 + i).toISOString(),
      metadata: { actor: 'user-1' },
      contentHash: '',
      chainHash: '',
    };
    e.contentHash = contentHash(hashable(e));
    chain = chainHash(chain, e.contentHash);
    e.chainHash = chain;
    return e;
  });
  return { events, head: { version: events.length, headHash: chain } };
}

const check = (s: Partial<StreamToVerify> & Pick<StreamToVerify, 'events'>) => verifyStream({ streamId, ...s });
const reasonOf = (s: Parameters<typeof check>[0]) => {
  const b = check(s);
  return b && [b.streamVersion, b.reason];
};

describe('verifyStream', () => {
  it('passes an intact stream, with and without a head', () => {
    const { events, head } = buildStream([{ a: 1 }, { b: [1, 2] }, null]);
    expect(check({ events, head })).toBeUndefined();
    expect(verifyStream({ streamId, events })).toBeUndefined();
    expect(check({ events: [], head: { version: 0, headHash: GENESIS_HASH } })).toBeUndefined();
  });

  it('names the first altered event: content, metadata, or chain hash', () => {
    const { events, head } = buildStream([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(reasonOf({ events: events.map((e, i) => (i === 1 ? { ...e, data: { a: 20 } } : e)), head })).toEqual([2, 'altered']);
    expect(reasonOf({ events: events.map((e, i) => (i === 2 ? { ...e, metadata: { actor: 'x' } } : e)), head })).toEqual([3, 'altered']);
    expect(reasonOf({ events: events.map((e, i) => (i === 0 ? { ...e, chainHash: GENESIS_HASH } : e)), head })).toEqual([1, 'altered']);
    const broken = check({ events: events.map((e, i) => (i === 1 ? { ...e, data: { a: 20 } } : e)), head });
    expect(broken).toMatchObject({ streamId, globalPosition: events[1].globalPosition });
    expect(broken?.detail).toMatch(/content hash mismatch/);
  });

  it('reports removed events: a gap, or a head beyond the last event', () => {
    const { events, head } = buildStream([1, 2, 3, 4]);
    expect(reasonOf({ events: [events[0], events[2], events[3]], head })).toEqual([2, 'removed']);
    expect(reasonOf({ events: events.slice(1), head })).toEqual([1, 'removed']);
    expect(reasonOf({ events: events.slice(0, 3), head })).toEqual([4, 'removed']);
    expect(reasonOf({ events: [], head })).toEqual([1, 'removed']);
  });

  it('reports reordering: swapped payloads, swapped versions, positions out of order', () => {
    const { events, head } = buildStream(['one', 'two', 'three']);
    const swappedData = events.map((e, i) => (i === 1 ? { ...e, data: 'three' } : i === 2 ? { ...e, data: 'two' } : e));
    expect(reasonOf({ events: swappedData, head })).toEqual([2, 'reordered']);
    const swappedRows = [{ ...events[1], streamVersion: 1 }, { ...events[0], streamVersion: 2 }, events[2]];
    expect(reasonOf({ events: swappedRows, head })).toEqual([1, 'reordered']);
    const renumbered = [{ ...events[1], streamVersion: 1, globalPosition: 1 }, { ...events[0], streamVersion: 2, globalPosition: 2 }, events[2]];
    expect(reasonOf({ events: renumbered, head })).toEqual([1, 'reordered']);
    expect(reasonOf({ events: [events[0], events[2], events[1]], head })).toEqual([2, 'reordered']);
  });

  it('reports a head that disagrees with the events', () => {
    const { events, head } = buildStream([1, 2]);
    expect(reasonOf({ events, head: { ...head, headHash: GENESIS_HASH } })).toEqual([2, 'head-mismatch']);
    expect(reasonOf({ events, head: { ...head, version: 1 } })).toEqual([2, 'head-mismatch']);
    expect(reasonOf({ events, head: null })).toEqual([2, 'head-mismatch']);
  });

  it('detects any single changed field of any event (property)', () => {
    const field = fc.constantFrom('data', 'type', 'schemaVersion', 'metadata', 'recordedAt', 'eventId', 'contentHash', 'chainHash');
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 6 }), fc.nat(), field, (payloads, at, name) => {
        const { events, head } = buildStream(payloads);
        expect(check({ events, head })).toBeUndefined();
        const i = at % events.length;
        const changed: Record<string, unknown> = {
          data: { tampered: payloads[i] },
          type: 'Other',
          schemaVersion: 99,
          metadata: { actor: 'mallory' },
          recordedAt: new Date(0).toISOString(),
          eventId: randomUUID(),
          contentHash: 'f'.repeat(64),
          chainHash: 'e'.repeat(64),
        };
        const tampered = events.map((e, j) => (j === i ? { ...e, [name]: changed[name] } : e));
        expect(check({ events: tampered, head })?.streamVersion).toBe(i + 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('verifyStreams / groupStreams', () => {
  it('groups by stream, sorts by version, and lists the first break per stream in stream id order', () => {
    const a = buildStream([1, 2], `${tenant}.b-1`, 1);
    const b = buildStream([1, 2, 3], `${tenant}.a-1`, 100);
    const orphanHead = { version: 2, headHash: GENESIS_HASH };
    const heads = new Map<string, StreamHead>([
      [`${tenant}.b-1`, a.head],
      [`${tenant}.a-1`, b.head],
      [`${tenant}.c-1`, orphanHead],
    ]);
    const altered = b.events.map((e) => (e.streamVersion >= 2 ? { ...e, data: 'x' } : e));
    const report = verifyStreams(tenant, groupStreams([...a.events].reverse().concat(altered), heads));
    expect(report).toMatchObject({ tenantId: tenant, streamsChecked: 3, eventsChecked: 5, ok: false });
    expect(report.breaks.map((x) => [x.streamId, x.streamVersion, x.reason])).toEqual([
      [`${tenant}.a-1`, 2, 'altered'],
      [`${tenant}.c-1`, 1, 'removed'],
    ]);
    expect(verifyStreams(tenant, groupStreams(a.events))).toMatchObject({ ok: true, streamsChecked: 1 });
  });
});
