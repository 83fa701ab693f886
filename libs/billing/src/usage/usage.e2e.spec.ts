import { Client } from 'pg';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { fieldsOf } from '../../../../test/support/problems';
import { ShopClient } from '../../../../test/support/shop-client';

const CE = 'application/cloudevents+json';
const CE_BATCH = 'application/cloudevents-batch+json';
const RECORD = `mutation($event: UsageEventInput!) { recordUsage(event: $event) { index id status period position } }`;
const RECORD_BATCH = `mutation($events: [UsageEventInput!]!) { recordUsageBatch(events: $events) { accepted duplicates rejected position results { index id status period code field reason } } }`;
const errorOf = (res: { body: { errors?: { extensions: { code: string; status: number; errors?: { field: string }[] } }[] } }) => res.body.errors?.[0]?.extensions;

const HOUR = 3_600_000;
const now = new Date();
const monthStart = (monthsBack: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
const periodOf = (d: Date) => d.toISOString().slice(0, 7);
// The grace reaches just past now for the previous month, so "late inside grace" holds on any day;
// a month earlier closed long before (its end plus the same grace is weeks ago).
const GRACE_HOURS = Math.ceil((now.getTime() - monthStart(0).getTime()) / HOUR) + 2;
const OPEN = periodOf(now);
const PREVIOUS = periodOf(monthStart(1));
const insideGrace = new Date(monthStart(0).getTime() - HOUR).toISOString();
const afterGrace = new Date(monthStart(1).getTime() - HOUR).toISOString();

let seq = 0;
const uid = (prefix = 'evt') => `${prefix}-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
const paid = (id: string, amountMinor = 1000, extra: Record<string, unknown> = {}) =>
  ({ id, type: 'workbay.payments.paid', time: new Date().toISOString(), data: { amountMinor, currency: 'INR' }, ...extra });
const cloudEvent = (id: string, extra: Record<string, unknown> = {}) =>
  ({ specversion: '1.0', id, source: '/pos/till-1', type: 'workbay.api.call', time: new Date().toISOString(), data: { endpoint: '/quotes' }, ...extra });

describe('RecordUsage over REST (JSON and CloudEvents) and GraphQL', () => {
  let platform: Platform;
  let db: Client;
  let owner: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'usage_in', config: { USAGE_LATE_GRACE_HOURS: String(GRACE_HOURS) } });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    owner = await ShopClient.signup(platform, 'Meter Motors');
  });
  afterAll(async () => {
    await db.end();
    await platform.close();
  });

  const recordedIds = async (tenantId: string, ids: string[]): Promise<string[]> =>
    (await db.query(`select data->>'usageId' as id from eventstore.events where tenant_id = $1 and type = 'UsageRecorded' and data->>'usageId' = any($2) order by 1`, [tenantId, ids])).rows.map((r) => r.id);
  const ceBatch = (client: ShopClient, body: unknown) => client.post('/usage/events/batch', body, { 'Content-Type': CE_BATCH });

  it('records one JSON event in its period, answers a repeat duplicate, and keeps it in the tenant store (GET /audit/events)', async () => {
    const id = uid();
    const first = await owner.post('/usage/events', paid(id, 125000)).expect(200);
    expect(first.body).toMatchObject({ id, status: 'accepted', period: OPEN });
    expect((await owner.post('/usage/events', paid(id, 999)).expect(200)).body).toMatchObject({ id, status: 'duplicate' });
    const audit = await owner.get(`/audit/events?after=${first.body.position - 1}&first=5`).expect(200);
    const event = audit.body.items.find((e: { type: string }) => e.type === 'UsageRecorded');
    expect(event).toMatchObject({
      streamId: `${owner.tenantId}.usage-${id}`,
      data: { usageId: id, meter: 'stripe_paid_amount', value: 125000, dimensions: { currency: 'INR' }, period: OPEN, source: 'api' },
    });
    expect(await recordedIds(owner.tenantId, [id])).toEqual([id]);
  });

  it('records a structured-mode CloudEvent (application/cloudevents+json) with its source as the emitter', async () => {
    const id = uid('ce');
    const res = await owner.post('/usage/events', cloudEvent(id), { 'Content-Type': CE }).expect(200);
    expect(res.body).toMatchObject({ id, status: 'accepted', period: OPEN });
    const row = (await db.query(`select data from eventstore.events where tenant_id = $1 and data->>'usageId' = $2`, [owner.tenantId, id])).rows[0];
    expect(row.data).toMatchObject({ meter: 'api_calls', value: 1, dimensions: { endpoint: '/quotes' }, source: 'cloudevents', emitter: '/pos/till-1' });
  });

  it('takes a CloudEvents batch of 1,000 with 100 repeats inside it: 900 accepted, 100 duplicate, in order; a resend is all duplicate', async () => {
    const ids = Array.from({ length: 900 }, () => uid('b'));
    const body = [...ids.map((id) => cloudEvent(id)), ...ids.slice(0, 100).map((id) => cloudEvent(id))];
    const res = await ceBatch(owner, body).expect(200);
    expect(res.body).toMatchObject({ accepted: 900, duplicates: 100, rejected: 0 });
    expect(res.body.results.map((r: { index: number }) => r.index)).toEqual(body.map((_, i) => i));
    expect(res.body.results.slice(900).every((r: { status: string }) => r.status === 'duplicate')).toBe(true);
    const again = await ceBatch(owner, body.slice(0, 300)).expect(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 300, position: 0 });
    expect((await recordedIds(owner.tenantId, ids)).length).toBe(900);
  });

  it('counts an id once when the same event arrives in concurrent requests, single and batched', async () => {
    const id = uid('race');
    const singles = await Promise.all(Array.from({ length: 8 }, () => owner.post('/usage/events', paid(id))));
    expect(singles.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(singles.filter((r) => r.body.status === 'accepted')).toHaveLength(1);
    const shared = Array.from({ length: 50 }, () => uid('race'));
    const batches = await Promise.all(Array.from({ length: 4 }, (_, i) => ceBatch(owner, (i % 2 ? [...shared].reverse() : shared).map((s) => cloudEvent(s)))));
    expect(batches.map((b) => b.status)).toEqual([200, 200, 200, 200]);
    expect(batches.reduce((n, b) => n + b.body.accepted, 0)).toBe(50);
    expect(await recordedIds(owner.tenantId, [id, ...shared])).toHaveLength(51);
  });

  it('reports an id recorded before as a duplicate at any time, even sent again with a time past its grace', async () => {
    const id = uid('again');
    await owner.post('/usage/events', paid(id, 700, { time: insideGrace })).expect(200);
    const again = await owner.post('/usage/events', paid(id, 700, { time: afterGrace })).expect(200);
    expect(again.body).toMatchObject({ status: 'duplicate' });
    const batch = await owner.post('/usage/events/batch', [paid(id, 700, { time: afterGrace }), paid(uid('never'), 700, { time: afterGrace })]).expect(200);
    expect(batch.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'rejected']);
    expect(await recordedIds(owner.tenantId, [id])).toEqual([id]);
  });

  it('counts a late event inside the grace window in the closed period, refuses it after (422 USAGE_PERIOD_CLOSED naming time), and takes it as an adjustment in the open period', async () => {
    const late = await owner.post('/usage/events', paid(uid('late'), 500, { time: insideGrace })).expect(200);
    expect(late.body).toMatchObject({ status: 'accepted', period: PREVIOUS });
    const tooLateId = uid('late');
    const refused = await owner.post('/usage/events', paid(tooLateId, 500, { time: afterGrace })).expect(422);
    expect(refused.body.code).toBe('USAGE_PERIOD_CLOSED');
    expect(fieldsOf(refused.body)).toEqual(['time']);
    const fixed = await owner.post('/usage/events', paid(uid('fix'), 500, { time: afterGrace, adjustmentOf: tooLateId })).expect(200);
    expect(fixed.body).toMatchObject({ status: 'accepted', period: OPEN });
    const ceFixId = uid('fix');
    const ceFix = await owner.post('/usage/events', cloudEvent(ceFixId, { time: afterGrace, workbayadjustmentof: tooLateId }), { 'Content-Type': CE }).expect(200);
    expect(ceFix.body.period).toBe(OPEN);
    const rows = (await db.query(`select data from eventstore.events where tenant_id = $1 and data->>'adjustmentOf' = $2 order by global_position`, [owner.tenantId, tooLateId])).rows;
    expect(rows.map((r) => [r.data.period, r.data.occurredAt])).toEqual([[OPEN, afterGrace], [OPEN, afterGrace]]);
    expect(await recordedIds(owner.tenantId, [tooLateId])).toEqual([]);
  });

  it('refuses an unknown type, a missing value, a future time and a bad envelope, naming the field, and records none of them', async () => {
    const cases: [unknown, string, number, string][] = [
      [{ ...cloudEvent(uid()), type: 'workbay.nope' }, CE, 422, 'type'],
      [{ ...paid(uid()), type: 'workbay.nope' }, 'application/json', 422, 'type'],
      [{ ...paid(uid()), data: { currency: 'INR' } }, 'application/json', 422, 'data.amountMinor'],
      [{ ...paid(uid()), time: new Date(Date.now() + HOUR).toISOString() }, 'application/json', 422, 'time'],
      [{ ...cloudEvent(uid()), specversion: '0.3' }, CE, 400, 'specversion'],
      [{ ...cloudEvent(uid()), source: undefined }, CE, 400, 'source'],
      [{ ...paid(uid()), amount: 5 }, 'application/json', 400, 'amount'],
      [{ ...paid(uid()), time: 'yesterday' }, 'application/json', 400, 'time'],
      [[paid(uid())], 'application/json', 400, 'body'],
    ];
    for (const [body, type, status, field] of cases) {
      const res = await owner.post('/usage/events', body, { 'Content-Type': type });
      expect([res.status, fieldsOf(res.body)]).toEqual([status, [field]]);
    }
    const bad = await owner.rawPost('/usage/events', '{"id": "x", ');
    expect(bad.status).toBe(400);
  });

  it('answers a mixed batch per item: accepted, duplicate, rejected with the field and reason', async () => {
    const known = uid();
    await owner.post('/usage/events', paid(known)).expect(200);
    const res = await owner.post('/usage/events/batch', [paid(uid()), paid(known), { ...paid(uid()), type: 'workbay.nope' }, { id: 'no type' }, paid(uid(), 1, { time: afterGrace })]).expect(200);
    expect(res.body.results.map((r: { status: string; field?: string }) => [r.status, r.field])).toEqual([
      ['accepted', undefined], ['duplicate', undefined], ['rejected', 'type'], ['rejected', 'id'], ['rejected', 'time'],
    ]);
    expect(res.body.results[4]).toMatchObject({ code: 'USAGE_PERIOD_CLOSED', reason: expect.stringContaining('adjustment') });
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 1, rejected: 3 });
  });

  it('refuses 1,001 events (413 naming the limit), a body over the HTTP limit (413), and a batch that is not an array (400)', async () => {
    const tooMany = Array.from({ length: 1001 }, () => cloudEvent(uid('big')));
    const res = await ceBatch(owner, tooMany).expect(413);
    expect(res.body).toMatchObject({ code: 'USAGE_BATCH_TOO_LARGE', errors: [{ field: 'body', message: expect.stringContaining('1000') }] });
    const huge = Array.from({ length: 1000 }, () => cloudEvent(uid('big'), { data: { endpoint: 'x'.repeat(1100) } }));
    expect((await ceBatch(owner, huge)).status).toBe(413);
    expect(await recordedIds(owner.tenantId, [...tooMany, ...huge].map((e) => e.id))).toEqual([]);
    const notArray = await ceBatch(owner, cloudEvent(uid())).expect(400);
    expect(fieldsOf(notArray.body)).toEqual(['body']);
  });

  it("does not take another tenant's id for a duplicate: dedupe is per tenant", async () => {
    const other = await ShopClient.signup(platform, 'Other Garage');
    const id = uid('shared');
    expect((await owner.post('/usage/events', paid(id)).expect(200)).body.status).toBe('accepted');
    expect((await other.post('/usage/events', paid(id)).expect(200)).body.status).toBe('accepted');
    expect(await recordedIds(other.tenantId, [id])).toEqual([id]);
    const otherAudit = await other.get('/audit/events?first=1000').expect(200);
    expect(otherAudit.body.items.filter((e: { type: string }) => e.type === 'UsageRecorded')).toHaveLength(1);
  });

  it('refuses a role without the ability (403) on REST and GraphQL, recording nothing', async () => {
    const technician = await owner.invite(['technician']);
    const id = uid('tech');
    expect((await technician.post('/usage/events', paid(id)).expect(403)).body.code).toBe('FORBIDDEN');
    await technician.post('/usage/events/batch', [paid(id)]).expect(403);
    expect(errorOf(await technician.graphql(RECORD, { event: paid(id) }).expect(200))).toMatchObject({ status: 403 });
    expect(await recordedIds(owner.tenantId, [id])).toEqual([]);
  });

  it('takes a usage:write API key (its tenant, the key as actor) and refuses a usage:read key (403) and a revoked key (401)', async () => {
    const write = await owner.post('/api-keys', { name: 'meter gateway', scopes: ['usage:write'] }).expect(201);
    const read = await owner.post('/api-keys', { name: 'reader', scopes: ['usage:read'] }).expect(201);
    const withKey = (key: string, body: unknown, type = CE_BATCH) => platform.http().post('/usage/events/batch').set('X-Api-Key', key).set('Content-Type', type).send(body as object);
    const ids = [uid('key'), uid('key')];
    const res = await withKey(write.body.key, ids.map((id) => cloudEvent(id))).expect(200);
    expect(res.body).toMatchObject({ accepted: 2 });
    const rows = (await db.query(`select tenant_id, metadata from eventstore.events where type = 'UsageRecorded' and data->>'usageId' = any($1)`, [ids])).rows;
    expect(rows.map((r) => r.tenant_id)).toEqual([owner.tenantId, owner.tenantId]);
    expect(rows[0].metadata.actor).not.toBe(owner.userId);
    await withKey(read.body.key, [cloudEvent(uid('key'))]).expect(403);
    await owner.post(`/api-keys/${write.body.id}/revoke`, {}).expect(200);
    await withKey(write.body.key, [cloudEvent(uid('key'))]).expect(401);
  });

  it('records through GraphQL (one and a batch) with the same rules: duplicates, rejections naming the field', async () => {
    const id = uid('gql');
    const one = await owner.graphql(RECORD, { event: paid(id) }).expect(200);
    expect(one.body.data.recordUsage).toMatchObject({ id, status: 'accepted', period: OPEN });
    expect((await owner.graphql(RECORD, { event: paid(id) }).expect(200)).body.data.recordUsage.status).toBe('duplicate');
    const refused = await owner.graphql(RECORD, { event: { ...paid(uid()), time: afterGrace } }).expect(200);
    expect(errorOf(refused)).toMatchObject({ code: 'USAGE_PERIOD_CLOSED', status: 422, errors: [{ field: 'time' }] });
    const fresh = Array.from({ length: 20 }, () => uid('gql'));
    const events = [...fresh.map((f) => paid(f)), ...fresh.slice(0, 5).map((f) => paid(f)), paid(id), { ...paid(uid()), data: {} }];
    const batch = await owner.graphql(RECORD_BATCH, { events }).expect(200);
    expect(batch.body.data.recordUsageBatch).toMatchObject({ accepted: 20, duplicates: 6, rejected: 1 });
    expect(batch.body.data.recordUsageBatch.results[26]).toMatchObject({ status: 'rejected', field: 'data.amountMinor' });
    const tooMany = await owner.graphql(RECORD_BATCH, { events: Array.from({ length: 1001 }, () => paid(uid('gbig'))) }).expect(200);
    expect(errorOf(tooMany)).toMatchObject({ code: 'USAGE_BATCH_TOO_LARGE', status: 413 });
  });
});
