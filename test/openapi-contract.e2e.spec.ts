import { createHmac } from 'node:crypto';
import { E2E_STRIPE_WEBHOOK_SECRET, Platform, startPlatform } from './support/platform-harness';
import { ResponseContract } from './support/response-contract';
import { ShopClient } from './support/shop-client';

/**
 * The served OpenAPI document is a contract: the harness checks every response of every e2e flow
 * against it (test/support/response-contract.ts). This file drives the error paths on purpose, so
 * each documented problem response is exercised, and pins what the document must say.
 */
describe('the OpenAPI contract, against the running API', () => {
  let platform: Platform;
  let owner: ShopClient;
  let contract: ResponseContract;

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, stripe: true });
    owner = await ShopClient.signup(platform, 'Contract Motors');
    contract = new ResponseContract((await platform.http().get('/docs-json').expect(200)).body);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('flags an undocumented field, an undocumented status and an undocumented content type', () => {
    const session = { accessToken: 't', tokenType: 'Bearer', expiresIn: 60, userId: owner.userId, tenantId: owner.tenantId, roles: ['owner'] };
    expect(contract.check('POST', '/auth/login', 200, 'application/json', JSON.stringify(session))).toBeUndefined();
    expect(contract.check('POST', '/auth/login', 200, 'application/json', JSON.stringify({ ...session, secret: 'x' }))).toMatch(/additional properties 'secret'/);
    expect(contract.check('POST', '/auth/login', 200, 'application/json', JSON.stringify({ ...session, expiresIn: 1.5 }))).toMatch(/expiresIn must be integer/);
    expect(contract.check('GET', '/quotes', 500, 'application/problem+json', '{}')).toMatch(/status not documented/);
    expect(contract.check('GET', '/quotes', 401, 'text/html', '<h1>')).toMatch(/content type text\/html not documented/);
  });

  it('answers every documented problem as application/problem+json matching ProblemDetails', async () => {
    const invalid = await platform.http().post('/auth/signup').send({ companyName: 'X', country: 'India', currency: 'INR', plan: 'gold', ownerName: 'O', email: 'nope', password: 'short' }).expect(400);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
    await platform.http().get('/quotes').expect(401);
    const technician = await owner.invite(['technician']);
    await technician.post('/auth/invitations', { email: 'x@example.com', displayName: 'X', roles: ['owner'] }).expect(403);
    await owner.get('/quotes/6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f').expect(404);
    const { quoteId } = await owner.sentQuote();
    await owner.post(`/quotes/${quoteId}/send`, { channel: 'sms' }).expect(409);
    const key = { 'Idempotency-Key': 'contract-key-1' };
    await owner.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }, key).expect(201);
    await owner.post('/customers', { firstName: 'Ravi', lastName: 'Rao', phone: '+91 98450 12345' }, key).expect(422);
    await platform.http().post('/auth/login').send({ email: 'nobody@example.com', password: 'wrong password' }).expect(401);
    expect(platform.contractViolations).toEqual([]);
  });

  it('documents the Stripe webhook as the server answers it: 202 with the receipt, 400 on a bad signature', async () => {
    const event = JSON.stringify({ id: 'evt_contract_1', object: 'event', type: 'account.updated', created: Math.floor(Date.now() / 1000), data: { object: {} } });
    const t = Math.floor(Date.now() / 1000);
    const signature = `t=${t},v1=${createHmac('sha256', E2E_STRIPE_WEBHOOK_SECRET).update(`${t}.${event}`).digest('hex')}`;
    const post = (sig: string) => platform.http().post('/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', sig).send(event);
    expect((await post(signature).expect(202)).body).toEqual({ received: true, duplicate: false });
    expect((await post(signature).expect(202)).body).toEqual({ received: true, duplicate: true });
    await post('t=1,v1=deadbeef').expect(400);
    expect(platform.contractViolations).toEqual([]);
  });

  it('documents connecting a Stripe account as it answers: 201 when created, 200 when it already was; and its onboarding link', async () => {
    await owner.post('/payments/stripe-account/onboarding-link', {}).expect(409);
    await owner.post('/payments/stripe-account', {}).expect(201);
    await owner.post('/payments/stripe-account', {}).expect(200);
    await owner.post('/payments/stripe-account/onboarding-link', {}).expect(201);
    await owner.get('/payments/stripe-account').expect(200);
    expect(platform.contractViolations).toEqual([]);
  });

  it("never shows the tenant id in the audit stream: it is the caller's own, from the token", async () => {
    const auditor = await owner.invite(['auditor']);
    const page = await auditor.get('/audit/events?first=5').expect(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    for (const item of page.body.items) expect(item).not.toHaveProperty('tenantId');
    const spec = (await platform.http().get('/docs-json').expect(200)).body;
    const names = (spec.paths['/audit/events'].get.parameters as { name: string }[]).map((p) => p.name);
    expect(names).not.toContain('tenantId');
    expect(platform.contractViolations).toEqual([]);
  });

  it('types the platform GraphQL schema: ID for ids, a Role enum, a description on every field', async () => {
    const typeQuery = `query($name: String!) { __type(name: $name) { description fields { name description type { kind name ofType { kind name ofType { kind name ofType { name } } } } } } }`;
    const typeOf = async (name: string) => (await owner.graphql(typeQuery, { name }).expect(200)).body.data.__type;
    const named = (t: { name: string | null; ofType?: unknown }): string => t.name ?? named(t.ofType as { name: string | null; ofType?: unknown });
    for (const name of ['AuthSession', 'Invitation', 'UserView', 'UserPage', 'AuditEvent', 'AuditEventMetadata', 'AuditRecord', 'AuditVerification', 'StreamBreak', 'StripeAccount', 'Notification', 'NotificationAttempt', 'NotificationPage', 'RegisteredWebhookEndpoint']) {
      const type = await typeOf(name);
      expect({ name, description: Boolean(type.description) }).toEqual({ name, description: true });
      expect({ name, undescribed: type.fields.filter((f: { description: string | null }) => !f.description).map((f: { name: string }) => f.name) }).toEqual({ name, undescribed: [] });
    }
    const user = await typeOf('UserView');
    const field = (f: string) => named(user.fields.find((x: { name: string }) => x.name === f).type);
    expect([field('id'), field('locationId'), field('roles')]).toEqual(['ID', 'ID', 'Role']);
    const roles = (await owner.graphql(`{ __type(name: "Role") { enumValues { name } } }`).expect(200)).body.data.__type.enumValues.map((v: { name: string }) => v.name);
    expect(roles).toEqual(expect.arrayContaining(['owner', 'technician', 'auditor']));
  });
});
