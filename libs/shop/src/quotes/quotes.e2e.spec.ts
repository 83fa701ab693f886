import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient, THREE_LINES } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';

// 1.5 x 1200.00 + 1 x 3450.50 + 2 x 499.99 (minor units)
const LINE_TOTALS = [180000, 345050, 99998];

describe('quote approval, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
  });
  afterAll(() => platform.close());

  it('pages the board newest first by cursor, filters by status and customer, and shows each quote as its detail does', async () => {
    const a = await shop.sentQuote();
    const b = await shop.sentQuote();
    const c = await shop.customerWithVehicle();
    const draft = await shop.post('/quotes', { customerId: c.customerId, vehicleId: c.vehicleId, lines: THREE_LINES }).expect(201);
    const position = draft.body.position;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await shop.get(`/quotes?first=1${after ? `&after=${after}` : ''}`, position).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((q: { id: string }) => q.id));
      after = res.body.nextCursor;
    } while (after);
    expect(seen.slice(0, 3)).toEqual([draft.body.id, b.quoteId, a.quoteId]);
    expect(new Set(seen).size).toBe(seen.length);

    const sent = await shop.get(`/quotes?status=sent&customerId=${b.customerId}`, position).expect(200);
    expect(sent.body.items.map((q: { id: string }) => q.id)).toEqual([b.quoteId]);
    const detail = await shop.get(`/quotes/${b.quoteId}`).expect(200);
    expect(sent.body.items[0]).toEqual(detail.body);
  });

  it('approves two of three lines over REST and reads the quote back approved with the right totals', async () => {
    const { quoteId } = await shop.sentQuote();
    const approved = await shop.post(`/quotes/${quoteId}/approve`, {
      lineIds: ['line-1', 'line-2'], approvedByName: 'Asha Rao', channel: 'phone',
    }).expect(200);
    expect(approved.body).toMatchObject({ id: quoteId, streamVersion: 3 });

    const quote = await shop.get(`/quotes/${quoteId}`, approved.body.position).expect(200);
    expect(quote.headers['x-read-model-caught-up']).toBe('true');
    expect(quote.body).toMatchObject({
      status: 'approved',
      currency: 'INR',
      subtotalMinor: LINE_TOTALS[0] + LINE_TOTALS[1] + LINE_TOTALS[2],
      taxableSubtotalMinor: LINE_TOTALS[0] + LINE_TOTALS[1],
      approvedSubtotalMinor: LINE_TOTALS[0] + LINE_TOTALS[1],
      declinedSubtotalMinor: LINE_TOTALS[2],
      approvedBy: 'Asha Rao',
      decisionChannel: 'phone',
    });
    expect(quote.body.lines.map((l: { decision: string; totalMinor: number }) => [l.decision, l.totalMinor])).toEqual([
      ['approved', LINE_TOTALS[0]], ['approved', LINE_TOTALS[1]], ['declined', LINE_TOTALS[2]],
    ]);
  });

  it('runs the same slice over GraphQL', async () => {
    const customer = await shop.graphql(
      `mutation($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id position } }`,
      { input: { firstName: 'Vikram', lastName: 'Shah', email: 'vikram@example.com' } },
    ).expect(200);
    const customerId = customer.body.data.registerCustomer.id;
    const vehicle = await shop.graphql(
      `mutation($input: AddVehicleInput!) { addVehicle(input: $input) { id } }`,
      { input: { customerId, vin: 'MA3EWDE1S00123456', year: 2021, make: 'Maruti', model: 'Swift', mileage: 15000 } },
    ).expect(200);
    const vehicleId = vehicle.body.data.addVehicle.id;
    const created = await shop.graphql(
      `mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`,
      { input: { customerId, vehicleId, lines: THREE_LINES } },
    ).expect(200);
    const quoteId = created.body.data.createQuote.id;
    await shop.graphql(`mutation($id: ID!) { sendQuote(id: $id, input: { channel: email }) { position } }`, { id: quoteId }).expect(200);
    const approved = await shop.graphql(
      `mutation($id: ID!, $input: ApproveQuoteInput!) { approveQuote(id: $id, input: $input) { position } }`,
      { id: quoteId, input: { lineIds: ['line-1', 'line-2'], approvedByName: 'Vikram Shah', channel: 'portal' } },
    ).expect(200);
    const position = approved.body.data.approveQuote.position;

    const read = await shop.graphql(
      `query($id: ID!) { quote(id: $id) { status approvedSubtotalMinor declinedSubtotalMinor lines { lineId decision } } }`,
      { id: quoteId },
      { 'X-Min-Position': String(position) },
    ).expect(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.quote).toEqual({
      status: 'approved',
      approvedSubtotalMinor: LINE_TOTALS[0] + LINE_TOTALS[1],
      declinedSubtotalMinor: LINE_TOTALS[2],
      lines: [
        { lineId: 'line-1', decision: 'approved' },
        { lineId: 'line-2', decision: 'approved' },
        { lineId: 'line-3', decision: 'declined' },
      ],
    });

    const directory = await shop.graphql(
      `query { customers(first: 10) { items { id vehicles { vin } } nextCursor } }`, {}, { 'X-Min-Position': String(position) },
    ).expect(200);
    expect(directory.body.data.customers.items.find((c: { id: string }) => c.id === customerId).vehicles).toEqual([{ vin: 'MA3EWDE1S00123456' }]);
  });

  it('gives exactly one success and 409s to the rest of 50 concurrent approvals of one quote', async () => {
    const { quoteId } = await shop.sentQuote();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => shop.post(`/quotes/${quoteId}/approve`, { approvedByName: 'Asha Rao', channel: 'in_person' })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const conflict = responses.find((r) => r.status === 409)!;
    expect(conflict.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('rejects approving a quote that is already approved with 409 naming its state', async () => {
    const { quoteId } = await shop.sentQuote();
    await shop.post(`/quotes/${quoteId}/approve`, { approvedByName: 'A', channel: 'sms' }).expect(200);
    const again = await shop.post(`/quotes/${quoteId}/decline`, { channel: 'sms' }).expect(409);
    expect(again.body.detail).toMatch(/approved/);
  });

  it('names the bad field: unknown line ids 422, malformed lines 400, bad JSON 400', async () => {
    const { quoteId, customerId } = await shop.sentQuote();
    const unknown = await shop.post(`/quotes/${quoteId}/approve`, { lineIds: ['line-9'], approvedByName: 'A', channel: 'sms' }).expect(422);
    expect(unknown.body.errors[0].field).toBe('lineIds');

    const bad = await shop.post('/quotes', {
      customerId, vehicleId: customerId, lines: [{ kind: 'labor', description: 'x', quantity: -1, unitPriceMinor: 10, taxable: true }],
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('lines[0].quantity');

    const json = await shop.rawPost('/customers', '{"firstName": ');
    expect(json.status).toBe(400);
  });

  it("never prices a quote in a made-up currency: POST /quotes with currency 'ABC' and a shop signing up in it are 400 naming currency", async () => {
    // A quote takes the shop's currency; the only way one in 'ABC' came about was a shop opened in it.
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const quote = await shop.post('/quotes', { customerId, vehicleId, lines: THREE_LINES, currency: 'ABC' }).expect(400);
    expect(fieldsOf(quote.body)).toContain('currency');

    const signup = await platform.http().post('/auth/signup').send({
      companyName: 'Made Up Motors', country: 'IN', currency: 'ABC', plan: 'growth', ownerName: 'Owner',
      email: `made.up.${Math.random().toString(36).slice(2, 8)}@example.com`, password: 'correct horse battery',
    }).expect(400);
    expect(fieldsOf(signup.body)).toEqual(['currency']);
    expect(signup.body.errors[0].message).toMatch(/ISO 4217/);
  });

  it('replays the stored result for a repeated Idempotency-Key and refuses the key for another request', async () => {
    const body = { firstName: 'Neha', lastName: 'Iyer', email: 'neha@example.com' };
    const first = await shop.post('/customers', body, { 'Idempotency-Key': 'register-neha-1' }).expect(201);
    const second = await shop.post('/customers', body, { 'Idempotency-Key': 'register-neha-1' }).expect(201);
    expect(second.body).toEqual(first.body);
    const other = await shop.post('/customers', { ...body, firstName: 'Other' }, { 'Idempotency-Key': 'register-neha-1' }).expect(422);
    expect(other.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('shows a quote as it stood before its approval (asOf)', async () => {
    const { quoteId } = await shop.sentQuote();
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await shop.post(`/quotes/${quoteId}/approve`, { approvedByName: 'A', channel: 'sms' }).expect(200);
    const then = await shop.get(`/quotes/${quoteId}?asOf=${encodeURIComponent(before)}`).expect(200);
    expect(then.body.status).toBe('sent');
    expect(then.body.lines.every((l: { decision: string }) => l.decision === 'pending')).toBe(true);
  });

  it('revises a sent quote: back to draft, re-sent, and approved only against the revision the customer saw', async () => {
    const location = await shop.post('/locations', {
      name: 'Revision Road', address: { line1: '1 MG Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560001', country: 'IN' },
      timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201);
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const created = await shop.post('/quotes', { customerId, vehicleId, locationId: location.body.id, lines: THREE_LINES }).expect(201);
    const quoteId = created.body.id;
    await shop.post(`/quotes/${quoteId}/send`, { channel: 'sms' }).expect(200);
    const beforeRevision = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));

    const revised = await shop.post(`/quotes/${quoteId}/revise`, { lines: THREE_LINES.slice(0, 2), expectedRevision: 1, reason: 'filter not needed' }).expect(200);
    const stale = await shop.post(`/quotes/${quoteId}/revise`, { lines: THREE_LINES, expectedRevision: 1 }).expect(409);
    expect(stale.body.detail).toMatch(/revision 2, not 1/);
    const draft = await shop.get(`/quotes/${quoteId}`, revised.body.position).expect(200);
    expect(draft.body).toMatchObject({
      status: 'draft', revision: 2, revisedAt: expect.any(String), sentAt: null, locationId: location.body.id,
      subtotalMinor: LINE_TOTALS[0] + LINE_TOTALS[1],
    });
    expect(draft.body.lines).toHaveLength(2);
    const notSent = await shop.post(`/quotes/${quoteId}/approve`, { approvedByName: 'A', channel: 'sms' }).expect(409);
    expect(notSent.body.detail).toMatch(/draft/);

    await shop.post(`/quotes/${quoteId}/send`, { channel: 'email' }).expect(200);
    const oldRevision = await shop.post(`/quotes/${quoteId}/approve`, { approvedByName: 'A', channel: 'sms', revision: 1 }).expect(409);
    expect(fieldsOf(oldRevision.body)).toEqual(['revision']);
    const approved = await shop.graphql(
      `mutation($id: ID!) { approveQuote(id: $id, input: { approvedByName: "Asha", channel: phone, revision: 2 }) { position } }`, { id: quoteId },
    ).expect(200);
    expect(approved.body.errors).toBeUndefined();
    const done = await shop.post(`/quotes/${quoteId}/revise`, { lines: THREE_LINES }).expect(409);
    expect(done.body.detail).toMatch(/quote is approved/);

    const then = await shop.get(`/quotes/${quoteId}?asOf=${encodeURIComponent(beforeRevision)}`).expect(200);
    expect(then.body).toMatchObject({ status: 'sent', revision: 1, locationId: location.body.id });
    expect(then.body.lines).toHaveLength(3);
  });

  it('revises over GraphQL, and refuses a quote for a closed location naming locationId', async () => {
    const { quoteId } = await shop.sentQuote();
    const res = await shop.graphql(
      `mutation($id: ID!, $input: ReviseQuoteInput!) { reviseQuote(id: $id, input: $input) { streamVersion position } }`,
      { id: quoteId, input: { lines: [THREE_LINES[0]] } },
    ).expect(200);
    expect(res.body.errors).toBeUndefined();
    const read = await shop.graphql(`query($id: ID!) { quote(id: $id) { revision status lines { lineId } } }`, { id: quoteId },
      { 'X-Min-Position': String(res.body.data.reviseQuote.position) });
    expect(read.body.data.quote).toEqual({ revision: 2, status: 'draft', lines: [{ lineId: 'line-1' }] });

    const location = await shop.post('/locations', {
      name: 'Closing Soon', address: { line1: '2 MG Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560001', country: 'IN' },
      timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201);
    await shop.post(`/locations/${location.body.id}/close`, { reason: 'moved' }).expect(200);
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const closed = await shop.post('/quotes', { customerId, vehicleId, locationId: location.body.id, lines: THREE_LINES }).expect(422);
    expect(fieldsOf(closed.body)).toEqual(['locationId']);
  });

  it('carries amounts beyond 32 bits over GraphQL (an excavator rebuild in paise)', async () => {
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const big = { kind: 'part', description: 'Engine assembly', quantity: 2, unitPriceMinor: 3_000_000_000, taxable: true };
    const created = await shop.graphql(`mutation($input: CreateQuoteInput!) { createQuote(input: $input) { id position } }`,
      { input: { customerId, vehicleId, lines: [big] } }).expect(200);
    expect(created.body.errors).toBeUndefined();
    const read = await shop.graphql(`query($id: ID!) { quote(id: $id) { subtotalMinor lines { unitPriceMinor totalMinor } } }`,
      { id: created.body.data.createQuote.id }, { 'X-Min-Position': String(created.body.data.createQuote.position) }).expect(200);
    expect(read.body.data.quote).toEqual({ subtotalMinor: 6_000_000_000, lines: [{ unitPriceMinor: 3_000_000_000, totalMinor: 6_000_000_000 }] });
  });

  it('refuses a GraphQL query whose cost is over the limit before running it', async () => {
    const res = await shop.graphql(`{ quotes(first: 100) { items { id lines { lineId decision } } } }`);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const ok = await shop.graphql(`{ quotes(first: 10) { items { id lines { lineId decision } } } }`).expect(200);
    expect(ok.body.errors).toBeUndefined();
    // The same text again is answered from the cost cache: still refused, and a variable page size is estimated per request.
    expect((await shop.graphql(`{ quotes(first: 100) { items { id lines { lineId decision } } } }`)).body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const paged = `query Q($n: Int!) { quotes(first: $n) { items { id lines { lineId decision } } } }`;
    expect((await shop.graphql(paged, { n: 10 })).body.errors).toBeUndefined();
    expect((await shop.graphql(paged, { n: 100 })).body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const bad = await shop.graphql(paged, { n: 'ten' });
    expect([bad.status, bad.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    // A cached cost skips the estimate's coercion of the variables: execution's still answers a missing one with a 400.
    const byId = `query ById($id: ID!) { quote(id: $id) { id } }`;
    await shop.graphql(byId, { id: '00000000-0000-4000-8000-000000000000' }).expect(200);
    const missing = await shop.graphql(byId, {});
    expect([missing.status, missing.body.errors[0].extensions.code, missing.body.errors[0].message]).toEqual([400, 'BAD_USER_INPUT', expect.stringContaining('$id')]);
  });

  it('refuses a GraphQL document that repeats fields under more aliases than allowed, or verifies the tenant over and over', async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: quotes(first: 1) { items { id } }`).join(' ')} }`;
    expect((await shop.graphql(aliased(30))).body.errors).toBeUndefined();
    const tooMany = await shop.graphql(aliased(31));
    expect(tooMany.body.errors[0]).toMatchObject({ message: expect.stringContaining('more than 30 aliases'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const verifications = await shop.graphql(`{ a: auditVerification { ok } b: auditVerification { ok } c: auditVerification { ok } }`);
    expect(verifications.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses requests without a valid token with 401', async () => {
    await platform.http().get('/quotes').expect(401);
    await platform.http().get('/quotes').set('Authorization', 'Bearer not-a-token').expect(401);
  });
});
