import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { ConcurrencyError, Decider, streamIdFor } from '@workbay/eventstore';
import { createPgFixture, PgFixture } from '@workbay/eventstore/testing';
import { Clock, SystemClock, UuidGenerator } from '../context/clock';
import { RequestContext } from '../context/request-context';
import { AggregateStore, CommandBasis } from './aggregate-store';

describe('AggregateStore.takeNext: a tenant-wide sequence taken without reading its stream', () => {
  let pg: PgFixture;
  let context: RequestContext;
  const tenantId = randomUUID();
  const act = { actor: 'user-1', correlationId: 'corr-1' };
  const numbered = (owner: string) => (sequence: number) => ({ type: 'NumberTaken', data: { owner, sequence } });
  // Each "process" has its own memory of the head, as two API instances would.
  const processes = () => Array.from({ length: 4 }, () => new AggregateStore(pg.store, context, new UuidGenerator(), new SystemClock()));
  const inTenant = <T>(fn: () => Promise<T>) => context.runAsSystemFor(tenantId, act, fn);

  beforeAll(async () => {
    pg = await createPgFixture('takenext');
    context = new RequestContext(new ClsService(new AsyncLocalStorage()));
  });
  afterAll(() => pg.close());

  it('gives 40 owners racing from 4 processes the numbers 1 to 40, each once, each recorded in its event', async () => {
    const stores = processes();
    const owners = Array.from({ length: 40 }, (_, i) => `invoice-${i}`);
    const taken = await Promise.all(owners.map((owner, i) => inTenant(() => stores[i % 4].takeNext('seq', 'race', owner, numbered(owner)))));
    expect([...taken].sort((a, b) => a - b)).toEqual(owners.map((_, i) => i + 1));

    const stream = await pg.store.readStream(tenantId, streamIdFor(tenantId, 'seq', 'race'));
    expect(stream.map((e) => (e.data as { sequence: number }).sequence)).toEqual(owners.map((_, i) => i + 1));
    for (const [i, owner] of owners.entries()) {
      expect(stream[taken[i] - 1].data).toEqual({ owner, sequence: taken[i] });
    }
  });

  it('gives an owner that asks again its first number, from any process, and takes no other', async () => {
    const [a, b] = processes();
    const first = await inTenant(() => a.takeNext('seq', 'retry', 'invoice-x', numbered('invoice-x')));
    await inTenant(() => a.takeNext('seq', 'retry', 'invoice-y', numbered('invoice-y')));
    expect(await inTenant(() => b.takeNext('seq', 'retry', 'invoice-x', numbered('invoice-x')))).toBe(first);
    expect(await inTenant(() => a.takeNext('seq', 'retry', 'invoice-x', numbered('invoice-x')))).toBe(first);
    expect(await inTenant(() => b.takeNext('seq', 'retry', 'invoice-z', numbered('invoice-z')))).toBe(3);
    expect(await pg.store.readStream(tenantId, streamIdFor(tenantId, 'seq', 'retry'))).toHaveLength(3);
  });
});

/** A clock the test sets; it counts its reads, since a command must read it once. */
class PinnedClock extends Clock {
  reads = 0;
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    this.reads++;
    return new Date(this.at);
  }
}

type Note = { type: 'Note'; text: string; at: string; by: string };
type Noted = { type: 'Noted'; data: { text: string; at: string; by: string; before: number } };
const notes: Decider<{ count: number }, Note, Noted> = {
  initialState: () => ({ count: 0 }),
  evolve: (s) => ({ count: s.count + 1 }),
  decide: (c, s) => [{ type: 'Noted', data: { text: c.text, at: c.at, by: c.by, before: s.count } }],
};

describe('AggregateStore.execute: a command builder stamped with { now, actor } and the version it decides on', () => {
  let pg: PgFixture;
  let cls: ClsService;
  let context: RequestContext;
  let clock: PinnedClock;
  let aggregates: AggregateStore;
  const tenantId = randomUUID();
  const asSystem = <T>(fn: () => Promise<T>, idempotencyKey?: string) =>
    context.runAsSystemFor(tenantId, { actor: 'system:reminders', idempotencyKey }, fn);
  const stream = (id: string) => pg.store.readStream(tenantId, streamIdFor(tenantId, 'note', id));

  beforeAll(async () => {
    pg = await createPgFixture('stamp');
    cls = new ClsService(new AsyncLocalStorage());
    context = new RequestContext(cls);
    clock = new PinnedClock(new Date('2026-03-04T05:06:07.000Z'));
    aggregates = new AggregateStore(pg.store, context, new UuidGenerator(), clock);
  });
  afterAll(() => pg.close());
  afterEach(() => jest.restoreAllMocks());

  it('gives system work (no principal) its system:<component> actor and the clock read once, on the command and on the event', async () => {
    const id = randomUUID();
    const bases: CommandBasis[] = [];
    const note = (text: string) => asSystem(() =>
      aggregates.execute(notes, 'note', id, (_, basis) => (bases.push(basis), { type: 'Note', text, at: basis.now, by: basis.actor })));
    clock.reads = 0;
    await note('first');
    expect(clock.reads).toBe(1);
    clock.at = new Date('2026-03-04T05:07:00.000Z');
    await note('second');
    expect(clock.reads).toBe(2);

    expect(bases).toEqual([
      { now: '2026-03-04T05:06:07.000Z', actor: 'system:reminders', version: 0 },
      { now: '2026-03-04T05:07:00.000Z', actor: 'system:reminders', version: 1 },
    ]);
    const events = await stream(id);
    expect(events.map((e) => e.data)).toEqual([
      { text: 'first', at: '2026-03-04T05:06:07.000Z', by: 'system:reminders', before: 0 },
      { text: 'second', at: '2026-03-04T05:07:00.000Z', by: 'system:reminders', before: 1 },
    ]);
    expect(events.map((e) => e.metadata.actor)).toEqual(['system:reminders', 'system:reminders']);
  });

  it("gives a user's request the user's id as the actor", async () => {
    const id = randomUUID();
    await cls.run(async () => {
      context.setPrincipal({ userId: 'user-7', tenantId, roles: ['service_advisor'], email: 'asha@example.com' });
      await aggregates.execute(notes, 'note', id, (_, { now, actor }) => ({ type: 'Note', text: 'by hand', at: now, by: actor }));
    });
    const [event] = await stream(id);
    expect(event.data).toMatchObject({ by: 'user-7', at: clock.at.toISOString() });
    expect(event.metadata.actor).toBe('user-7');
  });

  it('reads the stream once for an async builder that awaits another read, and appends at the version it read', async () => {
    const id = randomUUID();
    const other = randomUUID();
    await asSystem(() => aggregates.execute(notes, 'note', id, (_, { now, actor }) => ({ type: 'Note', text: 'one', at: now, by: actor })));
    await asSystem(() => aggregates.execute(notes, 'note', other, (_, { now, actor }) => ({ type: 'Note', text: 'elsewhere', at: now, by: actor })));
    const reads = jest.spyOn(pg.store, 'readStream');

    await asSystem(() => aggregates.execute(notes, 'note', id, async (state, { now, actor, version }) => {
      const { state: elsewhere } = await aggregates.load(notes, 'note', other);
      return { type: 'Note', text: `after ${state.count} here at v${version}, ${elsewhere.count} there`, at: now, by: actor };
    }));

    const readIds = reads.mock.calls.map(([, streamId]) => streamId);
    expect(readIds.filter((s) => s === streamIdFor(tenantId, 'note', id))).toHaveLength(1);
    expect(readIds.filter((s) => s === streamIdFor(tenantId, 'note', other))).toHaveLength(1);
    const events = await stream(id);
    expect(events.map((e) => [e.streamVersion, (e.data as Noted['data']).text])).toEqual([[1, 'one'], [2, 'after 1 here at v1, 1 there']]);
  });

  it('fails with a ConcurrencyError, appending nothing, when another write lands while an async builder awaits', async () => {
    const id = randomUUID();
    const rival = new AggregateStore(pg.store, context, new UuidGenerator(), clock);
    const attempt = asSystem(() => aggregates.execute(notes, 'note', id, async (_, { now, actor }) => {
      await rival.execute(notes, 'note', id, (__, b) => ({ type: 'Note', text: 'rival', at: b.now, by: b.actor }));
      return { type: 'Note', text: 'late', at: now, by: actor };
    }));
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await stream(id)).map((e) => (e.data as Noted['data']).text)).toEqual(['rival']);
  });

  it('answers a repeat under the same idempotency key with the first result, without building the command again', async () => {
    const id = randomUUID();
    const build = jest.fn((_: { count: number }, { now, actor }: CommandBasis): Note => ({ type: 'Note', text: 'once', at: now, by: actor }));
    const first = await asSystem(() => aggregates.execute(notes, 'note', id, build), 'key-1');
    const again = await asSystem(() => aggregates.execute(notes, 'note', id, build), 'key-1');
    expect(again).toEqual(first);
    expect(build).toHaveBeenCalledTimes(1);
    expect(await stream(id)).toHaveLength(1);
  });
});
