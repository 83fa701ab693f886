import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { openApiDocumentOffline } from './openapi-offline';

type Op = { method: string; path: string; op: OperationObject };
const COMMANDS = ['post', 'put', 'patch', 'delete'];
const PUBLIC = ['GET /billing/plans', 'GET /billing/plans/{plan}/versions/{version}', 'POST /auth/signup', 'POST /auth/login', 'POST /auth/invitations/accept', 'POST /auth/verify-email', 'GET /health', 'GET /metrics', 'POST /webhooks/stripe',
  // Online booking for a shop's own customers: no account, the tenant from its slug, one booking from its secret link.
  'GET /book/{slug}/services', 'GET /book/{slug}/availability', 'POST /book/{slug}/bookings',
  'GET /book/manage/{token}', 'POST /book/manage/{token}/reschedule', 'POST /book/manage/{token}/cancel'];
const NOT_COMMANDS = ['POST /auth/login', 'POST /webhooks/stripe', 'POST /auth/verify-email'];

let document: OpenAPIObject;
let ops: Op[];
const name = ({ method, path }: Op) => `${method.toUpperCase()} ${path}`;
const op = (key: string) => ops.find((o) => name(o) === key)!;
const schema = (ref: string) => document.components!.schemas![ref.replace('#/components/schemas/', '')] as SchemaObject;
const params = (o: Op) => (o.op.parameters ?? []).map((p) => ('$ref' in p ? (document.components!.parameters![(p as ReferenceObject).$ref.split('/').pop()!] as ParameterObject) : p));
const problem = (o: Op, status: number) => (o.op.responses[status] as ResponseObject | undefined)?.content?.['application/problem+json']?.schema;

beforeAll(async () => {
  document = await openApiDocumentOffline();
  ops = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([m]) => ['get', ...COMMANDS].includes(m)).map(([method, o]) => ({ method, path, op: o as OperationObject })));
});

describe('the OpenAPI document', () => {
  it('gives every operation a summary, tags and a unique operationId', () => {
    expect(ops.length).toBeGreaterThan(60);
    expect(ops.filter((o) => !o.op.summary || !o.op.tags?.length).map(name)).toEqual([]);
    expect(new Set(ops.map((o) => o.op.operationId)).size).toBe(ops.length);
  });

  it('requires the bearer token everywhere but on the public operations', () => {
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(ops.filter((o) => o.op.security?.length === 0).map(name).sort()).toEqual([...PUBLIC].sort());
  });

  it('documents how machine clients authenticate (the apiKey scheme) and the key operations, which accept no key themselves', () => {
    expect(document.components!.securitySchemes!.apiKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
    for (const key of ['POST /api-keys', 'GET /api-keys', 'POST /api-keys/{id}/revoke']) expect([key, op(key).op.security]).toEqual([key, [{ bearer: [] }]]);
    expect(problem(op('POST /api-keys/{id}/revoke'), 404)).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
  });

  it('documents 401 and 403 as problem details on every authenticated operation', () => {
    const missing = ops.filter((o) => !PUBLIC.includes(name(o))).filter((o) => !problem(o, 401) || !problem(o, 403));
    expect(missing.map(name)).toEqual([]);
    expect(problem(op('GET /quotes'), 401)).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    expect(schema('#/components/schemas/ProblemDetails').required).toEqual(['type', 'title', 'status', 'detail', 'code']);
  });

  it('documents 400 and 413 with a body, 404 with a path id, 409 and 422 on commands, 429 on login', () => {
    const lacking = (filter: (o: Op) => boolean, statuses: number[]) =>
      ops.filter(filter).filter((o) => statuses.some((s) => !problem(o, s))).map(name);
    expect(lacking((o) => o.op.requestBody !== undefined, [400, 413])).toEqual([]);
    expect(lacking((o) => o.path.includes('{'), [404])).toEqual([]);
    expect(['POST /vehicles', 'POST /quotes', 'POST /auth/invitations'].filter((n) => !problem(op(n), 404))).toEqual([]);
    expect(op('POST /customers').op.responses[404]).toBeUndefined();
    expect(lacking((o) => params(o).some((p) => p.in === 'query'), [400])).toEqual([]);
    expect(lacking((o) => COMMANDS.includes(o.method) && !NOT_COMMANDS.includes(name(o)), [400, 409, 422])).toEqual([]);
    expect([problem(op('POST /auth/login'), 401), problem(op('POST /auth/login'), 429), problem(op('POST /auth/invitations/accept'), 401)]).toEqual([expect.anything(), expect.anything(), expect.anything()]);
    expect(op('POST /auth/login').op.responses[409]).toBeUndefined();
    expect(op('GET /health').op.responses[400]).toBeUndefined();
  });

  it('documents e-mail verification: the refused token (422), the resend limit (429) and the 403 of an unverified shop past its grace', () => {
    expect(problem(op('POST /auth/verify-email'), 422)).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    for (const code of ['VERIFICATION_TOKEN_UNKNOWN', 'VERIFICATION_TOKEN_USED', 'VERIFICATION_TOKEN_SUPERSEDED', 'VERIFICATION_TOKEN_EXPIRED']) {
      expect(op('POST /auth/verify-email').op.description).toContain(code);
    }
    expect(problem(op('POST /auth/verification-email'), 429)).toEqual({ $ref: '#/components/schemas/ProblemDetails' });
    expect((op('POST /customers').op.responses[403] as { description: string }).description).toContain('EMAIL_VERIFICATION_REQUIRED');
    expect(op('GET /auth/me').op.responses[200]).toBeDefined();
  });

  it('takes an Idempotency-Key on commands only', () => {
    const withKey = ops.filter((o) => params(o).some((p) => p.name === 'Idempotency-Key')).map(name);
    expect(withKey.filter((n) => n.startsWith('GET '))).toEqual([]);
    expect(withKey).toEqual(ops.filter((o) => COMMANDS.includes(o.method) && !NOT_COMMANDS.includes(name(o))).map(name));
  });

  it('documents the Stripe webhook: public, signed, raw JSON, 202 with the receipt, 400 on a bad signature', () => {
    const hook = op('POST /webhooks/stripe');
    expect(params(hook)).toEqual([expect.objectContaining({ in: 'header', name: 'Stripe-Signature', required: true })]);
    expect(hook.op.requestBody).toMatchObject({ content: { 'application/json': { schema: { type: 'object' } } } });
    const receipt = (hook.op.responses[202] as ResponseObject).content!['application/json'].schema as ReferenceObject;
    expect(Object.keys(schema(receipt.$ref).properties!).sort()).toEqual(['duplicate', 'received']);
    expect(problem(hook, 400)).toBeDefined();
  });

  it('says that connecting a Stripe account answers 201 when created and 200 when it already was', () => {
    expect(Object.keys(op('POST /payments/stripe-account').op.responses)).toEqual(expect.arrayContaining(['200', '201']));
  });

  it('documents GET /health with its 503 and GET /metrics as text', () => {
    expect(Object.keys(op('GET /health').op.responses).sort()).toEqual(['200', '503']);
    expect(Object.keys((op('GET /metrics').op.responses[200] as ResponseObject).content!)).toEqual(['text/plain']);
  });
  it("carries the server's constraints in the platform schemas, so a body it accepts is not refused", () => {
    const props = (name: string) => schema(name).properties as Record<string, SchemaObject>;
    expect(props('SignupInput')).toMatchObject({
      companyName: { minLength: 2, maxLength: 120 }, country: { pattern: '^[A-Z]{2}$' }, currency: { pattern: '^[A-Z]{3}$' },
      plan: { enum: ['starter', 'growth', 'enterprise'] }, email: { format: 'email' }, password: { minLength: 10, maxLength: 200 },
    });
    expect(props('LoginInput')).toMatchObject({ email: { format: 'email' }, tenantId: { format: 'uuid' } });
    expect(props('InviteUserInput')).toMatchObject({ roles: { type: 'array', minItems: 1, items: { enum: expect.arrayContaining(['owner', 'technician']) } }, locationId: { format: 'uuid' } });
    expect(props('AcceptInvitationInput')).toMatchObject({ token: { minLength: 20, maxLength: 200 } });
    expect(props('AuthSession')).toMatchObject({ expiresIn: { type: 'integer', minimum: 1 }, userId: { format: 'uuid' }, tenantId: { format: 'uuid' } });
    expect(props('UserView')).toMatchObject({ id: { format: 'uuid' }, email: { format: 'email' }, roles: { items: { enum: expect.arrayContaining(['auditor']) } } });
    expect(props('AuditEventView')).toMatchObject({ eventId: { format: 'uuid' }, globalPosition: { type: 'integer' }, streamVersion: { type: 'integer' } });
    expect(props('AuditVerificationView')).toMatchObject({ streamsChecked: { type: 'integer' }, eventsChecked: { type: 'integer' } });
    expect(schema('StripeAccountView').required).toEqual(['connected', 'accountId', 'chargesEnabled', 'payoutsEnabled', 'detailsSubmitted', 'requirementsDue', 'disabledReason']);
    expect(schema('StripeOnboardingLinkView').required).toEqual(['url', 'expiresAt']);
    const first = params(op('GET /audit/events')).find((p) => p.name === 'first')!.schema as SchemaObject;
    expect(first).toMatchObject({ type: 'integer', minimum: 1, maximum: 1000 });
  });
});
