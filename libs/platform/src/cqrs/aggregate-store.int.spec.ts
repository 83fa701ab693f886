import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { streamIdFor } from '@workbay/eventstore';
import { createPgFixture, PgFixture } from '@workbay/eventstore/testing';
import { SystemClock, UuidGenerator } from '../context/clock';
import { RequestContext } from '../context/request-context';
import { AggregateStore } from './aggregate-store';

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
