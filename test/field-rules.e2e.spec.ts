import { Platform, startPlatform } from './support/platform-harness';
import { fieldsOf } from './support/problems';
import { ShopClient } from './support/shop-client';

/**
 * Issue #9 item 10, one rule per field: each case here was accepted by the DTO and then refused by
 * a decider (a 422, or stored when it should not have been), or refused by one and not the other.
 * With the rules of @workbay/platform/fields at both ends, a value the decider refuses is a 400
 * naming the field, on REST and GraphQL alike, and what the edge takes the decider takes.
 */
let platform: Platform;
let shop: ShopClient;
const LINE = { kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true };
const ADDRESS = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };

beforeAll(async () => {
  platform = await startPlatform({ worker: false });
  shop = await ShopClient.signup(platform);
});
afterAll(() => platform?.close());

const expect400 = (res: { status: number; body: { errors?: { field: string }[] } }, field: string) =>
  expect({ status: res.status, fields: fieldsOf(res.body) }).toEqual({ status: 400, fields: [field] });

describe('quantities', () => {
  it('refuses a quantity of 1e-7 (no decimal point for the DTO to count) with 400 naming it, not a 422 from the decider', async () => {
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    expect400(await shop.post('/quotes', { customerId, vehicleId, lines: [{ ...LINE, quantity: 1e-7 }] }), 'lines[0].quantity');
  });

  it('refuses a line whose quantity x price the decider cannot total with 400 naming the price', async () => {
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const res = await shop.post('/quotes', { customerId, vehicleId, lines: [{ ...LINE, quantity: 100000, unitPriceMinor: 100_000_000_000 }] });
    expect400(res, 'lines[0].unitPriceMinor');
    expect(res.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/too large/) });
  });

  it('gives the same 400 on GraphQL', async () => {
    const { customerId, vehicleId } = await shop.customerWithVehicle();
    const res = await shop.graphql('mutation C($input: CreateQuoteInput!) { createQuote(input: $input) { id } }', {
      input: { customerId, vehicleId, lines: [{ ...LINE, quantity: 1e-7 }] },
    });
    expect(res.body.errors[0].extensions).toMatchObject({ status: 400, errors: [{ field: 'lines[0].quantity' }] });
  });
});

describe('texts', () => {
  it('refuses a blank first name with 400 naming it, not a 422 from the decider', async () => {
    expect400(await shop.post('/customers', { firstName: '   ', lastName: 'Rao', phone: '+91 98450 12345' }), 'firstName');
  });

  it('refuses a blank approver name with 400 naming it', async () => {
    const { quoteId } = await shop.sentQuote();
    expect400(await shop.post(`/quotes/${quoteId}/approve`, { approvedByName: '  ', channel: 'phone' }), 'approvedByName');
  });

  it('counts a canned job name in characters as the DTO does: 120 emoji are a name, not a 422', async () => {
    const name = '🔧'.repeat(120);
    const defined = await shop.post('/canned-jobs', { name, description: 'Brakes', labor: [{ description: 'Pads', hours: 1, laborRateMinor: 100, taxable: true }] });
    expect(defined.status).toBe(201);
    expect400(await shop.post('/canned-jobs', { name: '🔧'.repeat(121), description: 'Brakes', labor: [] }), 'name');
  });

  it('takes a name with spaces around it that fits once trimmed, as the decider reads it', async () => {
    const res = await shop.post('/customers', { firstName: ` ${'A'.repeat(100)} `, lastName: 'Rao', phone: '+91 98450 12345' });
    expect(res.status).toBe(201);
  });

  it('refuses a control character in a one-line text with 400 naming it', async () => {
    expect400(await shop.post('/households', { name: 'Rao\u0007family' }), 'name');
  });
});

describe('countries', () => {
  it("refuses a signup in the made-up country 'ZZ' with 400 naming country", async () => {
    const res = await platform.http().post('/auth/signup').send({
      companyName: 'Nowhere Motors', country: 'ZZ', currency: 'INR', plan: 'growth', ownerName: 'Owner',
      email: `zz.${Math.random().toString(36).slice(2, 8)}@example.com`, password: 'correct horse battery',
    });
    expect400(res, 'country');
    expect(res.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/ISO 3166-1/) });
  });

  it("refuses a location in 'ZZ' with 400 naming address.country, not a 422 from the decider", async () => {
    expect400(await shop.post('/locations', { name: 'Nowhere', address: { ...ADDRESS, country: 'ZZ' }, timezone: 'Asia/Kolkata' }), 'address.country');
  });
});
