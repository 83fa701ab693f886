import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore, streamIdFor } from '@workbay/eventstore';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { locationNameKey, locationNameStreamCategory } from './location-name.decider';
import { nameStreamKey } from './location-names';
import { fieldsOf } from '../../../../test/support/problems';

const BENGALURU = { line1: '100 Feet Road', line2: 'Indiranagar', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const BERLIN = { line1: 'Torstrasse 1', city: 'Berlin', region: 'Berlin', postalCode: '10119', country: 'DE' };
const GST_KARNATAKA = { kind: 'IN_GST', stateCode: '29' };

describe('shop locations, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;
  let n = 0;
  /** A name no other test uses (names are unique per tenant). */
  const unique = (base: string) => `${base} ${++n}`;
  const openIndian = (name = unique('Indiranagar'), extra: Record<string, unknown> = {}) =>
    shop.post('/locations', { name, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: GST_KARNATAKA, ...extra });

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
  });
  afterAll(() => platform.close());

  it('opens an Indian location registered for GST, updates it, changes its tax, closes it, and reads each step back', async () => {
    const name = unique('Indiranagar');
    const opened = await openIndian(name).expect(201);
    expect(opened.body).toMatchObject({ streamVersion: 1 });
    const id = opened.body.id;

    const read = await shop.get(`/locations/${id}`, opened.body.position).expect(200);
    expect(read.headers['x-read-model-caught-up']).toBe('true');
    expect(read.body).toEqual({
      id, name, status: 'open', address: BENGALURU, timezone: 'Asia/Kolkata',
      taxJurisdiction: { kind: 'IN_GST', stateCode: '29', country: null, rateBps: null, reducedRateBps: null }, taxId: null,
      openedAt: expect.any(String), closedAt: null, closeReason: null, version: 1,
    });

    const updated = await shop.patch(`/locations/${id}`, { name: `${name} East`, address: { ...BENGALURU, line1: '12th Main Road' } }).expect(200);
    const afterUpdate = await shop.get(`/locations/${id}`, updated.body.position).expect(200);
    expect(afterUpdate.body).toMatchObject({ name: `${name} East`, address: { line1: '12th Main Road', city: 'Bengaluru' }, version: 2 });

    const taxed = await shop.post(`/locations/${id}/change-tax`, { taxJurisdiction: { kind: 'IN_GST', stateCode: '29', rateBps: 1200 } }).expect(200);
    const afterTax = await shop.get(`/locations/${id}`, taxed.body.position).expect(200);
    expect(afterTax.body.taxJurisdiction).toEqual({ kind: 'IN_GST', stateCode: '29', country: null, rateBps: 1200, reducedRateBps: null });
    const beforeClose = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));

    const closed = await shop.post(`/locations/${id}/close`, { reason: 'lease ended' }).expect(200);
    const afterClose = await shop.get(`/locations/${id}`, closed.body.position).expect(200);
    expect(afterClose.body).toMatchObject({ status: 'closed', closeReason: 'lease ended', closedAt: expect.any(String), version: 4 });

    const then = await shop.get(`/locations/${id}?asOf=${encodeURIComponent(beforeClose)}`).expect(200);
    expect(then.body).toMatchObject({ status: 'open', closedAt: null, taxJurisdiction: { rateBps: 1200 }, version: 3 });

    const closedList = await shop.get('/locations?status=closed', closed.body.position).expect(200);
    expect(closedList.body.items.map((l: { id: string }) => l.id)).toContain(id);
    const openList = await shop.get('/locations?status=open').expect(200);
    expect(openList.body.items.map((l: { id: string }) => l.id)).not.toContain(id);
  });

  it('rejects updating a closed location with 409 naming its state', async () => {
    const { body } = await openIndian().expect(201);
    await shop.post(`/locations/${body.id}/close`, { reason: 'merged into the main shop' }).expect(200);
    const res = await shop.patch(`/locations/${body.id}`, { timezone: 'Asia/Kolkata' }).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'LOCATION_CLOSED', detail: expect.stringMatching(/location is closed/) });
    await shop.post(`/locations/${body.id}/close`, { reason: 'again' }).expect(409);
  });

  it('names the bad field: time zone and tax shape 400, tax rules 422', async () => {
    const badZone = await openIndian(unique('Zone'), { timezone: 'Asia/Bangalore' }).expect(400);
    expect(fieldsOf(badZone.body)).toEqual(['timezone']);

    const noState = await openIndian(unique('No state'), { taxJurisdiction: { kind: 'IN_GST' } }).expect(400);
    expect(fieldsOf(noState.body)).toEqual(['taxJurisdiction.stateCode']);

    const noTax = await openIndian(unique('No tax'), { taxJurisdiction: undefined }).expect(422);
    expect(noTax.body).toMatchObject({ code: 'LOCATION_GST_STATE_REQUIRED' });
    expect(fieldsOf(noTax.body)).toEqual(['taxJurisdiction.stateCode']);

    const mismatch = await shop.post('/locations', {
      name: unique('Berlin'), address: BERLIN, timezone: 'Europe/Berlin', taxJurisdiction: { kind: 'EU_VAT', country: 'FR' },
    }).expect(422);
    expect(mismatch.body).toMatchObject({ code: 'LOCATION_TAX_COUNTRY_MISMATCH' });
    expect(fieldsOf(mismatch.body)).toEqual(['taxJurisdiction.country']);

    const unknownState = await openIndian(unique('State 99'), { taxJurisdiction: { kind: 'IN_GST', stateCode: '99' } }).expect(422);
    expect(fieldsOf(unknownState.body)).toEqual(['taxJurisdiction.stateCode']);

    const foreignField = await openIndian(unique('Foreign'), { taxJurisdiction: { ...GST_KARNATAKA, country: 'IN' } }).expect(400);
    expect(fieldsOf(foreignField.body)).toEqual(['taxJurisdiction.country']);

    const country = await openIndian(unique('Country'), { address: { ...BENGALURU, country: 'XX' } }).expect(400); // the country rule (@workbay/platform/fields) at the edge too
    expect(fieldsOf(country.body)).toEqual(['address.country']);
  });

  it('derives EU VAT for a German location that gives no tax jurisdiction', async () => {
    const opened = await shop.post('/locations', { name: unique('Berlin Mitte'), address: BERLIN, timezone: 'Europe/Berlin' }).expect(201);
    const read = await shop.get(`/locations/${opened.body.id}`, opened.body.position).expect(200);
    expect(read.body.taxJurisdiction).toEqual({ kind: 'EU_VAT', country: 'DE', stateCode: null, rateBps: null, reducedRateBps: null });
    expect(read.body.address.line2).toBeNull();
  });

  it("answers 404 for another tenant's location id, for reads and commands alike", async () => {
    const { body } = await openIndian().expect(201);
    const other = await ShopClient.signup(platform, 'Other Garage');
    await other.get(`/locations/${body.id}`, body.position).expect(404);
    await other.patch(`/locations/${body.id}`, { name: 'Mine now' }).expect(404);
    await other.post(`/locations/${body.id}/close`, { reason: 'x' }).expect(404);
    const gql = await other.graphql(`query($id: ID!) { location(id: $id) { id } }`, { id: body.id });
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await shop.get(`/locations/${body.id}`).expect(200);
  });

  it('lets a manager open a location and refuses a technician with 403, who may still read them', async () => {
    const manager = await shop.invite(['manager']);
    const opened = await manager.post('/locations', { name: unique('Whitefield'), address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: GST_KARNATAKA }).expect(201);
    const technician = await shop.invite(['technician']);
    const refused = await technician.post('/locations', { name: unique('Tech'), address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: GST_KARNATAKA });
    expect(refused.status).toBe(403);
    await technician.post(`/locations/${opened.body.id}/close`, { reason: 'no' }).expect(403);
    await technician.get(`/locations/${opened.body.id}`, opened.body.position).expect(200);
  });

  describe('one name per tenant', () => {
    it('refuses a second location with the same name, whatever its case and spacing, with 409 on the name field', async () => {
      const name = unique('Koramangala');
      await openIndian(name).expect(201);
      const twin = await openIndian(`  ${name.toUpperCase()} `).expect(409);
      expect(twin.body).toMatchObject({ code: 'LOCATION_NAME_TAKEN' });
      expect(fieldsOf(twin.body)).toEqual(['name']);
    });

    it('refuses renaming onto a name in use, and frees a name when its location is renamed or closed', async () => {
      const a = unique('Jayanagar');
      const b = unique('HSR Layout');
      const first = await openIndian(a).expect(201);
      const second = await openIndian(b).expect(201);
      await shop.patch(`/locations/${second.body.id}`, { name: a }).expect(409);

      await shop.patch(`/locations/${first.body.id}`, { name: unique('Jayanagar 4th Block') }).expect(200);
      await shop.patch(`/locations/${second.body.id}`, { name: a }).expect(200); // a was freed by the rename
      await shop.post(`/locations/${second.body.id}/close`, { reason: 'moved' }).expect(200);
      await openIndian(a).expect(201); // and by the close
    });

    it('lets exactly one of 20 concurrent openings of one name through; the rest get 409', async () => {
      const name = unique('Electronic City');
      const responses = await Promise.all(Array.from({ length: 20 }, () => openIndian(name)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const position = Math.max(...responses.filter((r) => r.status === 201).map((r) => r.body.position));
      const list = await shop.get('/locations?first=100', position).expect(200);
      expect(list.body.items.filter((l: { name: string }) => l.name === name)).toHaveLength(1);
    });

    /** A claim on `name` for a location that never opened, as a command that died after claiming would leave it. */
    const strandClaim = async (name: string, claimedAt: string) => {
      const store = platform.app.get<EventStore>(EVENT_STORE);
      const streamId = streamIdFor(shop.tenantId, locationNameStreamCategory, nameStreamKey(locationNameKey(name)));
      const locationId = randomUUID();
      await store.append(shop.tenantId, streamId, [{ type: 'LocationNameReserved', data: { name, locationId, locationVersion: 0, claimedAt } }], {
        expectedVersion: 0, metadata: { actor: 'test' },
      });
      return { store, locationId };
    };

    it('asks to retry while a claim on the name is in progress, and takes over a stalled one after fencing its location', async () => {
      const pending = unique('Basavanagudi');
      await strandClaim(pending, new Date().toISOString());
      const busy = await openIndian(pending).expect(409);
      expect(busy.body.detail).toMatch(/retry/);

      const stalled = unique('Sadashivanagar');
      const { store, locationId } = await strandClaim(stalled, new Date(Date.now() - 60 * 60 * 1000).toISOString());
      await openIndian(stalled).expect(201);
      const fenced = await store.readStream(shop.tenantId, streamIdFor(shop.tenantId, 'location', locationId));
      expect(fenced.map((e) => e.type)).toEqual(['LocationNameClaimLapsed']);
      await shop.get(`/locations/${locationId}`).expect(404);
    });

    it('keeps names per tenant: another tenant may use the same name', async () => {
      const name = unique('Malleswaram');
      await openIndian(name).expect(201);
      const other = await ShopClient.signup(platform, 'Third Garage');
      await other.post('/locations', { name, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: GST_KARNATAKA }).expect(201);
    });
  });

  it('runs the same slice over GraphQL', async () => {
    const name = unique('Indiranagar GraphQL');
    const opened = await shop.graphql(
      `mutation($input: OpenLocationInput!) { openLocation(input: $input) { id position } }`,
      { input: { name, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: GST_KARNATAKA } },
    ).expect(200);
    expect(opened.body.errors).toBeUndefined();
    const id = opened.body.data.openLocation.id;

    const updated = await shop.graphql(
      `mutation($id: ID!, $input: UpdateLocationInput!) { updateLocation(id: $id, input: $input) { position } }`,
      { id, input: { timezone: 'Asia/Calcutta' } },
    ).expect(200);
    expect(updated.body.errors).toBeUndefined();
    const taxed = await shop.graphql(
      `mutation($id: ID!, $input: ChangeLocationTaxInput!) { changeLocationTax(id: $id, input: $input) { position } }`,
      { id, input: { taxJurisdiction: { kind: 'NONE' } } },
    ).expect(200);
    const position = taxed.body.data.changeLocationTax.position;

    const read = await shop.graphql(
      `query($id: ID!) { location(id: $id) { name status timezone address { city country } taxJurisdiction { kind stateCode } version } }`,
      { id }, { 'X-Min-Position': String(position) },
    ).expect(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.location).toEqual({
      name, status: 'open', timezone: 'Asia/Calcutta', address: { city: 'Bengaluru', country: 'IN' },
      taxJurisdiction: { kind: 'NONE', stateCode: null }, version: 3,
    });

    const bad = await shop.graphql(
      `mutation($id: ID!, $input: ChangeLocationTaxInput!) { changeLocationTax(id: $id, input: $input) { position } }`,
      { id, input: { taxJurisdiction: { kind: 'EU_VAT', country: 'DE' } } },
    ).expect(200);
    expect(bad.body.errors[0].extensions).toMatchObject({ status: 422, errors: [{ field: 'taxJurisdiction.country' }] });

    const closed = await shop.graphql(
      `mutation($id: ID!) { closeLocation(id: $id, input: { reason: "sold" }) { position } }`, { id },
    ).expect(200);
    const again = await shop.graphql(`mutation($id: ID!) { updateLocation(id: $id, input: { name: "x" }) { position } }`, { id }).expect(200);
    expect(again.body.errors[0].extensions).toMatchObject({ code: 'LOCATION_CLOSED', status: 409 });

    const list = await shop.graphql(
      `query { locations(first: 50, status: closed) { items { id status closeReason } nextCursor } }`, {},
      { 'X-Min-Position': String(closed.body.data.closeLocation.position) },
    ).expect(200);
    expect(list.body.data.locations.items).toContainEqual({ id, status: 'closed', closeReason: 'sold' });
  });

  it('pages through locations with a cursor', async () => {
    let position = 0;
    for (let i = 0; i < 3; i++) position = (await openIndian(unique('Page')).expect(201)).body.position;
    const first = await shop.get('/locations?first=2', position).expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await shop.get(`/locations?first=2&after=${first.body.nextCursor}`).expect(200);
    const ids = [...first.body.items, ...second.body.items].map((l: { id: string }) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps a user's home location to the shop's own open locations", async () => {
    const open = (await openIndian().expect(201)).body.id;
    const closed = (await openIndian().expect(201)).body.id;
    await shop.post(`/locations/${closed}/close`, { reason: 'moved' }).expect(200);
    const other = await ShopClient.signup(platform, 'Other Garage');
    const theirs = (await other.post('/locations', { name: 'Theirs', address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: GST_KARNATAKA }).expect(201)).body.id;
    const invite = (locationId: string) =>
      shop.post('/auth/invitations', { email: `tech.${++n}@example.com`, displayName: 'Tech', roles: ['technician'], locationId });

    expect(fieldsOf((await invite(randomUUID()).expect(400)).body)).toEqual(['locationId']);
    expect((await invite(closed).expect(400)).body.detail).toMatch(/closed/);
    expect((await invite(theirs).expect(400)).body.detail).toMatch(/no such shop location/);
    const invited = await invite(open).expect(201);
    const moved = await shop.patch(`/users/${invited.body.userId}`, { locationId: theirs }).expect(400);
    expect(fieldsOf(moved.body)).toEqual(['locationId']);
    await shop.patch(`/users/${invited.body.userId}`, { locationId: null }).expect(200);
  });
});
