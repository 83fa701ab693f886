import { randomUUID } from 'node:crypto';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient, THREE_LINES } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';

/** Every id a quote command carries names a record of this shop, and the right one: else 422 naming the field. */
describe('quote commands: the ids in the body are checked', () => {
  let platform: Platform;
  let shop: ShopClient;
  let other: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
    other = await ShopClient.signup(platform, 'Other Garage');
  });
  afterAll(() => platform.close());

  const register = async (client: ShopClient, firstName: string) =>
    (await client.post('/customers', { firstName, lastName: 'Rao', phone: '+91 98450 12345' }).expect(201)).body.id as string;
  const approve = (quoteId: string, approvedByCustomerId: string) =>
    shop.post(`/quotes/${quoteId}/approve`, { approvedByName: 'Someone', channel: 'phone', approvedByCustomerId });

  it("takes an approval by the quote's customer or a member of their household, and refuses any other approver naming approvedByCustomerId", async () => {
    const stranger = await register(shop, 'Stranger');
    const theirs = await register(other, 'Theirs');
    for (const approver of [randomUUID(), theirs, stranger]) {
      const { quoteId } = await shop.sentQuote();
      const refused = await approve(quoteId, approver).expect(422);
      expect(fieldsOf(refused.body)).toEqual(['approvedByCustomerId']);
    }

    const own = await shop.sentQuote();
    await approve(own.quoteId, own.customerId).expect(200);

    const family = await shop.sentQuote();
    const spouse = await register(shop, 'Meera');
    const household = (await shop.post('/households', { name: 'Rao family' }).expect(201)).body.id as string;
    await shop.post(`/households/${household}/members/${spouse}`, {}).expect(200);
    const notYet = await approve(family.quoteId, spouse).expect(422); // the spouse is in a household, the quote's customer is not
    expect(fieldsOf(notYet.body)).toEqual(['approvedByCustomerId']);
    await shop.post(`/households/${household}/members/${family.customerId}`, {}).expect(200);
    const approved = await approve(family.quoteId, spouse).expect(200);
    const quote = await shop.get(`/quotes/${family.quoteId}`, approved.body.position).expect(200);
    expect(quote.body).toMatchObject({ status: 'approved', approvedBy: 'Someone' });
  });

  it("refuses a quote naming another shop's customer, vehicle or location, or another customer's vehicle (422 naming the field)", async () => {
    const mine = await shop.customerWithVehicle();
    const theirs = await other.customerWithVehicle();
    const theirLocation = (await other.post('/locations', {
      name: 'Elsewhere', address: { line1: '1 MG Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560001', country: 'IN' },
      timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201)).body.id as string;
    const cases: [Record<string, unknown>, string][] = [
      [{ customerId: theirs.customerId, vehicleId: mine.vehicleId }, 'customerId'],
      [{ customerId: mine.customerId, vehicleId: theirs.vehicleId }, 'vehicleId'],
      [{ customerId: mine.customerId, vehicleId: mine.vehicleId, locationId: theirLocation }, 'locationId'],
      [{ customerId: mine.customerId, vehicleId: (await shop.customerWithVehicle()).vehicleId }, 'vehicleId'],
    ];
    for (const [ids, field] of cases) {
      const refused = await shop.post('/quotes', { ...ids, lines: THREE_LINES }).expect(422);
      expect(fieldsOf(refused.body)).toEqual([field]);
    }
  });
});
