import request from 'supertest';
import { Platform } from './platform-harness';

/** Small client over the real HTTP edge, so tests read like a shop's day. */
export class ShopClient {
  constructor(private readonly platform: Platform, readonly token: string, readonly tenantId: string, readonly userId = '') {}

  static async signup(platform: Platform, name = 'Ravi Motors', country = 'IN', currency = 'INR'): Promise<ShopClient> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.com`;
    const res = await platform.http().post('/auth/signup').send({
      companyName: name, country, currency, plan: 'growth', ownerName: 'Owner', email, password: 'correct horse battery',
    });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new ShopClient(platform, res.body.accessToken, res.body.tenantId, res.body.userId);
  }

  /** A colleague with these roles (at a home location, if given), signed in. */
  async invite(roles: string[], options: { locationId?: string; name?: string } = {}): Promise<ShopClient> {
    const email = `${roles.join('-')}.${Math.random().toString(36).slice(2, 8)}@example.com`;
    const invited = await this.post('/auth/invitations', {
      email, displayName: options.name ?? roles.join(' '), roles, ...(options.locationId ? { locationId: options.locationId } : {}),
    }).expect(201);
    const session = await this.platform.http().post('/auth/invitations/accept')
      .send({ token: invited.body.invitationToken, password: 'another long password' }).expect(200);
    return new ShopClient(this.platform, session.body.accessToken, this.tenantId, session.body.userId);
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.platform.http().post(path).set('Authorization', `Bearer ${this.token}`).set(headers).send(body as object);
  }

  patch(path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.platform.http().patch(path).set('Authorization', `Bearer ${this.token}`).set(headers).send(body as object);
  }

  put(path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.platform.http().put(path).set('Authorization', `Bearer ${this.token}`).set(headers).send(body as object);
  }

  delete(path: string, headers: Record<string, string> = {}) {
    return this.platform.http().delete(path).set('Authorization', `Bearer ${this.token}`).set(headers);
  }

  /** A raw body (e.g. malformed JSON), as a buggy client would send it. */
  rawPost(path: string, raw: string) {
    return this.platform.http().post(path).set('Authorization', `Bearer ${this.token}`).set('Content-Type', 'application/json').send(raw);
  }

  get(path: string, minPosition?: number) {
    const req = this.platform.http().get(path).set('Authorization', `Bearer ${this.token}`);
    return minPosition === undefined ? req : req.set('X-Min-Position', String(minPosition));
  }

  graphql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): request.Test {
    return this.platform.http().post('/graphql').set('Authorization', `Bearer ${this.token}`).set(headers).send({ query, variables });
  }

  async customerWithVehicle(): Promise<{ customerId: string; vehicleId: string; position: number }> {
    const customer = await this.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' }).expect(201);
    const vehicle = await this.post('/vehicles', {
      customerId: customer.body.id, vin: '1HGCM82633A004352', year: 2019, make: 'Honda', model: 'City', mileage: 42000,
    }).expect(201);
    return { customerId: customer.body.id, vehicleId: vehicle.body.id, position: vehicle.body.position };
  }

  async sentQuote(lines = THREE_LINES): Promise<{ quoteId: string; customerId: string; position: number }> {
    const { customerId, vehicleId } = await this.customerWithVehicle();
    const quote = await this.post('/quotes', { customerId, vehicleId, lines }).expect(201);
    const sent = await this.post(`/quotes/${quote.body.id}/send`, { channel: 'sms' }).expect(200);
    return { quoteId: quote.body.id, customerId, position: sent.body.position };
  }
}

export const THREE_LINES = [
  { kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120000, taxable: true },
  { kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 345050, taxable: true },
  { kind: 'part', description: 'Cabin air filter', quantity: 2, unitPriceMinor: 49999, taxable: false },
];
