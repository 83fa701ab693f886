import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';

const address = { line1: '1 MG Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560001', country: 'IN' };

describe('households and customer preferences, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;
  let n = 0;
  const openLocation = () => shop.post('/locations', {
    name: `Branch ${++n}`, address, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
  }).expect(201).then((r) => r.body.id as string);

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
  });
  afterAll(() => platform.close());

  it('groups two customers and their vehicles into a household, moves one out, and reads each step back', async () => {
    const asha = await shop.customerWithVehicle();
    const ravi = await shop.customerWithVehicle();
    const household = await shop.post('/households', { name: 'Rao family' }).expect(201);
    const id = household.body.id;
    await shop.post(`/households/${id}/members/${asha.customerId}`, {}).expect(200);
    const added = await shop.post(`/households/${id}/members/${ravi.customerId}`, {}).expect(200);

    const read = await shop.get(`/households/${id}`, added.body.position).expect(200);
    expect(read.body).toMatchObject({ id, name: 'Rao family' });
    expect(read.body.members.map((m: { id: string }) => m.id)).toEqual([asha.customerId, ravi.customerId]);
    expect(read.body.members.flatMap((m: { vehicles: { id: string }[] }) => m.vehicles.map((v) => v.id))).toEqual([asha.vehicleId, ravi.vehicleId]);
    const customer = await shop.get(`/customers/${asha.customerId}`).expect(200);
    expect(customer.body.householdId).toBe(id);

    const other = await shop.post('/households', { name: 'Ravi & co' }).expect(201);
    const moved = await shop.post(`/households/${other.body.id}/members/${ravi.customerId}`, {}).expect(200);
    const wrong = await shop.delete(`/households/${id}/members/${ravi.customerId}`).expect(409);
    expect(wrong.body.detail).toMatch(`in household ${other.body.id}`);
    const renamed = await shop.patch(`/households/${id}`, { name: 'Asha Rao' }).expect(200);
    const after = await shop.get(`/households/${id}`, Math.max(moved.body.position, renamed.body.position)).expect(200);
    expect(after.body).toMatchObject({ name: 'Asha Rao', members: [{ id: asha.customerId }] });
    const list = await shop.get('/households?first=10').expect(200);
    expect(list.body.items.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([id, other.body.id]));
  });

  it('updates a customer\'s contact and preferred locations, refusing closed or unknown locations by field', async () => {
    const { customerId } = await shop.customerWithVehicle();
    const [first, second, closed] = [await openLocation(), await openLocation(), await openLocation()];
    await shop.post(`/locations/${closed}/close`, { reason: 'moved' }).expect(200);

    const preferred = await shop.put(`/customers/${customerId}/preferred-locations`, { locationIds: [second, first] }).expect(200);
    const contact = await shop.patch(`/customers/${customerId}`, { email: 'asha@example.in', phone: null }).expect(200);
    const read = await shop.get(`/customers/${customerId}`, Math.max(preferred.body.position, contact.body.position)).expect(200);
    expect(read.body).toMatchObject({ preferredLocationIds: [second, first], email: 'asha@example.in', phone: null });

    const refused = await shop.put(`/customers/${customerId}/preferred-locations`, { locationIds: [first, closed] }).expect(422);
    expect(fieldsOf(refused.body)).toEqual(['locationIds[1]']);
    const unknown = await shop.put(`/customers/${customerId}/preferred-locations`, { locationIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
    expect(fieldsOf(unknown.body)).toEqual(['locationIds[0]']);
    const noContact = await shop.patch(`/customers/${customerId}`, { email: null }).expect(422);
    expect(fieldsOf(noContact.body)).toEqual(['email']);
    const badUuid = await shop.put(`/customers/${customerId}/preferred-locations`, { locationIds: ['x'] }).expect(400);
    expect(fieldsOf(badUuid.body)).toContain('locationIds');
  });

  it('runs households over GraphQL, keeps technicians from changing them, and hides them from another tenant', async () => {
    const { customerId } = await shop.customerWithVehicle();
    const formed = await shop.graphql(`mutation { formHousehold(input: { name: "Fleet 7" }) { id } }`).expect(200);
    expect(formed.body.errors).toBeUndefined();
    const id = formed.body.data.formHousehold.id;
    const added = await shop.graphql(
      `mutation($id: ID!, $c: ID!) { addHouseholdMember(id: $id, customerId: $c) { position } }`, { id, c: customerId },
    ).expect(200);
    expect(added.body.errors).toBeUndefined();
    const read = await shop.graphql(`query($id: ID!) { household(id: $id) { name members { id vehicles { vin } } } }`, { id },
      { 'X-Min-Position': String(added.body.data.addHouseholdMember.position) }).expect(200);
    expect(read.body.data.household).toEqual({ name: 'Fleet 7', members: [{ id: customerId, vehicles: [{ vin: '1HGCM82633A004352' }] }] });

    const technician = await shop.invite(['technician']);
    await technician.post('/households', { name: 'Nope' }).expect(403);
    const stranger = await ShopClient.signup(platform, 'Other Garage');
    await stranger.get(`/households/${id}`).expect(404);
    await stranger.post(`/households/${id}/members/${customerId}`, {}).expect(404);
  });
});
