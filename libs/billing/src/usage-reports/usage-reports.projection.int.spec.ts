import fc from 'fast-check';
import { PostgresEventStore } from '@workbay/eventstore';
import { createPool, streamRows } from '@workbay/platform';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Pool } from 'pg';
import { BILLING_MIGRATIONS } from '../migrations';
import { aggregateUsage, UsageFigure } from './usage-aggregation';
import { CSV_COLUMNS, usageCsvQuery, usageCsvTransform } from './usage-csv';
import { UsageFact, usageFactOf } from './usage-facts';
import { usageEvent, UsageEventBody } from './usage-reports.arbitraries';
import { FIGURE_SQL, usageReportsProjection } from './usage-reports.projection';
import { parseCsv } from '../../../../test/support/csv';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const FIGURES = (table: 'usage_by_period' | 'usage_by_day') => `select tenant_id::text as "tenantId", meter, period, ${table === 'usage_by_day' ? 'day::text' : 'null'} as day,
  dimensions_key as "dimensionsKey", ${FIGURE_SQL}::float8 as value, events::int as events, adjustments::int as adjustments
  from billing.${table} where tenant_id = $1 order by 1, 2, 3, 4, 5`;

const expected = (figures: UsageFigure[]) => figures.map(({ tenantId, meter, period, day, dimensionsKey, value, events, adjustments }) =>
  ({ tenantId, meter, period, day, dimensionsKey, value, events, adjustments }))
  .sort((a, b) => [a.meter, a.period, a.day ?? '', a.dimensionsKey].join('\u0000') < [b.meter, b.period, b.day ?? '', b.dimensionsKey].join('\u0000') ? -1 : 1);


class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('usage reports projection (billing.usage_by_period, billing.usage_by_day)', () => {
  let spec: ProjectionSpec;
  let store: PostgresEventStore;
  let systemPool: Pool;
  let appPool: Pool;
  const tenants = [randomUUID(), randomUUID()];

  /** The recomputation from the tenant's events alone, read back from the store as an auditor would. */
  const recomputed = async (tenantId: string) => {
    const facts: UsageFact[] = [];
    for (let after = 0; ;) {
      const events = await store.readTenant(tenantId, after, 500);
      if (events.length === 0) break;
      for (const e of events) {
        const fact = usageFactOf(e);
        if (fact) facts.push(fact);
      }
      after = events[events.length - 1].globalPosition;
    }
    return aggregateUsage(facts);
  };
  const projected = async (tenantId: string) => ({
    byPeriod: await spec.thenRows(FIGURES('usage_by_period'), [tenantId]),
    byDay: await spec.sql(FIGURES('usage_by_day'), [tenantId]),
  });

  beforeAll(async () => {
    spec = await startProjectionSpec(usageReportsProjection, { migrations: BILLING_MIGRATIONS, batchSize: 97 });
    const url = (user: string) => Object.assign(new URL(spec.databaseUrl), { username: user }).toString();
    systemPool = createPool(url('workbay_system'), 3);
    appPool = createPool(url('workbay_app'), 3);
    store = new PostgresEventStore(systemPool);
    // Random usage of every meter and shop signals, out of order in time, appended from several
    // streams at once (so the catch-up order, by transaction, is not the order of positions).
    const bodies = fc.sample(fc.record({ tenant: fc.constantFrom(...tenants), body: usageEvent }), { numRuns: 900, seed: 1101 });
    const streams = new Map<string, { tenant: string; events: UsageEventBody[] }>();
    bodies.forEach(({ tenant, body }, i) => {
      const key = body.type === 'BillableUsageSignalled' ? `usage-signal ${body.data.signalId}` : `usage ${i % 37}`;
      const s = streams.get(`${tenant} ${key}`) ?? { tenant, events: [] };
      s.events.push(body);
      streams.set(`${tenant} ${key}`, s);
    });
    const jobs = [...streams.entries()].map(([key, s]) => async () => {
      const [category, id] = key.split(' ').slice(1);
      for (let i = 0; i < s.events.length; i += 9) await spec.given(s.tenant, category, id, s.events.slice(i, i + 9) as never);
    });
    await Promise.all(Array.from({ length: 4 }, async (_, w) => {
      for (let j = w; j < jobs.length; j += 4) await jobs[j]();
    }));
    await spec.run();
  }, 120_000);
  afterAll(async () => {
    await appPool?.end();
    await store?.close().catch(() => undefined);
    await systemPool?.end().catch(() => undefined);
    await spec?.close();
  });

  it('holds exactly the figures recomputed from each tenant\'s events alone, per period and per day', async () => {
    for (const tenant of tenants) {
      const { byPeriod, byDay } = await recomputed(tenant);
      expect(byPeriod.length).toBeGreaterThan(20);
      const rows = await projected(tenant);
      expect(rows.byPeriod).toEqual(expected(byPeriod));
      expect(rows.byDay).toEqual(expected(byDay));
    }
  });

  it('changes nothing when every batch is delivered again, and a rebuild from position 0 gives the same rows', async () => {
    const before = await Promise.all(tenants.map(projected));
    await spec.redeliver();
    expect(await Promise.all(tenants.map(projected))).toEqual(before);
    await spec.rebuild();
    expect(await Promise.all(tenants.map(projected))).toEqual(before);
  });

  it('equals the recomputation for any random usage of a fresh tenant, appended concurrently and delivered twice (property)', async () => {
    // No shrinking (endOnFailure): each run is real appends and a catch-up; the first counterexample is reported as found.
    await fc.assert(fc.asyncProperty(fc.array(usageEvent, { minLength: 40, maxLength: 150 }), async (bodies) => {
      const t = randomUUID();
      await Promise.all([0, 1, 2].map(async (w) => {
        const mine = bodies.filter((_, i) => i % 3 === w);
        for (let i = 0; i < mine.length; i += 5) await spec.given(t, 'usage', `w${w}-${i}`, mine.slice(i, i + 5) as never);
      }));
      await spec.run();
      const want = await recomputed(t);
      const rows = await projected(t);
      expect(rows.byPeriod).toEqual(expected(want.byPeriod));
      expect(rows.byDay).toEqual(expected(want.byDay));
    }), { numRuns: 10, seed: 42, endOnFailure: true });
    // Every batch of every run again: nothing moves, for any tenant.
    const everything = () => spec.sql(`select * from billing.usage_by_period order by tenant_id, period, meter, dimensions_key`);
    const before = await everything();
    await spec.redeliver();
    expect(await everything()).toEqual(before);
  }, 120_000);

  it('keeps LATEST by occurrence time and UNIQUE_COUNT exact when the later value is appended first', async () => {
    const t = randomUUID();
    const rec = (usageId: string, meter: string, value: number | string, occurredAt: string) => ({
      type: 'UsageRecorded', data: { usageId, meter, eventType: meter, value, dimensions: {}, occurredAt, period: '2026-07', source: 'api' },
    });
    await spec.given(t, 'usage', 'a', [rec('l2', 'locations', 4, '2026-07-20T00:00:00.000Z'), rec('s1', 'active_staff', 'u1', '2026-07-02T00:00:00.000Z')]);
    await spec.given(t, 'usage', 'b', [rec('l1', 'locations', 9, '2026-07-01T00:00:00.000Z'), rec('s2', 'active_staff', 'u1', '2026-07-03T00:00:00.000Z'), rec('s3', 'active_staff', 'u2', '2026-07-03T00:00:00.000Z')]);
    const rows = await spec.thenRows<{ meter: string; value: number; events: number }>(
      `select meter, ${FIGURE_SQL}::float8 as value, events::int as events from billing.usage_by_period where tenant_id = $1 order by meter`, [t]);
    expect(rows).toEqual([{ meter: 'active_staff', value: 2, events: 3 }, { meter: 'locations', value: 4, events: 2 }]);
  });

  const csvOf = async (pool: Pool, tenantId: string | null, range = { from: '2026-01-01', to: '2026-12-31' }) => {
    const out = new Collect();
    await streamRows(await pool.connect(), usageCsvQuery(range, tenantId === null ? 'all-tenants' : 'tenant'), (rows) => pipeline(rows, usageCsvTransform(), out), tenantId);
    return parseCsv(out.text);
  };

  it('exports CSV rows whose totals equal the projection, one row per tenant x meter x day x dimensions', async () => {
    const [tenant] = tenants;
    const [header, ...rows] = await csvOf(appPool, tenant);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([tenant]));
    const periodRows = await spec.sql<{ meter: string; period: string; dimensions: Record<string, string>; aggregation: string; value: string; events: string }>(
      `select meter, period, dimensions, aggregation, ${FIGURE_SQL}::text as value, events::text as events from billing.usage_by_period where tenant_id = $1`, [tenant]);
    const sum = new Map<string, { value: number; events: number }>();
    for (const r of rows) {
      const key = `${r[3]} ${r[2]} ${JSON.stringify(JSON.parse(r[6]))}`;
      const s = sum.get(key) ?? { value: 0, events: 0 };
      sum.set(key, { value: s.value + Number(r[7]), events: s.events + Number(r[8]) });
    }
    expect(periodRows.length).toBeGreaterThan(20);
    for (const p of periodRows) {
      const s = sum.get(`${p.meter} ${p.period} ${JSON.stringify(p.dimensions)}`);
      expect(s?.events).toBe(Number(p.events));
      if (p.aggregation === 'COUNT' || p.aggregation === 'SUM') expect(s?.value).toBe(Number(p.value));
    }
    // A dimension with a comma and quotes survives the round trip.
    expect(rows.some((r) => r[6].includes('phone, \\"web\\"'))).toBe(true);
  });

  it("never shows another tenant's usage: the app role under RLS sees its tenant's rows even from the unfiltered query", async () => {
    const [mine, theirs] = tenants;
    const leaked = (await csvOf(appPool, mine, undefined)).slice(1);
    expect(leaked.every((r) => r[0] === mine)).toBe(true);
    const unfiltered = new Collect();
    await streamRows(await appPool.connect(), usageCsvQuery({ from: '2026-01-01', to: '2026-12-31' }, 'all-tenants'), (rows) => pipeline(rows, usageCsvTransform(), unfiltered), mine);
    const seen = new Set(parseCsv(unfiltered.text).slice(1).map((r) => r[0]));
    expect(seen).toEqual(new Set([mine]));
    // The system role (the CLI's --all-tenants) sees every tenant's.
    const all = new Set((await csvOf(systemPool, null)).slice(1).map((r) => r[0]));
    expect([...all]).toEqual(expect.arrayContaining([mine, theirs]));
  });

  it('streams 50,000 CSV rows in flat memory: the heap grows far less than holding the rows would', async () => {
    const big = randomUUID();
    await spec.sql(`insert into billing.usage_by_day (tenant_id, day, meter, period, dimensions_key, dimensions, aggregation, events, adjustments, total, max_value,
        unique_count, latest_value, latest_at, latest_position, first_at, last_at)
      select $1, date '2025-07-01' + (i % 365), 'api_calls', to_char(date '2025-07-01' + (i % 365), 'YYYY-MM'), '[["endpoint","/e' || i || '"]]',
        jsonb_build_object('endpoint', '/e' || i || ', "quoted" and long enough to weigh something in memory'), 'COUNT', i, 0, i, i, 0, i, now(), i, now(), now()
      from generate_series(1, 50000) i`, [big]);
    const range = { from: '2025-07-01', to: '2026-06-30' };
    const query = usageCsvQuery(range, 'tenant');

    // Baseline in the same run: the same rows read whole and rendered, as a non-streaming export would.
    gc();
    const base = process.memoryUsage().heapUsed;
    const client = await appPool.connect();
    let held: number;
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [big]);
      const all = await client.query(query.text, query.values);
      const text = all.rows.map((r) => JSON.stringify(r)).join('\n');
      held = process.memoryUsage().heapUsed - base;
      expect(text.length).toBeGreaterThan(0);
      await client.query('commit');
    } finally {
      client.release();
    }

    gc();
    const start = process.memoryUsage().heapUsed;
    let peak = 0;
    let rows = 0;
    let bytes = 0;
    // A slow reader: without backpressure the cursor would run ahead and the rows would pile up.
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        rows += (chunk.toString('utf8').match(/\r\n/g) ?? []).length;
        if (rows % 5000 < 3) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - start);
        }
        setImmediate(done);
      },
    });
    await streamRows(await appPool.connect(), query, (r) => pipeline(r, usageCsvTransform(), slow), big, 500);
    expect(rows).toBe(50_001);
    console.log(JSON.stringify({ csvRows: rows, csvBytes: bytes, streamedPeakHeapGrowth: peak, heldHeapGrowth: held }));
    expect(bytes).toBeGreaterThan(5_000_000);
    expect(peak).toBeLessThan(held / 4);
    expect(peak).toBeLessThan(8 * 1024 * 1024);
  }, 120_000);
});
