import { randomUUID } from 'node:crypto';
import { ReadModelWaiter } from '@workbay/platform';
import { USAGE_REPORTS } from '../libs/billing/src/usage-reports/usage-reports.projection';
import { startPlatform, Platform } from './support/platform-harness';
import { fieldsOf } from './support/problems';
import { ShopClient } from './support/shop-client';
import { parseCsv } from './support/csv';
import { runCli } from './support/cli';

/**
 * Issue #11 "Done means", as finance checks it: a Growth tenant in INR meters usage through every
 * entry point, and the summary, the daily figures and the CSV show exactly what was sent (the
 * expected figures are computed here from the events sent, never read from the API); a Starter
 * tenant is gated (403 naming the feature, 429 at its quota) until an operator's override.
 */
const CE = 'application/cloudevents+json';
const CE_BATCH = 'application/cloudevents-batch+json';
const RECORD_BATCH = `mutation($events: [UsageEventInput!]!) { recordUsageBatch(events: $events) { accepted duplicates rejected position results { status } } }`;

const HOUR = 3_600_000;
const startedAt = new Date();
const monthStart = (monthsBack: number) => new Date(Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth() - monthsBack, 1));
const periodOf = (iso: string) => iso.slice(0, 7);
// "Late inside grace" must hold on any day the suite runs, not only within 24 h of a month start:
// the grace is set to reach just past now for the previous month (hours since this month began,
// plus 2). The month before that closed long before its own end plus the same grace, so an
// event there is after grace whatever the day.
const GRACE_HOURS = Math.ceil((startedAt.getTime() - monthStart(0).getTime()) / HOUR) + 2;
const OPEN = periodOf(startedAt.toISOString());
const PREVIOUS = periodOf(monthStart(1).toISOString());
const INSIDE_GRACE = new Date(monthStart(0).getTime() - HOUR).toISOString();
const AFTER_GRACE = new Date(monthStart(1).getTime() - HOUR).toISOString();
// "Now" usage a minute back (never before this month began, so it is in the open period).
const RECENT = new Date(Math.max(monthStart(0).getTime(), startedAt.getTime() - 60_000)).toISOString();

type Aggregation = 'COUNT' | 'SUM' | 'MAX' | 'UNIQUE_COUNT';
interface Sent { id: string; meter: string; aggregation: Aggregation; value: number | string; dimensions: Record<string, string>; time: string; period: string; adjustment: boolean }
interface Figure { meter: string; period: string; day?: string; dimensions: { name: string; value: string }[]; value: number; events: number; adjustments: number }

const dims = (d: Record<string, string>) => Object.keys(d).sort().map((name) => ({ name, value: d[name] }));

/** The figures finance expects, from what was sent: the first event of an id wins, the rest are duplicates. */
function expectedFigures(sent: Sent[], byDay: boolean): Figure[] {
  const first = new Map<string, Sent>();
  for (const s of sent) if (!first.has(s.id)) first.set(s.id, s);
  const groups = new Map<string, Sent[]>();
  for (const s of first.values()) {
    const key = JSON.stringify([s.meter, s.period, byDay ? s.time.slice(0, 10) : '', dims(s.dimensions)]);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((g) => {
    const numbers = g.map((s) => Number(s.value));
    const value = { COUNT: g.length, SUM: numbers.reduce((a, b) => a + b, 0), MAX: Math.max(...numbers), UNIQUE_COUNT: new Set(g.map((s) => String(s.value))).size }[g[0].aggregation];
    return {
      meter: g[0].meter, period: g[0].period, ...(byDay ? { day: g[0].time.slice(0, 10) } : {}), dimensions: dims(g[0].dimensions),
      value, events: g.length, adjustments: g.filter((s) => s.adjustment).length,
    };
  }).sort(byKey);
}
const keyOf = (f: Figure) => JSON.stringify([f.day ?? '', f.meter, f.period, f.dimensions]);
const byKey = (a: Figure, b: Figure) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);
const shape = (f: Figure): Figure => ({ meter: f.meter, period: f.period, ...(f.day ? { day: f.day } : {}), dimensions: f.dimensions, value: f.value, events: f.events, adjustments: f.adjustments });


async function signup(platform: Platform, plan: 'starter' | 'growth', name: string): Promise<ShopClient> {
  const email = `owner.${randomUUID().slice(0, 8)}@example.com`;
  const res = await platform.http().post('/auth/signup')
    .send({ companyName: name, country: 'IN', currency: 'INR', plan, ownerName: 'Owner', email, password: 'correct horse battery' });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ShopClient(platform, res.body.accessToken, res.body.tenantId, res.body.userId);
}

const cli = (platform: Platform, args: string[]) => runCli(platform, args);

describe('issue #11 done: metering and entitlements as finance checks them', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'metering_done', config: { USAGE_LATE_GRACE_HOURS: String(GRACE_HOURS) } });
  }, 60_000);
  afterAll(() => platform?.close());

  describe('a Growth tenant in INR', () => {
    let owner: ShopClient;
    let writer: { id: string; key: string };
    let reader: { id: string; key: string };
    const sent: Sent[] = [];
    let position = 0;
    let n = 0;
    const id = (prefix: string) => `${prefix}-${++n}-${randomUUID().slice(0, 8)}`;
    const withKey = (key: string) => ({
      post: (path: string, body: unknown, type = 'application/json') => platform.http().post(path).set('X-Api-Key', key).set('Content-Type', type).send(body as object),
      get: (path: string) => platform.http().get(path).set('X-Api-Key', key).set('X-Min-Position', String(position)),
    });
    const seen = (p: number) => (position = Math.max(position, p));

    beforeAll(async () => {
      owner = await signup(platform, 'growth', 'Ledger Motors');
      const key = async (name: string, scopes: string[]) => (await owner.post('/api-keys', { name, scopes }).expect(201)).body as { id: string; key: string };
      writer = await key('meter gateway', ['usage:write']);
      reader = await key('finance sheet', ['usage:read']);
    });

    it('is on Growth in INR', async () => {
      expect((await owner.get('/billing/entitlements').expect(200)).body).toMatchObject({ plan: 'growth' });
    });

    it('records usage through REST JSON, CloudEvents single and batch (API key) and GraphQL (JWT), with 100 duplicates', async () => {
      const gateway = withKey(writer.key);
      // REST JSON, one event a request: money paid, in two currencies (the SUM's dimension).
      for (let i = 0; i < 20; i++) {
        const s: Sent = { id: id('pay'), meter: 'stripe_paid_amount', aggregation: 'SUM', value: 10_000 + i * 1_337, dimensions: { currency: i % 4 === 3 ? 'USD' : 'INR' }, time: RECENT, period: OPEN, adjustment: false };
        const res = await gateway.post('/usage/events', { id: s.id, type: 'workbay.payments.paid', time: s.time, data: { amountMinor: s.value, currency: s.dimensions.currency } }).expect(200);
        expect(res.body).toMatchObject({ id: s.id, status: 'accepted', period: OPEN });
        seen(res.body.position);
        sent.push(s);
      }
      // CloudEvents, structured mode, one a request: API calls per endpoint (COUNT).
      for (let i = 0; i < 10; i++) {
        const s: Sent = { id: id('call'), meter: 'api_calls', aggregation: 'COUNT', value: 1, dimensions: { endpoint: i % 3 ? '/quotes' : '/invoices' }, time: RECENT, period: OPEN, adjustment: false };
        const res = await gateway.post('/usage/events', { specversion: '1.0', id: s.id, source: '/pos/till-1', type: 'workbay.api.call', time: s.time, data: { endpoint: s.dimensions.endpoint } }, CE).expect(200);
        expect(res.body.status).toBe('accepted');
        seen(res.body.position);
        sent.push(s);
      }
      // A CloudEvents batch: calls, peak storage (MAX), active staff (UNIQUE_COUNT over 7 people),
      // and 50 repeats of its own first items inside it, some with another payload (the first wins).
      const batch: Sent[] = [];
      for (let i = 0; i < 300; i++) {
        const kind = i % 3;
        batch.push(kind === 0
          ? { id: id('call'), meter: 'api_calls', aggregation: 'COUNT', value: 1, dimensions: { endpoint: ['/quotes', '/invoices', '/customers'][i % 4 % 3] }, time: RECENT, period: OPEN, adjustment: false }
          : kind === 1
            ? { id: id('disk'), meter: 'storage_gb', aggregation: 'MAX', value: (i * 7919) % 97, dimensions: {}, time: RECENT, period: OPEN, adjustment: false }
            : { id: id('staff'), meter: 'active_staff', aggregation: 'UNIQUE_COUNT', value: `user-${i % 7}`, dimensions: {}, time: RECENT, period: OPEN, adjustment: false });
      }
      const repeats = batch.slice(0, 50).map((s, i) => (i % 2 ? s : { ...s, value: s.aggregation === 'MAX' ? 10_000 : s.aggregation === 'UNIQUE_COUNT' ? 'intruder' : 1, dimensions: s.meter === 'api_calls' ? { endpoint: '/elsewhere' } : s.dimensions }));
      const ce = (s: Sent) => ({
        specversion: '1.0', id: s.id, source: '/pos/till-2', time: s.time,
        ...(s.meter === 'api_calls' ? { type: 'workbay.api.call', data: { endpoint: s.dimensions.endpoint } }
          : s.meter === 'storage_gb' ? { type: 'workbay.storage.used', data: { gb: s.value } } : { type: 'workbay.staff.active', data: { userId: s.value } }),
      });
      const res = await gateway.post('/usage/events/batch', [...batch, ...repeats].map(ce), CE_BATCH).expect(200);
      expect(res.body).toMatchObject({ accepted: 300, duplicates: 50, rejected: 0 });
      expect(res.body.results.slice(300).every((r: { status: string }) => r.status === 'duplicate')).toBe(true);
      seen(res.body.position);
      sent.push(...batch, ...repeats);
      // GraphQL with the owner's JWT: text messages (SUM), and 50 repeats of ids sent by earlier
      // requests (REST JSON and the batch) with other values: duplicates across requests.
      const sms: Sent[] = Array.from({ length: 30 }, (_, i) => ({ id: id('sms'), meter: 'sms_sent', aggregation: 'SUM', value: 1 + (i % 4), dimensions: {}, time: RECENT, period: OPEN, adjustment: false }));
      const across = [...sent.slice(0, 20), ...batch.slice(100, 130)].map((s) => ({ ...s, value: s.aggregation === 'UNIQUE_COUNT' ? 'someone-else' : 999_999 }));
      const body = (s: Sent) => ({
        id: s.id, time: s.time,
        ...(s.meter === 'sms_sent' ? { type: 'workbay.messages.sms_sent', data: { segments: s.value } }
          : s.meter === 'stripe_paid_amount' ? { type: 'workbay.payments.paid', data: { amountMinor: s.value, currency: s.dimensions.currency } }
            : s.meter === 'api_calls' ? { type: 'workbay.api.call', data: { endpoint: s.dimensions.endpoint } }
              : s.meter === 'storage_gb' ? { type: 'workbay.storage.used', data: { gb: s.value } } : { type: 'workbay.staff.active', data: { userId: s.value } }),
      });
      const gql = await owner.graphql(RECORD_BATCH, { events: [...sms, ...across].map(body) }).expect(200);
      expect(gql.body.errors).toBeUndefined();
      expect(gql.body.data.recordUsageBatch).toMatchObject({ accepted: 30, duplicates: 50, rejected: 0 });
      seen(gql.body.data.recordUsageBatch.position);
      sent.push(...sms, ...across);
      expect(sent.length - new Set(sent.map((s) => s.id)).size).toBe(100);
    });

    it('counts a late event inside the grace window in the closed period, refuses one after it (422), and takes it again as an adjustment in the open period', async () => {
      const gateway = withKey(writer.key);
      const late: Sent = { id: id('late'), meter: 'stripe_paid_amount', aggregation: 'SUM', value: 77_700, dimensions: { currency: 'INR' }, time: INSIDE_GRACE, period: PREVIOUS, adjustment: false };
      const inside = await gateway.post('/usage/events', { id: late.id, type: 'workbay.payments.paid', time: late.time, data: { amountMinor: late.value, currency: 'INR' } }).expect(200);
      expect(inside.body).toMatchObject({ status: 'accepted', period: PREVIOUS });
      seen(inside.body.position);
      sent.push(late);

      const tooLate = { id: id('too-late'), type: 'workbay.payments.paid', time: AFTER_GRACE, data: { amountMinor: 43_210, currency: 'INR' } };
      const refused = await gateway.post('/usage/events', tooLate).expect(422);
      expect(refused.body.code).toBe('USAGE_PERIOD_CLOSED');
      expect(fieldsOf(refused.body)).toEqual(['time']);
      const fix: Sent = { id: id('fix'), meter: 'stripe_paid_amount', aggregation: 'SUM', value: 43_210, dimensions: { currency: 'INR' }, time: AFTER_GRACE, period: OPEN, adjustment: true };
      const adjusted = await gateway.post('/usage/events', { ...tooLate, id: fix.id, adjustmentOf: tooLate.id }).expect(200);
      expect(adjusted.body).toMatchObject({ status: 'accepted', period: OPEN });
      seen(adjusted.body.position);
      sent.push(fix);
      const audit = await owner.get(`/audit/events?after=${adjusted.body.position - 1}&first=1`).expect(200);
      expect(audit.body.items[0].data).toMatchObject({ usageId: fix.id, adjustmentOf: tooLate.id, period: OPEN, occurredAt: AFTER_GRACE });
    });

    it('shows exactly the expected figures per period in the summary (usage:read key, read-your-writes), on REST and GraphQL', async () => {
      const waiter = platform.app.get(ReadModelWaiter);
      expect(await waiter.waitFor(USAGE_REPORTS, position, 30_000)).toBe(true);
      const want = expectedFigures(sent, false);
      // The figures are worth checking by hand too: the sums, counts and maxima of what was sent.
      expect(want.find((f) => f.meter === 'active_staff')?.value).toBe(7);
      expect(want.filter((f) => f.period === PREVIOUS)).toEqual([{ meter: 'stripe_paid_amount', period: PREVIOUS, dimensions: [{ name: 'currency', value: 'INR' }], value: 77_700, events: 1, adjustments: 0 }]);
      for (const period of [PREVIOUS, OPEN]) {
        const res = await withKey(reader.key).get(`/usage/summary?period=${period}`).expect(200);
        expect(res.headers['x-read-model-caught-up']).toBe('true');
        expect(res.body.period).toBe(period);
        expect(res.body.figures.map((f: Figure) => shape({ ...f, period })).sort(byKey)).toEqual(want.filter((f) => f.period === period));
        const gql = await owner.graphql(`query($p: String) { usageSummary(period: $p) { period figures { meter aggregation unit period dimensions { name value } value events adjustments firstAt lastAt } } }`, { p: period }).expect(200);
        expect(gql.body.data.usageSummary).toEqual(res.body);
      }
      const sum = (await withKey(reader.key).get(`/usage/summary?period=${OPEN}`).expect(200)).body.figures.find((f: Figure) => f.meter === 'stripe_paid_amount' && f.dimensions[0].value === 'INR');
      expect(sum.adjustments).toBe(1);
    });

    it('shows exactly the expected figures per day, the adjustment on the day it occurred in the open period', async () => {
      const from = AFTER_GRACE.slice(0, 10);
      const to = RECENT.slice(0, 10);
      const items: Figure[] = [];
      let after: string | null = null;
      do {
        const res: { body: { items: Figure[]; nextCursor: string | null } } = await withKey(reader.key).get(`/usage/daily?from=${from}&to=${to}&first=3${after ? `&after=${after}` : ''}`).expect(200);
        items.push(...res.body.items);
        after = res.body.nextCursor;
      } while (after);
      const want = expectedFigures(sent, true);
      expect(items.map(shape).sort(byKey)).toEqual(want);
      expect(want).toContainEqual(expect.objectContaining({ day: from, period: OPEN, adjustments: 1, value: 43_210 }));
    });

    it('exports the CSV with exactly the expected daily rows', async () => {
      const from = AFTER_GRACE.slice(0, 10);
      const to = RECENT.slice(0, 10);
      const res = await withKey(reader.key).get(`/usage/export.csv?from=${from}&to=${to}`).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...rows] = parseCsv(res.text);
      expect(header).toEqual(['tenant_id', 'day', 'period', 'meter', 'aggregation', 'unit', 'dimensions', 'value', 'events', 'adjustments']);
      expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([owner.tenantId]));
      const figures = rows.map((r): Figure => ({
        meter: r[3], period: r[2], day: r[1], dimensions: dims(JSON.parse(r[6])), value: Number(r[7]), events: Number(r[8]), adjustments: Number(r[9]),
      }));
      expect(figures.sort(byKey)).toEqual(expectedFigures(sent, true));
    });

    it('keeps the usage:write key out of every read (403), and refuses a revoked key at once (401)', async () => {
      for (const path of ['/usage/summary', '/usage/daily', '/usage/export.csv', '/billing/entitlements', '/customers', '/audit/events']) {
        expect([path, (await withKey(writer.key).get(path)).status]).toEqual([path, 403]);
      }
      const gql = await platform.http().post('/graphql').set('X-Api-Key', writer.key).send({ query: '{ usageSummary { period } }' }).expect(200);
      expect(gql.body.errors?.[0]?.extensions).toMatchObject({ status: 403, code: 'API_KEY_SCOPE_MISSING' });
      expect(gql.body.data).toBeNull();
      await owner.post(`/api-keys/${reader.id}/revoke`, {}).expect(200);
      await withKey(reader.key).get('/usage/summary').expect(401);
      await owner.post(`/api-keys/${writer.id}/revoke`, {}).expect(200);
      await withKey(writer.key).post('/usage/events', { id: id('after-revoke'), type: 'workbay.api.call', data: { endpoint: '/quotes' } }).expect(401);
    });
  });

  describe('a Starter tenant', () => {
    let starter: ShopClient;
    const customer = (i: number) => ({ firstName: 'Asha', lastName: `Rao ${i}`, phone: '+91 98450 12345' });
    const location = (name: string) => ({
      name, address: { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' },
      timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    });

    beforeAll(async () => {
      starter = await signup(platform, 'starter', 'Small Garage');
    });

    it('is refused a second location with 403 naming multi_location', async () => {
      const first = await starter.post('/locations', location('Indiranagar')).expect(201);
      await starter.get(`/locations/${first.body.id}`, first.body.position).expect(200);
      const second = await starter.post('/locations', location('Koramangala')).expect(403);
      expect(second.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'multi_location', plan: 'starter' });
      expect(fieldsOf(second.body)).toEqual(['feature']);
    });

    it('gets 429 at its hard quota (set low by an operator), naming meter, limit, usage and reset, and an override lifts it at once', async () => {
      // A hard quota of 3 (the plan's is 200) keeps the test fast; the CLI is the operators' door.
      const low = await cli(platform, ['billing:override', '--tenant', starter.tenantId, '--quota', 'customers_created=soft:2,hard:3']);
      expect([low.code, low.err]).toEqual([0, '']);
      for (let i = 1; i <= 3; i++) await starter.post('/customers', customer(i)).expect(201);
      const refused = await starter.post('/customers', customer(4)).expect(429);
      const now = new Date();
      const resetsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      expect(refused.body).toMatchObject({ code: 'QUOTA_EXCEEDED', meter: 'customers_created', limit: 3, usage: 3, resetsAt: resetsAt.toISOString() });
      expect(Math.abs(Number(refused.headers['retry-after']) - (resetsAt.getTime() - now.getTime()) / 1000)).toBeLessThan(30);

      const lift = await cli(platform, ['billing:override', '--tenant', starter.tenantId, '--quota', 'customers_created=500', '--feature', 'multi_location=on']);
      expect([lift.code, lift.err]).toEqual([0, '']);
      // No wait: the override's commit NOTIFYs the API before the CLI process even exits.
      await starter.post('/customers', customer(5)).expect(201);
      await starter.post('/locations', location('Koramangala')).expect(201);
    }, 60_000);
  });
});
