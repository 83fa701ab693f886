import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';

const BRAKES = {
  name: 'Front brake service',
  description: 'Replace front pads and resurface rotors',
  category: 'Brakes',
  code: 'BRK-F',
  labor: [{ description: 'Replace pads', hours: 1.5, laborRateMinor: 120000, taxable: true }],
  parts: [
    { description: 'Brake pad set', partNumber: 'BP-1234', quantity: 1, unitPriceMinor: 345050, taxable: true },
    { description: 'Brake cleaner', quantity: 2, unitPriceMinor: 24999, taxable: false },
  ],
};

describe('job catalog, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
  });
  afterAll(() => platform.close());

  it('defines a canned job, revises it against its revision, retires it, and reads each step back (also as it was)', async () => {
    const defined = await shop.post('/canned-jobs', BRAKES).expect(201);
    const id = defined.body.id;
    const read = await shop.get(`/canned-jobs/${id}`, defined.body.position).expect(200);
    expect(read.body).toMatchObject({
      id, name: BRAKES.name, category: 'Brakes', code: 'BRK-F', status: 'active', currency: 'INR', revision: 1, version: 1,
      labor: [{ description: 'Replace pads', hours: 1.5, laborRateMinor: 120000, totalMinor: 180000, taxable: true }],
      parts: [
        { description: 'Brake pad set', partNumber: 'BP-1234', totalMinor: 345050 },
        { description: 'Brake cleaner', partNumber: null, totalMinor: 49998 },
      ],
      laborTotalMinor: 180000, partsTotalMinor: 395048, totalMinor: 575048, taxableTotalMinor: 525050, laborHours: 1.5,
    });
    const beforeRevision = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));

    const revised = await shop.put(`/canned-jobs/${id}`, { ...BRAKES, parts: [], expectedRevision: 1 }).expect(200);
    const stale = await shop.put(`/canned-jobs/${id}`, { ...BRAKES, expectedRevision: 1 }).expect(409);
    expect(stale.body.detail).toMatch(/revision/);
    const afterRevision = await shop.get(`/canned-jobs/${id}`, revised.body.position).expect(200);
    expect(afterRevision.body).toMatchObject({ revision: 2, parts: [], totalMinor: 180000, revisedAt: expect.any(String) });

    const asOf = await shop.get(`/canned-jobs/${id}?asOf=${encodeURIComponent(beforeRevision)}`).expect(200);
    expect(asOf.body).toMatchObject({ revision: 1, partsTotalMinor: 395048, revisedAt: null });

    const retired = await shop.post(`/canned-jobs/${id}/retire`, { reason: 'supplier discontinued the pads' }).expect(200);
    const afterRetire = await shop.get(`/canned-jobs/${id}`, retired.body.position).expect(200);
    expect(afterRetire.body).toMatchObject({ status: 'retired', retireReason: 'supplier discontinued the pads', retiredAt: expect.any(String) });
    await shop.post(`/canned-jobs/${id}/retire`, {}).expect(409);

    const active = await shop.get('/canned-jobs?status=active', retired.body.position).expect(200);
    expect(active.body.items.map((j: { id: string }) => j.id)).not.toContain(id);
    const found = await shop.get('/canned-jobs?q=brake%20serv&status=retired').expect(200);
    expect(found.body.items.map((j: { id: string }) => j.id)).toContain(id);
  });

  it('builds a quote from canned jobs after the explicit lines, with the catalog totals', async () => {
    const job = await shop.post('/canned-jobs', BRAKES).expect(201);
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const explicit = { kind: 'labor', description: 'Diagnose rattle', quantity: 0.5, unitPriceMinor: 100000, taxable: true };
    const quote = await shop.post('/quotes', { customerId, vehicleId, lines: [explicit], cannedJobIds: [job.body.id] }).expect(201);
    const read = await shop.get(`/quotes/${quote.body.id}`, quote.body.position).expect(200);
    expect(read.body.lines.map((l: { lineId: string; description: string }) => [l.lineId, l.description])).toEqual([
      ['line-1', 'Diagnose rattle'],
      ['line-2', 'Front brake service: Replace pads'],
      ['line-3', 'Front brake service: Brake pad set (BP-1234)'],
      ['line-4', 'Front brake service: Brake cleaner'],
    ]);
    expect(read.body).toMatchObject({ subtotalMinor: 50000 + 575048, taxableSubtotalMinor: 50000 + 525050 });

    const onlyJobs = await shop.post('/quotes', { customerId, vehicleId, cannedJobIds: [job.body.id] }).expect(201);
    const onlyRead = await shop.get(`/quotes/${onlyJobs.body.id}`, onlyJobs.body.position).expect(200);
    expect(onlyRead.body.lines).toHaveLength(3);
  });

  it('refuses to quote a retired or unknown job, naming its place, and a quote with neither lines nor jobs', async () => {
    const job = await shop.post('/canned-jobs', BRAKES).expect(201);
    await shop.post(`/canned-jobs/${job.body.id}/retire`, {}).expect(200);
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const live = await shop.post('/canned-jobs', { ...BRAKES, name: 'Live job' }).expect(201);

    const retired = await shop.post('/quotes', { customerId, vehicleId, cannedJobIds: [live.body.id, job.body.id] }).expect(422);
    expect(fieldsOf(retired.body)).toEqual(['cannedJobIds[1]']);
    const unknown = await shop.post('/quotes', { customerId, vehicleId, cannedJobIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
    expect(unknown.body.detail).toMatch(/cannedJobIds\[0\]/);
    const empty = await shop.post('/quotes', { customerId, vehicleId }).expect(400);
    expect(fieldsOf(empty.body)).toContain('lines');
    const notUuid = await shop.post('/quotes', { customerId, vehicleId, cannedJobIds: ['brakes'] }).expect(400);
    expect(fieldsOf(notUuid.body)).toContain('cannedJobIds');
  });

  it('names the bad field of a job, keeps technicians out, and hides another tenant\'s jobs', async () => {
    const bad = await shop.post('/canned-jobs', { ...BRAKES, labor: [{ ...BRAKES.labor[0], hours: -1 }] }).expect(400);
    expect(fieldsOf(bad.body)).toContain('labor[0].hours');
    const nothing = await shop.post('/canned-jobs', { ...BRAKES, labor: [], parts: [] }).expect(422);
    expect(nothing.body.detail).toMatch(/labor|part/);

    const technician = await shop.invite(['technician']);
    await technician.post('/canned-jobs', BRAKES).expect(403);
    const job = await shop.post('/canned-jobs', BRAKES).expect(201);
    await technician.get(`/canned-jobs/${job.body.id}`, job.body.position).expect(200);

    const other = await ShopClient.signup(platform, 'Other Garage');
    await other.get(`/canned-jobs/${job.body.id}`).expect(404);
    await other.post(`/canned-jobs/${job.body.id}/retire`, {}).expect(404);
    const { customerId, vehicleId } = await other.customerWithVehicle();
    const theirs = await other.post('/quotes', { customerId, vehicleId, cannedJobIds: [job.body.id] }).expect(422);
    expect(fieldsOf(theirs.body)).toEqual(['cannedJobIds[0]']);
  });

  it('defines, lists and quotes canned jobs over GraphQL', async () => {
    const defined = await shop.graphql(
      `mutation($input: DefineCannedJobInput!) { defineCannedJob(input: $input) { id position } }`,
      { input: { ...BRAKES, name: 'Wiper blades', labor: [], parts: [{ description: 'Wiper pair', quantity: 1, unitPriceMinor: 89900, taxable: true }] } },
    ).expect(200);
    expect(defined.body.errors).toBeUndefined();
    const id = defined.body.data.defineCannedJob.id;
    const read = await shop.graphql(
      `query($id: ID!) { cannedJob(id: $id) { name totalMinor parts { description totalMinor } } cannedJobs(first: 50, q: "wiper") { items { id } } }`,
      { id }, { 'X-Min-Position': String(defined.body.data.defineCannedJob.position) },
    ).expect(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.cannedJob).toEqual({ name: 'Wiper blades', totalMinor: 89900, parts: [{ description: 'Wiper pair', totalMinor: 89900 }] });
    expect(read.body.data.cannedJobs.items).toEqual([{ id }]);

    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const quote = await shop.graphql(
      `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`,
      { input: { customerId, vehicleId, cannedJobIds: [id] } },
    ).expect(200);
    expect(quote.body.errors).toBeUndefined();
  });
});
