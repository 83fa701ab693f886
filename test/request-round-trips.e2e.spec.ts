import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

/**
 * Round trips to PostgreSQL per request, counted as `bench/http` counts them (every pg
 * `Client.query` the process sends, whatever library sends it), so a change that puts a
 * transaction back on the request path fails here and not only in a benchmark nobody runs in CI.
 * The worker is stopped before counting: it shares this process and would add its own queries.
 */
describe('round trips per request', () => {
  let platform: Platform;
  let owner: ShopClient;
  let quoteId: string;
  let quotePosition: number;
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let statements: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'trips' });
    owner = await ShopClient.signup(platform);
    const sent = await owner.sentQuote();
    quoteId = sent.quoteId;
    quotePosition = sent.position;
    await owner.get(`/quotes/${quoteId}`).set('X-Min-Position', String(sent.position)).expect(200);
    const worker = platform.worker!;
    await worker.close();
    worker.close = async () => undefined; // platform.close() closes it too

    proto.query = function counted(this: unknown, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      statements.push(typeof first === 'string' ? first : first?.text ?? '?');
      return original.apply(this, args);
    };
  });
  afterAll(async () => {
    proto.query = original;
    await platform.close();
  });

  /** The fewest of a few sequential requests: a background query landing inside one cannot lower it. */
  async function fewest(send: () => Promise<unknown>): Promise<string[]> {
    let best: string[] | undefined;
    for (let i = 0; i < 4; i++) {
      statements = [];
      await send();
      if (!best || statements.length < best.length) best = statements;
    }
    return best!;
  }

  it('reads a quote by id in two: the access re-check, then the read', async () => {
    const sent = await fewest(() => owner.get(`/quotes/${quoteId}`).expect(200));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain('platform.users');
  });

  it('reads a quote by id with X-Min-Position in three: the access re-check, the checkpoint compared in one statement, the read', async () => {
    const sent = await fewest(() => owner.get(`/quotes/${quoteId}`).set('X-Min-Position', String(quotePosition)).expect(200));
    expect(sent).toHaveLength(3);
    expect(sent[0]).toContain('platform.users');
    expect(sent[1]).toContain('platform.projection_checkpoints');
    expect(sent[1]).toContain('eventstore.is_checkpoint_past');
  });

  it('answers minPosition over GraphQL in the same three', async () => {
    const sent = await fewest(async () => {
      const res = await owner.graphql(`query($id: ID!, $p: SafeInt) { quote(id: $id, minPosition: $p) { id } }`, { id: quoteId, p: quotePosition });
      expect(res.body.errors).toBeUndefined();
    });
    expect(sent).toHaveLength(3);
  });

  it('reads a page of quotes in two, the lines in the same statement as the quotes', async () => {
    let page: { items: { id: string; lines: unknown[] }[] } | undefined;
    const sent = await fewest(async () => { page = (await owner.get('/quotes?first=20').expect(200)).body; });
    expect(sent).toHaveLength(2);
    expect(page?.items.find((q) => q.id === quoteId)?.lines).toHaveLength(3);
  });

  /** The wake-up NOTIFY the event store sends once an append committed: not awaited by the request. */
  const isWakeUp = (sql: string) => sql.includes('pg_notify');

  it('creates a customer in three: the access re-check, the quota count (a metered command), then the append (a new id has no stream to read); the wake-up after', async () => {
    const sent = await fewest(() => owner.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }).expect(201));
    const awaited = sent.filter((q) => !isWakeUp(q));
    expect(awaited).toHaveLength(3);
    expect(awaited[0]).toContain('platform.users');
    expect(awaited[1]).toContain('billing.quota_usage');
    expect(awaited[2]).toContain('eventstore.append');
    expect(sent.filter(isWakeUp)).toHaveLength(1);
  });

  it('runs a command on an existing aggregate in three: the access re-check, the stream read, the append', async () => {
    const customer = await owner.post('/customers', { firstName: 'Ravi', lastName: 'Kumar', phone: '+91 98450 54321' }).expect(201);
    const id = customer.body.id as string;
    let n = 0;
    const sent = await fewest(() => owner.patch(`/customers/${id}`, { phone: `+91 98450 5432${n++}` }).expect(200));
    const awaited = sent.filter((q) => !isWakeUp(q));
    expect(awaited).toHaveLength(3);
    expect(awaited[1]).toContain('eventstore.read_stream');
  });

  it('adds one round trip to claim an Idempotency-Key and one to complete it (five for the metered RegisterCustomer)', async () => {
    const sent = await fewest(() =>
      owner.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }, { 'Idempotency-Key': randomUUID() }).expect(201),
    );
    expect(sent.filter((q) => !isWakeUp(q))).toHaveLength(5);
  });
});
