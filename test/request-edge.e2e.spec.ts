import { Writable } from 'node:stream';
import { Client } from 'pg';
import { startPlatform, Platform } from './support/platform-harness';
import { ShopClient } from './support/shop-client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The API's log lines, as written (LOG_LEVEL info). */
const lines: Record<string, any>[] = [];
const logDestination = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

/** The completion line of the request that answered with this X-Request-Id ('close' comes just after the answer). */
async function completionLineOf(requestId: string): Promise<Record<string, any>> {
  for (let i = 0; i < 100; i++) {
    const line = lines.find((l) => l.reqId === requestId && /^request /.test(l.msg));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no completion line for ${requestId}`);
}

describe('the request edge: ids, context, logs and metrics of every request', () => {
  let platform: Platform;
  let shop: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'edge', worker: false, config: { LOG_LEVEL: 'info' }, api: { logDestination } });
    shop = await ShopClient.signup(platform, 'Edge Garage');
  });
  afterAll(() => platform.close());

  it('answers with a fresh request id, which is also the correlation id, when the client sends none', async () => {
    const res = await platform.http().get('/health').expect(200);
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(res.headers['x-correlation-id']).toBe(res.headers['x-request-id']);
    const other = await platform.http().get('/health').expect(200);
    expect(other.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
  });

  it("keeps the client's request and correlation ids, and replaces one no log line should carry", async () => {
    const kept = await platform.http().get('/health').set('X-Request-Id', 'lb-7f3a').set('X-Correlation-Id', 'order-flow-42').expect(200);
    expect(kept.headers['x-request-id']).toBe('lb-7f3a');
    expect(kept.headers['x-correlation-id']).toBe('order-flow-42');
    for (const bad of ['x'.repeat(129), 'two words', 'tab\there']) {
      const res = await platform.http().get('/health').set('X-Request-Id', bad).set('X-Correlation-Id', bad).expect(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(res.headers['x-correlation-id']).toBe(res.headers['x-request-id']);
    }
  });

  it("stores the request's correlation id in the metadata of the events its command appends", async () => {
    const res = await shop.post('/customers', { firstName: 'Meera', lastName: 'Iyer', phone: '+91 98450 12346' }, { 'X-Correlation-Id': 'signup-flow-9' }).expect(201);
    const db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(`select metadata from eventstore.events where global_position = $1`, [res.body.position]);
      expect(rows[0].metadata).toMatchObject({ correlationId: 'signup-flow-9', actor: shop.userId });
    } finally {
      await db.end();
    }
  });

  it('logs each request once with its ids, tenant, user, route pattern and status, and never its bearer token', async () => {
    const customer = await shop.post('/customers', { firstName: 'Anil', lastName: 'Kumar', phone: '+91 98450 12347' }).set('X-Correlation-Id', 'flow-1').expect(201);
    const line = await completionLineOf(customer.headers['x-request-id']);
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: customer.headers['x-request-id'],
      correlationId: 'flow-1',
      tenantId: shop.tenantId,
      userId: shop.userId,
      req: { method: 'POST', url: '/customers', route: '/customers' },
      res: { statusCode: 201 },
    });
    expect(typeof line.responseTime).toBe('number');
    expect(lines.filter((l) => l.reqId === customer.headers['x-request-id'] && /^request /.test(l.msg))).toHaveLength(1);

    const refused = await platform.http().get('/customers').set('Authorization', 'Bearer not.a-valid.token-at-all').expect(401);
    expect(await completionLineOf(refused.headers['x-request-id'])).toMatchObject({ res: { statusCode: 401 }, req: { route: '/customers' } });
    const all = JSON.stringify(lines);
    expect(all).not.toContain(shop.token);
    expect(all).not.toContain('not.a-valid.token-at-all');
  });

  it('records request durations by route pattern and status, unmatched paths under one label', async () => {
    const { body } = await shop.post('/customers', { firstName: 'Ravi', lastName: 'Shah', phone: '+91 98450 12348' }).expect(201);
    await platform.http().get(`/no-such-path/${body.id}`).expect(404);
    const text = (await platform.http().get('/metrics').expect(200)).text;
    expect(text).toMatch(/workbay_http_request_duration_seconds_count\{method="POST",route="\/customers",status="201"\} [1-9]/);
    expect(text).toMatch(/workbay_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} [1-9]/);
    expect(text).not.toContain(body.id);
  });
});
