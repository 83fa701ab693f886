import fc from 'fast-check';
import { Platform, startPlatform } from './support/platform-harness';
import { workedRepairOrder } from './support/repair-orders';
import { ShopClient } from './support/shop-client';

/**
 * Issue #8 item 6: an outside fuzzer got 5xx answers from 45 endpoints. This one reads whatever
 * OpenAPI document the server serves, and for every operation sends malformed input built from
 * it (wrong types, missing and extra fields, extreme numbers, NUL and lone surrogates, long
 * strings, foreign and malformed ids, bad cursors, deep nesting, non-JSON bodies). Any 5xx fails
 * the test, listing the operation and the input. Bounded for a 2-core machine: RUNS_PER_OPERATION
 * cases per operation (~65 operations), GRAPHQL_RUNS GraphQL requests, fixed seeds.
 */
const RUNS_PER_OPERATION = 20;
const GRAPHQL_RUNS = 60;
const SEED = 20260801;

type Schema = {
  $ref?: string; type?: string; format?: string; enum?: unknown[]; example?: unknown; items?: Schema;
  properties?: Record<string, Schema>; required?: string[]; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[];
  minimum?: number; default?: unknown; nullable?: boolean;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
interface Case { path: string; query: Record<string, string>; body?: unknown; raw?: string; headers: Record<string, string> }

const FOREIGN_UUID = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const DEEP = JSON.parse('{"a":'.repeat(3000) + '1' + '}'.repeat(3000));
const NASTY_STRINGS = [
  '', ' ', 'x'.repeat(20_000), 'a\u0000b', '\u0000', 'a\ud800', '\udfff', '\u202e\ufeff', '%00', '../../etc/passwd', "'; drop table x; --",
  'not-a-uuid', FOREIGN_UUID, '00000000-0000-0000-0000-000000000000', 'NaN', 'Infinity', '-1', '1e308', '9007199254740993', '1.5',
  '+275760-09-13T00:00:00.000Z', '9999-99-99', '2025-02-30', '0000-01-01T00:00:00Z', 'IN_GST', '🚗'.repeat(300),
];
const NASTY_NUMBERS = [0, -1, 1.5, -0.0001, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 63), Number.MAX_SAFE_INTEGER, 1e-320];
const NASTY_VALUES: unknown[] = [...NASTY_STRINGS, ...NASTY_NUMBERS, null, true, false, [], {}, [null], [[]], { '\u0000': 1 }, DEEP, ['a\u0000']];
const NASTY_CURSORS = [
  cursor({ at: '+275760-09-13T00:00:00.000Z', id: 'x' }), cursor(null), cursor(1e308), cursor({ at: '2025-01-01T00:00:00.000Z', id: 'x\u0000' }),
  cursor({ at: 1, id: [] }), cursor('x'.repeat(1000)), '!!!', 'a'.repeat(5000),
];
const NON_JSON = ['{', '{"a":', 'null', '"x"', '[1,2', '\u0000', 'a=b&c=d', '{"x":1}{"y":2}', '<xml/>', ''];

/** A well-typed value for the schema, from its examples, enums and formats; ids from the records made. */
function sample(doc: Document, schema: Schema | undefined, ids: Record<string, string>, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (!s || depth > 6) return 'x';
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const variants = s.allOf ?? s.oneOf ?? s.anyOf;
  if (variants?.length) return sample(doc, variants[0], ids, depth + 1);
  switch (s.type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(doc, v, ids, depth + 1)]));
    case 'array':
      return [sample(doc, s.items, ids, depth + 1)];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (s.format === 'uuid') return ids.customer;
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'date') return '2025-06-01';
      return s.properties ? sample(doc, { ...s, type: 'object' }, ids, depth) : 'text';
  }
}

function resolve(doc: Document, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components?.schemas?.[s.$ref.split('/').pop() as string];
  return s;
}

/** Paths to every value inside `value` (the root is []). */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...at, i])));
  if (value && typeof value === 'object') return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

function mutate(value: unknown, path: (string | number)[], how: 'replace' | 'remove' | 'extra', nasty: unknown): unknown {
  if (path.length === 0) return how === 'extra' && value && typeof value === 'object' && !Array.isArray(value) ? { ...value, unexpectedField: nasty } : nasty;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  if (rest.length === 0 && how === 'remove') {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
    return copy;
  }
  copy[head] = mutate(copy[head], rest, how, nasty);
  return copy;
}

/** A lone surrogate has no UTF-8 form: send the bytes a careless client would (invalid UTF-8). */
const encodeSegment = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
};

/** Ids of the records made, by the noun the path segment before `{param}` names. */
function idFor(path: string, param: string, ids: Record<string, string>): string {
  if (param === 'lineId') return 'line-1';
  if (param === 'customerId') return ids.customer;
  if (param === 'paymentId') return ids.payment;
  if (param === 'category') return 'customer';
  const before = path.split('/').filter(Boolean);
  const noun = before[before.indexOf(`{${param}}`) - 1] ?? '';
  const kind = { locations: 'location', customers: 'customer', households: 'household', vehicles: 'vehicle', quotes: 'quote', 'canned-jobs': 'cannedJob',
    'repair-orders': 'repairOrder', invoices: 'invoice', users: 'user' }[noun];
  return kind ? ids[kind] : ids.customer;
}

function caseArbitrary(doc: Document, path: string, operation: Operation, ids: Record<string, string>): fc.Arbitrary<Case> {
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  const validBody = bodySchema ? sample(doc, bodySchema, ids) : undefined;
  const bodyPaths = validBody === undefined ? [[]] : pathsOf(validBody);
  const nasty = fc.constantFrom(...NASTY_VALUES);

  const pathValue = (p: Parameter) => fc.oneof(
    { weight: 3, arbitrary: fc.constant(idFor(path, p.name, ids)) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => s !== '')) },
    { weight: 1, arbitrary: fc.uuid() },
  );
  // A well-formed minPosition beyond the stream makes the read wait READ_WAIT_TIMEOUT_MS, by design.
  const queryValue = (p: Parameter) => p.name === 'minPosition' ? fc.option(fc.constantFrom(...NASTY_STRINGS), { nil: undefined }) : fc.oneof(
    fc.constant(undefined),
    fc.constant(String(sample(doc, p.schema, ids))),
    fc.constantFrom(...NASTY_STRINGS),
    ...(p.name === 'after' ? [fc.constantFrom(...NASTY_CURSORS)] : []),
    fc.string({ maxLength: 40 }),
  );
  const body = fc.oneof(
    { weight: 4, arbitrary: fc.record({ at: fc.constantFrom(...bodyPaths), how: fc.constantFrom('replace', 'remove', 'extra') as fc.Arbitrary<'replace' | 'remove' | 'extra'>, nasty })
      .map(({ at, how, nasty: v }) => ({ body: mutate(validBody ?? {}, at, how, v) })) },
    { weight: 1, arbitrary: fc.constant({ body: validBody ?? {} }) },
    { weight: 1, arbitrary: nasty.map((v) => ({ body: v })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ body: v })) },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...NON_JSON), fc.string({ maxLength: 60 })).map((raw) => ({ raw })) },
  );
  const headers = fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constantFrom('-1', '1e308', 'abc', '9007199254740993', '1.5').map((v) => ({ 'X-Min-Position': v })) },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(5000), '', ' ', 'k', FOREIGN_UUID).map((v) => ({ 'Idempotency-Key': v })) },
  );

  return fc.record({
    pathValues: fc.tuple(...pathParams.map(pathValue)),
    queryValues: fc.tuple(...queryParams.map(queryValue)),
    extraQuery: fc.option(fc.record({ k: fc.constantFrom('unknown', 'first', 'after', 'x[y]', '__proto__'), v: fc.constantFrom(...NASTY_STRINGS) }), { nil: undefined }),
    body,
    headers,
  }).map(({ pathValues, queryValues, extraQuery, body: b, headers: h }) => {
    let concrete = path;
    pathParams.forEach((p, i) => { concrete = concrete.replace(`{${p.name}}`, encodeSegment(pathValues[i])); });
    const query: Record<string, string> = {};
    queryParams.forEach((p, i) => { if (queryValues[i] !== undefined) query[p.name] = queryValues[i] as string; });
    if (extraQuery) query[extraQuery.k] = extraQuery.v;
    return { path: concrete, query, headers: h, ...(bodySchema || 'raw' in b ? b : {}) };
  });
}

describe('OpenAPI fuzz: no malformed input gets a 5xx', () => {
  let platform: Platform;
  let owner: ShopClient;
  let doc: Document;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // The Stripe emulator too: without it connecting an account is (rightly) a 502, not a finding.
    platform = await startPlatform({ stripe: true });
    owner = await ShopClient.signup(platform);
    const location = await owner.post('/locations', {
      name: 'Indiranagar', timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
      address: { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' },
    }).expect(201);
    ids.location = location.body.id;
    const { customerId, vehicleId } = await owner.customerWithVehicle();
    Object.assign(ids, { customer: customerId, vehicle: vehicleId, user: owner.userId });
    ids.household = (await owner.post('/households', { name: 'Rao family' }).expect(201)).body.id;
    ids.cannedJob = (await owner.post('/canned-jobs', {
      name: 'Front brake service', description: 'pads', labor: [{ description: 'Replace pads', hours: 1, laborRateMinor: 100000, taxable: true }],
    }).expect(201)).body.id;
    ids.quote = (await owner.sentQuote()).quoteId;
    ids.repairOrder = await workedRepairOrder(platform, owner, ids.location, { vehicle: { customerId, vehicleId } });
    const invoice = await owner.post(`/repair-orders/${ids.repairOrder}/invoice`, {}).expect(201);
    ids.invoice = invoice.body.id;
    ids.payment = (await owner.post(`/invoices/${ids.invoice}/payments`, { method: 'cash', amountMinor: 100 }).expect(201)).body.paymentId;
    await owner.get(`/invoices/${ids.invoice}`, invoice.body.position).expect(200);
    doc = (await platform.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => platform?.close());

  it(`answers ${RUNS_PER_OPERATION} malformed requests to every operation without a 5xx`, async () => {
    const failures: string[] = [];
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method)).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(20);
    // Reads first: a lucky well-formed command (closing the location) must not hide later paths.
    operations.sort((a, b) => Number(a.method !== 'get') - Number(b.method !== 'get'));
    let index = 0;
    const slow: string[] = [];
    for (const { path, method, op } of operations) {
      const cases = fc.sample(caseArbitrary(doc, path, op, ids), { seed: SEED + index++, numRuns: RUNS_PER_OPERATION });
      for (const c of cases) {
        let req = (platform.http() as any)[method](c.path).query(c.query).set('Authorization', `Bearer ${owner.token}`).set(c.headers);
        if (c.raw !== undefined) req = req.set('Content-Type', 'application/json').send(c.raw);
        else if (c.body !== undefined) req = req.send(c.body === null ? 'null' : typeof c.body === 'object' ? c.body : JSON.stringify(c.body)).type('json');
        const started = Date.now();
        const res = await req;
        if (Date.now() - started > 3000) slow.push(`${method} ${c.path} ${Date.now() - started} ms ${JSON.stringify(c.query)}`);
        if (res.status >= 500) {
          const input = JSON.stringify({ path: c.path, query: c.query, headers: c.headers, body: c.raw ?? c.body }).slice(0, 600);
          failures.push(`${method.toUpperCase()} ${path} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}\n    input: ${input}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // A malformed request is refused at once; only a valid minPosition may wait (it is never generated).
    expect(slow).toEqual([]);
  });

  it(`answers ${GRAPHQL_RUNS} malformed GraphQL requests without a 5xx or an internal error`, async () => {
    const strings = fc.constantFrom(...NASTY_STRINGS);
    const document = fc.oneof(
      fc.constantFrom(
        'query {', '{ __typename', 'query Q($id: ID!) { customer(id: $id) { id } }', 'mutation { __typename }', '', '}}}',
        'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }', 'query { ...Missing }',
        `query { ${'customers { items { id } } '.repeat(1)} }`, `query { ${Array.from({ length: 60 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
        `query { ${'a: customers { items { id '.repeat(12)}${'} } '.repeat(12)} }`,
        'mutation R($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id } }',
        'mutation O($input: OpenLocationInput!) { openLocation(input: $input) { id } }',
        'query A($after: String, $first: Int) { customers(after: $after, first: $first) { nextCursor } }',
        'query E($after: SafeInt) { auditEvents(after: $after) { nextAfter } }',
      ),
      strings.map((s) => `query { customer(id: ${JSON.stringify(s)}) { id } }`),
      strings.map((s) => `query { customers(after: ${JSON.stringify(s)}) { nextCursor } }`),
      fc.string({ maxLength: 80 }),
    );
    const variables = fc.oneof(
      fc.constant({}),
      fc.record({ id: strings, after: fc.oneof(strings, fc.constantFrom(...NASTY_CURSORS), fc.constantFrom(...NASTY_NUMBERS)), first: fc.constantFrom(...NASTY_VALUES) }),
      fc.record({ input: fc.oneof(fc.constantFrom(...NASTY_VALUES), fc.dictionary(fc.constantFrom('firstName', 'lastName', 'phone', 'name', 'address', 'timezone', 'extra'), fc.constantFrom(...NASTY_VALUES))) }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const requests = fc.sample(fc.record({ query: document, variables, operationName: fc.option(fc.constantFrom('Q', 'R', 'Nope', ''), { nil: undefined }) }), { seed: SEED, numRuns: GRAPHQL_RUNS });
    const failures: string[] = [];
    for (const body of requests) {
      const res = await platform.http().post('/graphql').set('Authorization', `Bearer ${owner.token}`).send(body);
      const internal = (res.body?.errors ?? []).filter((e: { extensions?: { code?: string; status?: number } }) =>
        e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === 'INTERNAL' || (e.extensions?.status ?? 0) >= 500);
      if (res.status >= 500 || internal.length) failures.push(`${res.status} ${JSON.stringify(res.body).slice(0, 300)}\n    input: ${JSON.stringify(body).slice(0, 400)}`);
    }
    expect(failures).toEqual([]);
  });
});
