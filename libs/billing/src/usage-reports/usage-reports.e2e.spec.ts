import fc from 'fast-check';
import { EventStore, streamIdFor } from '@workbay/eventstore';
import { ReadModelWaiter, SYSTEM_EVENT_STORE } from '@workbay/platform';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { fieldsOf } from '../../../../test/support/problems';
import { ShopClient } from '../../../../test/support/shop-client';
import { until } from '../../../../test/support/waiting';
import { aggregateUsage } from './usage-aggregation';
import { UsageFact, usageFactOf } from './usage-facts';
import { usageRecorded } from './usage-reports.arbitraries';
import { USAGE_REPORTS } from './usage-reports.projection';
import { parseCsv } from '../../../../test/support/csv';
import { runCli } from '../../../../test/support/cli';



const dims = (d: Record<string, string>) => Object.keys(d).sort().map((name) => ({ name, value: d[name] }));

/**
 * Usage written straight to the event store (the RecordUsage endpoint is another part), a real
 * shop signal from a registered customer, and every finance read over HTTP, GraphQL and the CLI.
 */
describe('usage reports, end to end', () => {
  let platform: Platform;
  let owner: ShopClient;
  let other: ShopClient;
  let store: EventStore;
  let db: Client;
  let position = 0;
  const now = new Date();
  const currentPeriod = now.toISOString().slice(0, 7);

  const append = async (tenantId: string, events: unknown[]) => {
    const result = await store.append(tenantId, streamIdFor(tenantId, 'usage', randomUUID()), events as never, { expectedVersion: 0, metadata: { actor: 'system:test' } });
    position = Math.max(position, result.globalPosition);
  };
  const recomputed = async (tenantId: string) => {
    const facts: UsageFact[] = [];
    for (let after = 0; ;) {
      const events = await store.readTenant(tenantId, after, 1000);
      if (!events.length) break;
      for (const e of events) {
        const f = usageFactOf(e);
        if (f) facts.push(f);
      }
      after = events[events.length - 1].globalPosition;
    }
    return aggregateUsage(facts);
  };
  const read = (client: ShopClient, path: string) => client.get(path, position).expect(200).then((res) => {
    expect(res.headers['x-read-model-caught-up']).toBe('true');
    return res;
  });

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'usage_reports' });
    owner = await ShopClient.signup(platform);
    other = await ShopClient.signup(platform, 'Quiet Garage');
    store = platform.app.get<EventStore>(SYSTEM_EVENT_STORE);
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    // Random usage of every meter for both tenants (March to May 2026, out of order in time).
    const mine = fc.sample(usageRecorded, { numRuns: 240, seed: 611 });
    const theirs = fc.sample(usageRecorded, { numRuns: 60, seed: 612 });
    for (let i = 0; i < mine.length; i += 12) await append(owner.tenantId, mine.slice(i, i + 12));
    for (let i = 0; i < theirs.length; i += 12) await append(other.tenantId, theirs.slice(i, i + 12));
    // Now, in the current period: what the summary shows by default.
    await append(owner.tenantId, [{ type: 'UsageRecorded', data: {
      usageId: randomUUID(), meter: 'sms_sent', eventType: 'workbay.messages.sms_sent', value: 3, dimensions: {}, occurredAt: now.toISOString(), period: currentPeriod, source: 'api',
    } }]);
    // A customer registered through the API: the shop signals it, metering counts it.
    await owner.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }).expect(201);
    const waiter = platform.app.get(ReadModelWaiter);
    for (let tries = 0; tries < 300; tries++) {
      const { rows } = await db.query(`select max(global_position)::int as p from eventstore.events where tenant_id = $1 and type = 'BillableUsageSignalled'`, [owner.tenantId]);
      if (rows[0].p) {
        position = Math.max(position, rows[0].p);
        break;
      }
      expect(await waiter.waitFor('shop.usage-signals', Number((await db.query(`select max(global_position) p from eventstore.events`)).rows[0].p), 200)).toBeDefined();
    }
    expect(await waiter.waitFor(USAGE_REPORTS, position, 30_000)).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('sums up a period per meter and dimensions exactly as recomputed from the events, on REST and GraphQL', async () => {
    const { byPeriod } = await recomputed(owner.tenantId);
    for (const period of ['2026-03', '2026-04', '2026-05', '2026-06']) {
      const want = byPeriod.filter((f) => f.period === period).map((f) => ({ meter: f.meter, dimensions: dims(f.dimensions), value: f.value, events: f.events, adjustments: f.adjustments }));
      const { body } = await read(owner, `/usage/summary?period=${period}`);
      expect(body.period).toBe(period);
      expect(body.figures.map(({ meter, dimensions, value, events, adjustments }: Record<string, unknown>) => ({ meter, dimensions, value, events, adjustments }))).toEqual(want);
      const gql = await owner.graphql(`query($p: String) { usageSummary(period: $p) { period figures { meter aggregation unit period dimensions { name value } value events adjustments firstAt lastAt } } }`, { p: period }).expect(200);
      expect(gql.body.errors).toBeUndefined();
      expect(gql.body.data.usageSummary).toEqual(body);
    }
  });

  it("defaults to the current period and counts the shop's own signal (a registered customer)", async () => {
    const { body } = await read(owner, '/usage/summary');
    expect(body.period).toBe(currentPeriod);
    expect(body.figures).toEqual(expect.arrayContaining([
      expect.objectContaining({ meter: 'sms_sent', value: 3, events: 1 }),
      expect.objectContaining({ meter: 'customers_created', aggregation: 'COUNT', value: 1, events: 1, dimensions: [] }),
    ]));
  });

  it('pages the daily figures by cursor, filters by meter, and equals the recomputation', async () => {
    const { byDay } = await recomputed(owner.tenantId);
    const inRange = byDay.filter((d) => d.day! >= '2026-03-01' && d.day! <= '2026-05-31');
    const seen: Record<string, unknown>[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await read(owner, `/usage/daily?from=2026-03-01&to=2026-05-31&first=25${after ? `&after=${after}` : ''}`);
      seen.push(...res.body.items);
      after = res.body.nextCursor;
      pages++;
    } while (after);
    expect(pages).toBeGreaterThan(2);
    const key = (x: { day: string | null; meter: string; period: string; value: number; events: number }) => `${x.day} ${x.meter} ${x.period} ${x.value} ${x.events}`;
    expect(seen.map((x) => key(x as never)).sort()).toEqual(inRange.map(key).sort());
    const sms = await read(owner, '/usage/daily?from=2026-03-01&to=2026-05-31&meter=sms_sent&first=500');
    expect(sms.body.items.length).toBe(inRange.filter((d) => d.meter === 'sms_sent').length);
    expect(sms.body.items.every((i: { meter: string }) => i.meter === 'sms_sent')).toBe(true);
    const gql = await owner.graphql(`{ usageDaily(from: "2026-03-01", to: "2026-05-31", meter: "sms_sent", first: 500) { items { day meter value } nextCursor } }`).expect(200);
    expect(gql.body.data.usageDaily.items).toEqual(sms.body.items.map(({ day, meter, value }: Record<string, unknown>) => ({ day, meter, value })));
  });

  it("streams the CSV whose totals equal the summary, with only the caller's tenant in it", async () => {
    const res = await read(owner, '/usage/export.csv?from=2026-03-01&to=2026-06-30');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="usage-2026-03-01-2026-06-30.csv"');
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual(['tenant_id', 'day', 'period', 'meter', 'aggregation', 'unit', 'dimensions', 'value', 'events', 'adjustments']);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([owner.tenantId]));
    for (const period of ['2026-04', '2026-05']) {
      const { body } = await read(owner, `/usage/summary?period=${period}`);
      for (const f of body.figures.filter((x: { aggregation: string }) => x.aggregation === 'SUM' || x.aggregation === 'COUNT')) {
        const mine = rows.filter((r) => r[2] === period && r[3] === f.meter && JSON.stringify(dims(JSON.parse(r[6]))) === JSON.stringify(f.dimensions));
        expect(mine.reduce((s, r) => s + Number(r[7]), 0)).toBe(f.value);
      }
    }
    const theirs = await other.get('/usage/export.csv?from=2026-03-01&to=2026-06-30', position).expect(200);
    expect(new Set(parseCsv(theirs.text).slice(1).map((r) => r[0]))).toEqual(new Set([other.tenantId]));
  });

  it('lets finance read, and keeps a technician out with 403 on REST and GraphQL', async () => {
    const finance = await owner.invite(['finance']);
    await finance.get('/usage/summary?period=2026-04').expect(200);
    const technician = await owner.invite(['technician']);
    for (const path of ['/usage/summary', '/usage/daily', '/usage/export.csv']) await technician.get(path).expect(403);
    const gql = await technician.graphql(`{ usageSummary { period } }`);
    expect(gql.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets a usage:read API key read the reports, keeps a usage:write key out (403), and refuses a revoked one (401)', async () => {
    const key = async (scopes: string[]) => (await owner.post('/api-keys', { name: `reports ${scopes.join(' ')}`, scopes }).expect(201)).body as { id: string; key: string };
    const reader = await key(['usage:read']);
    const writer = await key(['usage:write']);
    const asKey = (k: string, path: string) => platform.http().get(path).set('X-Api-Key', k);
    const summary = await asKey(reader.key, '/usage/summary?period=2026-04').set('X-Min-Position', String(position)).expect(200);
    expect(summary.body).toEqual((await read(owner, '/usage/summary?period=2026-04')).body);
    expect((await asKey(reader.key, '/usage/export.csv?from=2026-04-01&to=2026-04-30').expect(200)).text.split('\r\n')[1].split(',')[0]).toBe(owner.tenantId);
    const gql = await platform.http().post('/graphql').set('X-Api-Key', reader.key).send({ query: '{ usageDaily(from: "2026-04-01", to: "2026-04-30", first: 1) { items { day } } }' }).expect(200);
    expect(gql.body.data.usageDaily.items).toHaveLength(1);
    for (const path of ['/usage/summary', '/usage/daily', '/usage/export.csv']) await asKey(writer.key, path).expect(403);
    await owner.post(`/api-keys/${reader.id}/revoke`, {}).expect(200);
    await asKey(reader.key, '/usage/summary').expect(401);
  });

  it('answers bad input with 400 naming the field, and an impossible range with 422', async () => {
    const bad = async (path: string, status: number) => fieldsOf((await owner.get(path).expect(status)).body);
    expect(await bad('/usage/summary?period=2026-13', 400)).toEqual(['period']);
    expect(await bad('/usage/daily?from=2026-02-30', 400)).toEqual(['from']);
    expect(await bad('/usage/daily?meter=vibes', 400)).toEqual(['meter']);
    expect(await bad('/usage/daily?first=0', 400)).toEqual(['first']);
    expect(await bad('/usage/daily?after=not-a-cursor', 400)).toEqual(['after']);
    expect(await bad('/usage/export.csv?to=yesterday', 400)).toEqual(['to']);
    expect(await bad('/usage/daily?from=2026-05-02&to=2026-05-01', 422)).toEqual(['to']);
    expect(await bad('/usage/export.csv?from=2025-01-01&to=2026-01-02', 422)).toEqual(['to']);
    expect(await bad('/usage/summary?minPosition=abc', 400)).toEqual(['minPosition']);
    const gql = await owner.graphql(`{ usageDaily(from: "2026-05-02", to: "2026-05-01") { nextCursor } }`);
    expect(gql.body.errors?.[0]?.extensions).toMatchObject({ status: 422, code: 'USAGE_RANGE_INVALID', errors: [{ field: 'to' }] });
  });

  const cli = (args: string[]) => runCli(platform, ['usage:export', ...args]);

  it("gives platform finance every tenant's usage on the CLI, the same rows as each tenant's own export", async () => {
    const all = await cli(['--from', '2026-03-01', '--to', '2026-06-30', '--all-tenants']);
    expect(all.err).toBe('');
    expect(all.code).toBe(0);
    const rows = parseCsv(all.out).slice(1);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([owner.tenantId, other.tenantId]));
    const own = parseCsv((await owner.get('/usage/export.csv?from=2026-03-01&to=2026-06-30').expect(200)).text).slice(1);
    expect(rows.filter((r) => r[0] === owner.tenantId)).toEqual(own);
    const theirs = parseCsv((await other.get('/usage/export.csv?from=2026-03-01&to=2026-06-30').expect(200)).text).slice(1);
    expect(rows.filter((r) => r[0] === other.tenantId)).toEqual(theirs);
    // What the flags may not say is parseUsageExportArgs' (unit spec); that it ends the process with 1:
    const refused = await cli(['--from', '2026-06-30', '--to', '2026-03-01', '--all-tenants']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/to: must not be before from/);
  }, 60_000);

  // Last: it adds 30,000 daily rows in 2024 to the owner's usage.
  it('gives the database connection back when clients walk away mid-export, more often than the pool has connections', async () => {
    await db.query(`insert into billing.usage_by_day (tenant_id, day, meter, period, dimensions_key, dimensions, aggregation, events, adjustments, total, max_value,
        unique_count, latest_value, latest_at, latest_position, first_at, last_at)
      select $1, date '2024-01-01' + (i % 366), 'api_calls', to_char(date '2024-01-01' + (i % 366), 'YYYY-MM'), '[["endpoint","/e' || i || '"]]',
        jsonb_build_object('endpoint', '/e' || i), 'COUNT', 1, 0, 1, 1, 0, 1, now(), i, now(), now()
      from generate_series(1, 30000) i`, [owner.tenantId]);
    const server = platform.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    for (let i = 0; i < 15; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/usage/export.csv?from=2024-01-01&to=2024-12-31', headers: { Authorization: `Bearer ${owner.token}` } }, (res) => {
          if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => undefined);
        req.end();
      });
    }
    await until(async () => Number((await db.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and usename = 'workbay_app' and state <> 'idle'`)).rows[0].n) === 0,
    'every export transaction ended', 15_000);
    const res = await owner.get('/usage/summary?period=2024-02').timeout(5_000).expect(200);
    expect(res.body.figures).toEqual([]); // the rows were put in the daily table only
    const whole = await owner.get('/usage/export.csv?from=2024-01-01&to=2024-12-31').timeout(60_000).expect(200);
    expect(parseCsv(whole.text).length).toBe(30_001);
  }, 120_000);
});
