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
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let statements: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'trips' });
    owner = await ShopClient.signup(platform);
    const sent = await owner.sentQuote();
    quoteId = sent.quoteId;
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

  it('reads a page of quotes in two, the lines in the same statement as the quotes', async () => {
    let page: { items: { id: string; lines: unknown[] }[] } | undefined;
    const sent = await fewest(async () => { page = (await owner.get('/quotes?first=20').expect(200)).body; });
    expect(sent).toHaveLength(2);
    expect(page?.items.find((q) => q.id === quoteId)?.lines).toHaveLength(3);
  });

  it('runs a command in three: the access re-check, the stream read, the append', async () => {
    const sent = await fewest(() => owner.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }).expect(201));
    expect(sent).toHaveLength(3);
  });

  it('adds one round trip to claim an Idempotency-Key and one to complete it', async () => {
    const sent = await fewest(() =>
      owner.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }, { 'Idempotency-Key': randomUUID() }).expect(201),
    );
    expect(sent).toHaveLength(5);
  });
});
