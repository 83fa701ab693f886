import { Platform, startPlatform } from './support/platform-harness';
import { fieldsOf } from './support/problems';
import { ShopClient } from './support/shop-client';

/** Issue #8 item 6: input a client controls never reaches the server as a 5xx. */
let platform: Platform;
let owner: ShopClient;
let locationId: string;
const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const CUSTOMER = { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' };
const ADDRESS = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };

beforeAll(async () => {
  platform = await startPlatform({ worker: false });
  owner = await ShopClient.signup(platform);
  const opened = await owner.post('/locations', {
    name: 'Indiranagar', address: ADDRESS, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
  }).expect(201);
  locationId = opened.body.id;
});
afterAll(() => platform?.close());

const expectProblem = (res: { status: number; headers: Record<string, string>; body: { errors?: { field: string }[] } }, status: number, field: string) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect({ status: res.status, fields: fieldsOf(res.body) }).toEqual({ status, fields: expect.arrayContaining([field]) });
};

describe('body size', () => {
  it('answers a JSON body over HTTP_BODY_LIMIT (1 MB) with a 413 problem naming the body', async () => {
    expectProblem(await owner.post('/customers', { ...CUSTOMER, notes: 'x'.repeat(1_100_000) }), 413, 'body');
  });

  it('answers a GraphQL request over the limit with the same 413 problem', async () => {
    expectProblem(await owner.graphql('query { __typename }', { pad: 'x'.repeat(1_100_000) }), 413, 'body');
  });

  it('leaves the body of a read unparsed: a GET with malformed or oversized JSON is answered as the read', async () => {
    const http = platform.http();
    const garbled = await http.get('/customers').set('Authorization', `Bearer ${owner.token}`).set('Content-Type', 'application/json').send('{not json');
    expect(garbled.status).toBe(200);
    const huge = await platform.http().get('/health').set('Content-Type', 'application/json').send(JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(200);
  });

  it('still parses a body between the old 100 kB default and the limit', async () => {
    const res = await owner.graphql('query { __typename }', { pad: 'x'.repeat(300_000) }).expect(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('text PostgreSQL cannot store', () => {
  it.each([
    ['a NUL', 'Asha\u0000'],
    ['a lone high surrogate', 'Asha\ud800'],
    ['a lone low surrogate', '\udc00Asha'],
  ])('refuses %s in a body string with 400 naming the field', async (_, firstName) => {
    expectProblem(await owner.post('/customers', { ...CUSTOMER, firstName }), 400, 'firstName');
  });

  it('names a nested field by its path', async () => {
    expectProblem(await owner.post('/locations', { name: 'Koramangala', address: { ...ADDRESS, city: 'Ben\u0000galuru' }, timezone: 'Asia/Kolkata' }), 400, 'address.city');
  });

  it('refuses a NUL in a query parameter with 400 naming it', async () => {
    const res = await owner.get('/customers?after=%00');
    expectProblem(res, 400, 'after');
    expect(res.body.errors[0].message).toMatch(/NUL/);
  });

  it('refuses a NUL in a GraphQL variable, naming the argument path', async () => {
    const res = await owner.graphql('mutation R($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id } }', { input: { ...CUSTOMER, lastName: 'R\u0000ao' } });
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors[0].extensions).toMatchObject({ status: 400, errors: [{ field: 'input.lastName' }] });
  });

  it('refuses a body nested far deeper than any input with 400, not a stack overflow', async () => {
    const res = await owner.rawPost('/customers', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
    expect(res.status).toBe(400);
  });
});

describe('cursors and positions', () => {
  const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it.each([
    ['a year Postgres refuses', token({ at: '+275760-09-13T00:00:00.000Z', id: ID })],
    ['an id that is not a uuid', token({ at: '2025-01-01T00:00:00.000Z', id: 'x' })],
    ['null', token(null)],
    ['a huge number', token(1e308)],
  ])('refuses a cursor holding %s with 400 naming after (shop and users alike)', async (_, cursor) => {
    expectProblem(await owner.get(`/customers?after=${cursor}`), 400, 'after');
    expectProblem(await owner.get(`/locations?after=${cursor}`), 400, 'after');
    expectProblem(await owner.get(`/users?after=${cursor}`), 400, 'after');
  });

  it.each(['1e308', '-1', '1.5', 'abc', String(2 ** 53 + 2)])('refuses ?after=%s on the audit stream with 400 naming after', async (after) => {
    expectProblem(await owner.get(`/audit/events?after=${after}`), 400, 'after');
  });

  it('answers ?minPosition=0 at once as caught up, and refuses a blank one with 400 naming it', async () => {
    const started = Date.now();
    const res = await owner.get("/locations?minPosition=0").expect(200);
    expect(res.headers['x-read-model-caught-up']).toBe('true');
    expect(Date.now() - started).toBeLessThan(2000);
    expectProblem(await owner.get("/locations?minPosition=%20"), 400, 'minPosition');
  });

  it('still pages the audit stream from a real position', async () => {
    const res = await owner.get('/audit/events?after=0&first=1').expect(200);
    expect(res.body.items).toHaveLength(1);
  });
});

describe('nested inputs', () => {
  it('refuses a location without an address with 400 naming address', async () => {
    expectProblem(await owner.post('/locations', { name: 'Whitefield', timezone: 'Asia/Kolkata' }), 400, 'address');
  });

  it('refuses an address given as a list with 400 naming address', async () => {
    expectProblem(await owner.post('/locations', { name: 'Whitefield', timezone: 'Asia/Kolkata', address: [ADDRESS] }), 400, 'address');
  });

  it('refuses a tax change without a jurisdiction with 400 naming taxJurisdiction', async () => {
    expectProblem(await owner.post(`/locations/${locationId}/change-tax`, {}), 400, 'taxJurisdiction');
  });

  it('refuses quote lines that are not objects with 400 naming the line', async () => {
    const { customerId, vehicleId } = await owner.customerWithVehicle();
    expectProblem(await owner.post('/quotes', { customerId, vehicleId, lines: [[{ kind: 'labor', description: 'x', quantity: 1, unitPriceMinor: 1, taxable: true }]] }), 400, 'lines');
  });
});

describe('GraphQL requests it cannot run', () => {
  const refusal = async (query: string, variables: Record<string, unknown>, field: string, operationName?: string) => {
    const res = await platform.http().post('/graphql').set('Authorization', `Bearer ${owner.token}`).send({ query, variables, operationName });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: expect.any(String), status: 400, errors: [expect.objectContaining({ field })] });
  };

  it('answers a missing required variable with 400 naming it', () => refusal('query Q($id: ID!) { customer(id: $id) { id } }', {}, 'id'));
  it('answers a variable of the wrong type with 400 naming it', () => refusal('query Q($f: Int) { auditEvents(first: $f) { nextAfter } }', { f: 'x' }, 'f'));
  it('answers an unknown input field with 400 naming it', () =>
    refusal('mutation R($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id } }', { input: { ...CUSTOMER, nickname: 'A' } }, 'input.nickname'));
  it('answers a syntax error with 400 naming the query', () => refusal('query {', {}, 'query'));
  it('answers an unknown operation name with 400 naming it', () => refusal('query A { __typename }', {}, 'operationName', 'B'));
  it('answers a query over the cost limit with 400', () =>
    refusal('query { a: auditVerification { eventsChecked } b: auditVerification { eventsChecked } c: auditVerification { eventsChecked } }', {}, 'query'));
  it('answers a fragment cycle with 400 and no stack overflow', () =>
    refusal('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }', {}, 'query'));
  it('answers a spread of an unknown fragment with 400', () => refusal('query { ...Missing }', {}, 'query'));
});
