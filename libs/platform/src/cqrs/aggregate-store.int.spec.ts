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

/** Hands out the ids it is given, in order: a "new" id that is not new. */
class ScriptedIds extends UuidGenerator {
  constructor(private readonly script: string[]) {
    super();
  }
  next(): string {
    return this.script.shift() ?? super.next();
  }
}

describe('AggregateStore.execute: a command on a stream known to be empty sends no read', () => {
  let pg: PgFixture;
  let context: RequestContext;
  let aggregates: AggregateStore;
  const tenantId = randomUUID();
  const asSystem = <T>(fn: () => Promise<T>, idempotencyKey?: string) =>
    context.runAsSystemFor(tenantId, { actor: 'system:test', idempotencyKey }, fn);
  const stream = (id: string) => pg.store.readStream(tenantId, streamIdFor(tenantId, 'note', id));
  const note = (text: string) => (_: { count: number }, { now, actor }: CommandBasis): Note => ({ type: 'Note', text, at: now, by: actor });
  const texts = async (id: string) => (await stream(id)).map((e) => (e.data as Noted['data']).text);

  beforeAll(async () => {
    pg = await createPgFixture('fresh');
    context = new RequestContext(new ClsService(new AsyncLocalStorage()));
    aggregates = new AggregateStore(pg.store, context, new UuidGenerator(), new SystemClock());
  });
  afterAll(() => pg.close());
  afterEach(() => jest.restoreAllMocks());

  it('creates a stream of an id from newId without reading it, and reads it for the next command', async () => {
    const reads = jest.spyOn(pg.store, 'readStream');
    const { id, first, second } = await asSystem(async () => {
      const id = aggregates.newId('note');
      const first = await aggregates.execute(notes, 'note', id, note('one'));
      const readsAfterFirst = reads.mock.calls.length;
      const second = await aggregates.execute(notes, 'note', id, note('two'));
      expect(readsAfterFirst).toBe(0);
      return { id, first, second };
    });
    expect(reads).toHaveBeenCalledTimes(1);
    expect(first).toMatchObject({ id, streamVersion: 1 });
    expect(second).toMatchObject({ id, streamVersion: 2 });
    expect((await stream(id)).map((e) => (e.data as Noted['data']).before)).toEqual([0, 1]);
  });

  it('refuses with a ConcurrencyError, appending nothing, when an id from newId already has a stream', async () => {
    const taken = randomUUID();
    await asSystem(() => aggregates.execute(notes, 'note', taken, note('there first')));
    const reused = new AggregateStore(pg.store, context, new ScriptedIds([taken]), new SystemClock());
    const reads = jest.spyOn(pg.store, 'readStream');
    const attempt = asSystem(() => reused.execute(notes, 'note', reused.newId('note'), note('twin')));
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    expect(reads).not.toHaveBeenCalled();
    expect(await texts(taken)).toEqual(['there first']);
  });

  it('refuses expectedVersion 0 on an existing stream without reading it, and creates a missing one', async () => {
    const id = randomUUID();
    const reads = jest.spyOn(pg.store, 'readStream');
    await asSystem(() => aggregates.execute(notes, 'note', id, note('created'), { expectedVersion: 0 }));
    await expect(asSystem(() => aggregates.execute(notes, 'note', id, note('again'), { expectedVersion: 0 }))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(reads).not.toHaveBeenCalled();
    expect(await texts(id)).toEqual(['created']);
  });

  it('answers a repeat of a creation under the same idempotency key with the first result, appending once', async () => {
    const create = (text: string) => asSystem(() => aggregates.execute(notes, 'note', aggregates.newId('note'), note(text)), 'create-1');
    const first = await create('first run');
    // The repeat a client sends after the first run's answer was lost: same key, same derived id.
    const again = await create('repeat');
    expect(again).toEqual(first);
    expect(await texts(first.id)).toEqual(['first run']);
  });

  it('keeps newId marks of one tenant off the same id in another tenant', async () => {
    const other = randomUUID();
    const id = await asSystem(async () => aggregates.newId('note'));
    await context.runAsSystemFor(other, { actor: 'system:test' }, () => pg.store.append(other, streamIdFor(other, 'note', id), [{ type: 'Noted', data: { text: 'b', at: '', by: '', before: 0 } }], { expectedVersion: 0, metadata: { actor: 'system:test' } }));
    const reads = jest.spyOn(pg.store, 'readStream');
    const result = await context.runAsSystemFor(other, { actor: 'system:test' }, () => aggregates.execute(notes, 'note', id, note('b2')));
    expect(reads).toHaveBeenCalledTimes(1);
    expect(result.streamVersion).toBe(2);
  });
});
