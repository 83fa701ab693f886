import { randomUUID } from 'node:crypto';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';
import { eventually } from '../../../../test/support/waiting';

const BENGALURU = { line1: '100 Feet Road', line2: 'Indiranagar', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };
const WEEK = {
  weeklyHours: [{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '14:00', end: '18:00' }, { day: 2, start: '09:00', end: '18:00' }],
  breaks: [{ day: 2, start: '12:30', end: '13:00' }],
};

describe('scheduling catalog (resources, services, settings), end to end', () => {
  let platform: Platform;
  let shop: ShopClient;
  let other: ShopClient;
  let locationId: string;
  let otherLocationId: string;

  const openLocation = async (client: ShopClient, name: string) =>
    (await client.post('/locations', { name, address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' } }).expect(201)).body.id as string;
  const register = (client: ShopClient, body: Record<string, unknown>) => client.post('/scheduling/resources', { locationId, kind: 'bay', name: 'Bay 1', ...body });

  beforeAll(async () => {
    platform = await startPlatform();
    [shop, other] = await Promise.all([ShopClient.signup(platform, 'Ravi Motors'), ShopClient.signup(platform, 'Other Motors')]);
    [locationId, otherLocationId] = await Promise.all([openLocation(shop, 'Indiranagar'), openLocation(other, 'Elsewhere')]);
  });
  afterAll(() => platform.close());

  it("registers a resource in its location's zone, sets its week and exceptions, and reads it back over REST and GraphQL", async () => {
    const created = await register(shop, { name: 'Class room', kind: 'room', capacity: 12, bufferAfterMinutes: 10, rules: { minNoticeMinutes: 120 } }).expect(201);
    const id = created.body.id;
    const hours = await shop.put(`/scheduling/resources/${id}/working-hours`, WEEK).expect(200);
    const holiday = await shop.post(`/scheduling/resources/${id}/exceptions`, { date: '2026-12-25', kind: 'closed', reason: 'Christmas' }).expect(201);
    const extra = await shop.post(`/scheduling/resources/${id}/exceptions`, { date: '2026-12-24', kind: 'extra_hours', span: { start: '18:00', end: '20:00' } }).expect(201);
    expect(extra.body).toMatchObject({ id, exceptionId: expect.any(String), streamVersion: 4 });
    const removed = await shop.delete(`/scheduling/resources/${id}/exceptions/${holiday.body.exceptionId}`).expect(200);
    await shop.delete(`/scheduling/resources/${id}/exceptions/${holiday.body.exceptionId}`).expect(404);

    const read = await shop.get(`/scheduling/resources/${id}`, removed.body.position).expect(200);
    expect(read.body).toMatchObject({
      id, locationId, kind: 'room', name: 'Class room', timezone: 'Asia/Kolkata', status: 'active', capacity: 12, slotMinutes: 15,
      bufferBeforeMinutes: 0, bufferAfterMinutes: 10, rules: { minNoticeMinutes: 120, horizonDays: 365, dailyLimit: null },
      weeklyHours: WEEK.weeklyHours, breaks: WEEK.breaks,
      exceptions: [{ exceptionId: extra.body.exceptionId, date: '2026-12-24', kind: 'extra_hours', span: { start: '18:00', end: '20:00' }, reason: null }],
      version: 5,
    });
    expect(hours.body.streamVersion).toBe(2);

    const gql = await shop.graphql(
      `mutation($input: RegisterResourceInput!) { registerResource(input: $input) { id position } }`,
      { input: { locationId, kind: 'technician', name: 'Asha' } },
    ).expect(200);
    expect(gql.body.errors).toBeUndefined();
    const techId = gql.body.data.registerResource.id;
    const week = await shop.graphql(
      `mutation($id: ID!, $input: WorkingHoursInput!) { setWorkingHours(id: $id, input: $input) { position } }`, { id: techId, input: WEEK },
    ).expect(200);
    const listed = await shop.graphql(
      `query($loc: ID!) { resources(locationId: $loc, kind: technician) { items { id name kind weeklyHours { day start end } } nextCursor } }`,
      { loc: locationId }, { 'X-Min-Position': String(week.body.data.setWorkingHours.position) },
    ).expect(200);
    expect(listed.body.data.resources).toEqual({ items: [{ id: techId, name: 'Asha', kind: 'technician', weeklyHours: WEEK.weeklyHours }], nextCursor: null });

    const rooms = await shop.get(`/scheduling/resources?locationId=${locationId}&kind=room&first=1`).expect(200);
    expect(rooms.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    const retired = await shop.post(`/scheduling/resources/${id}/retire`, {}).expect(200);
    await shop.put(`/scheduling/resources/${id}/working-hours`, WEEK).expect(409);
    const active = await shop.get('/scheduling/resources?status=active', retired.body.position).expect(200);
    expect(active.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('names the bad field of bad hours: malformed 400, overlapping or a break outside the day 422, on REST and GraphQL', async () => {
    const { id } = (await register(shop, {}).expect(201)).body;
    const malformed = await shop.put(`/scheduling/resources/${id}/working-hours`, { weeklyHours: [{ day: 1, start: '9am', end: '17:00' }] }).expect(400);
    expect(fieldsOf(malformed.body)).toContain('weeklyHours[0].start');
    const overlap = await shop.put(`/scheduling/resources/${id}/working-hours`, {
      weeklyHours: [{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '12:00', end: '17:00' }],
    }).expect(422);
    expect(fieldsOf(overlap.body)).toEqual(['weeklyHours[1].start']);
    const backwards = await shop.put(`/scheduling/resources/${id}/working-hours`, { weeklyHours: [{ day: 3, start: '17:00', end: '09:00' }] }).expect(422);
    expect(fieldsOf(backwards.body)).toEqual(['weeklyHours[0].end']);
    const gql = await shop.graphql(
      `mutation($id: ID!, $input: WorkingHoursInput!) { setWorkingHours(id: $id, input: $input) { position } }`,
      { id, input: { weeklyHours: [{ day: 1, start: '09:00', end: '12:00' }], breaks: [{ day: 1, start: '11:30', end: '12:30' }] } },
    ).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 422, errors: [{ field: 'breaks[0]' }] });
    const noSpan = await shop.post(`/scheduling/resources/${id}/exceptions`, { date: '2026-12-24', kind: 'extra_hours' }).expect(422);
    expect(fieldsOf(noSpan.body)).toEqual(['span']);
    const badDate = await shop.post(`/scheduling/resources/${id}/exceptions`, { date: '24-12-2026', kind: 'closed' }).expect(400);
    expect(fieldsOf(badDate.body)).toContain('date');
  });

  it('refuses an unknown location, another tenant\'s location or resource, with 422 naming the field', async () => {
    const unknown = await register(shop, { locationId: randomUUID() }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_LOCATION', errors: [{ field: 'locationId' }] });
    const foreign = await register(shop, { locationId: otherLocationId }).expect(422);
    expect(fieldsOf(foreign.body)).toEqual(['locationId']);
    const gql = await shop.graphql(
      `mutation($input: RegisterResourceInput!) { registerResource(input: $input) { id } }`, { input: { locationId: otherLocationId, kind: 'bay', name: 'X' } },
    ).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ status: 422, errors: [{ field: 'locationId' }] });

    const theirs = (await register(other, { locationId: otherLocationId }).expect(201)).body.id;
    const service = await shop.post('/scheduling/services', {
      locationId, name: 'Oil change', durationMinutes: 45, price: { amountMinor: 150000, currency: 'INR' }, needs: [{ kind: 'bay', resourceIds: [theirs] }],
    }).expect(422);
    expect(fieldsOf(service.body)).toEqual(['needs[0].resourceIds[0]']);
  });

  it("answers another tenant's resource and service ids with 404, reads and changes alike", async () => {
    const { id, position } = (await register(shop, { name: 'Private bay' }).expect(201)).body;
    await shop.get(`/scheduling/resources/${id}`, position).expect(200);
    await other.get(`/scheduling/resources/${id}`).expect(404);
    await other.put(`/scheduling/resources/${id}/working-hours`, WEEK).expect(404);
    await other.post(`/scheduling/resources/${id}/retire`, {}).expect(404);
    const gql = await other.graphql(`query($id: ID!) { resource(id: $id) { id } }`, { id }).expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const listed = await other.get('/scheduling/resources').expect(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).not.toContain(id);

    const svc = await shop.post('/scheduling/services', {
      locationId, name: 'Wheel alignment', durationMinutes: 60, price: { amountMinor: 90000, currency: 'INR' }, needs: [{ kind: 'bay', resourceIds: [id] }],
    }).expect(201);
    await other.get(`/scheduling/services/${svc.body.id}`).expect(404);
    await other.put(`/scheduling/services/${svc.body.id}`, { name: 'x', durationMinutes: 30, price: { amountMinor: 1, currency: 'INR' }, needs: [{ kind: 'bay' }] }).expect(404);
  });

  it('defines, revises and retires a service over REST and GraphQL', async () => {
    const bay = (await register(shop, { name: 'Bay 7' }).expect(201)).body.id;
    const defined = await shop.graphql(
      `mutation($input: DefineServiceInput!) { defineService(input: $input) { id position } }`,
      { input: { locationId, name: 'Oil change', durationMinutes: 45, price: { amountMinor: 150000, currency: 'INR' }, needs: [{ kind: 'bay', resourceIds: [bay] }, { kind: 'technician' }], bookableOnline: true } },
    ).expect(200);
    expect(defined.body.errors).toBeUndefined();
    const { id } = defined.body.data.defineService;
    const revised = await shop.put(`/scheduling/services/${id}`, {
      name: 'Oil change', durationMinutes: 60, price: { amountMinor: 160000, currency: 'INR' }, needs: [{ kind: 'bay', resourceIds: [bay] }, { kind: 'technician' }], rules: { minNoticeMinutes: 60 },
    }).expect(200);
    const read = await shop.get(`/scheduling/services/${id}`, revised.body.position).expect(200);
    expect(read.body).toMatchObject({
      id, locationId, name: 'Oil change', status: 'active', durationMinutes: 60, price: { amountMinor: 160000, currency: 'INR' },
      needs: [{ kind: 'bay', count: 1, resourceIds: [bay] }, { kind: 'technician', count: 1, resourceIds: null }],
      seatsPerBooking: 1, rules: { minNoticeMinutes: 60, horizonDays: null, dailyLimit: null }, bookableOnline: false, version: 2,
    });
    const techServices = await shop.get(`/scheduling/services?kind=technician&locationId=${locationId}`).expect(200);
    expect(techServices.body.items.map((s: { id: string }) => s.id)).toContain(id);
    const empty = await shop.post('/scheduling/services', { locationId, name: 'Nothing', durationMinutes: 30, price: { amountMinor: 0, currency: 'INR' }, needs: [] }).expect(400);
    expect(fieldsOf(empty.body)).toContain('needs');
    await shop.post(`/scheduling/services/${id}/retire`, {}).expect(200);
    await shop.post(`/scheduling/services/${id}/retire`, {}).expect(409);
  });

  it('lets a manager read and change the settings, and a technician neither, nor create a resource (403)', async () => {
    const fresh = await ShopClient.signup(platform, 'Settings Salon');
    const defaults = await fresh.get('/scheduling/settings').expect(200);
    expect(defaults.body).toEqual({ cancellationWindowHours: 24, lateCancelFee: null, reminderOffsetsMinutes: [1440, 120], holdTtlMinutes: 10, changedAt: null, version: 0 });
    const [manager, technician] = await Promise.all([fresh.invite(['manager']), fresh.invite(['technician'])]);
    await manager.put('/scheduling/settings', { cancellationWindowHours: 12, lateCancelFee: { amountMinor: 20000, currency: 'INR' }, reminderOffsetsMinutes: [60, 2880] }).expect(200);
    const bad = await manager.put('/scheduling/settings', { reminderOffsetsMinutes: [60, 60] }).expect(422);
    expect(fieldsOf(bad.body)).toEqual(['reminderOffsetsMinutes[1]']);
    const tooSoon = await manager.put('/scheduling/settings', { reminderOffsetsMinutes: [1] }).expect(400);
    expect(fieldsOf(tooSoon.body)[0]).toMatch(/^reminderOffsetsMinutes/);
    const gql = await manager.graphql(`{ schedulingSettings { cancellationWindowHours lateCancelFee { amountMinor currency } reminderOffsetsMinutes holdTtlMinutes version } }`).expect(200);
    expect(gql.body.data.schedulingSettings).toEqual({
      cancellationWindowHours: 12, lateCancelFee: { amountMinor: 20000, currency: 'INR' }, reminderOffsetsMinutes: [2880, 60], holdTtlMinutes: 10, version: 1,
    });
    await technician.put('/scheduling/settings', { holdTtlMinutes: 5 }).expect(403);
    await technician.get('/scheduling/settings').expect(403);
    const removed = await fresh.graphql(`mutation { changeSchedulingSettings(input: { lateCancelFee: null }) { streamVersion } }`).expect(200);
    expect(removed.body.data.changeSchedulingSettings.streamVersion).toBe(2);

    const freshLocation = await openLocation(fresh, 'Salon floor');
    const refused = await technician.post('/scheduling/resources', { locationId: freshLocation, kind: 'staff', name: 'Chair 1' }).expect(403);
    expect(refused.body.status).toBe(403);
    const gqlRefused = await technician.graphql(`mutation($l: ID!) { registerResource(input: { locationId: $l, kind: staff, name: "Chair 1" }) { id } }`, { l: freshLocation }).expect(200);
    expect(gqlRefused.body.errors[0].extensions).toMatchObject({ status: 403 });
    await manager.post('/scheduling/resources', { locationId: freshLocation, kind: 'staff', name: 'Chair 1' }).expect(201);
  });

  it('is 403 FEATURE_NOT_IN_PLAN on a plan without scheduling, on REST and GraphQL, reads and commands alike', async () => {
    const res = await platform.http().post('/auth/signup').send({
      companyName: 'Starter Garage', country: 'IN', currency: 'INR', plan: 'starter', ownerName: 'Owner',
      email: `owner.${randomUUID().slice(0, 8)}@example.com`, password: 'correct horse battery',
    }).expect(201);
    const starter = new ShopClient(platform, res.body.accessToken, res.body.tenantId, res.body.userId);
    const refused = await starter.post('/scheduling/resources', { locationId: randomUUID(), kind: 'bay', name: 'Bay 1' }).expect(403);
    expect(refused.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'scheduling' });
    await starter.get('/scheduling/settings').expect(403);
    await starter.get('/scheduling/services').expect(403);
    const gql = await starter.graphql('{ resources { items { id } } }').expect(200);
    expect(gql.body.errors[0].extensions).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', status: 403 });
  });

  it("moves a location's resources to its new time zone when the shop re-zones it", async () => {
    const zoned = await openLocation(shop, 'Koramangala');
    const ids = await Promise.all(['Bay A', 'Bay B'].map(async (name) => (await shop.post('/scheduling/resources', { locationId: zoned, kind: 'bay', name }).expect(201)).body.id as string));
    await shop.patch(`/locations/${zoned}`, { timezone: 'Asia/Calcutta' }).expect(200);
    for (const id of ids) {
      const followed = await eventually(async () => {
        const res = await shop.get(`/scheduling/resources/${id}`);
        return res.status === 200 && res.body.timezone === 'Asia/Calcutta' ? res.body : undefined;
      }, `resource ${id} to follow its location's zone`, 20_000);
      expect(followed).toMatchObject({ timezone: 'Asia/Calcutta', version: 2 });
    }
    const elsewhere = await shop.get(`/scheduling/resources?locationId=${locationId}`).expect(200);
    expect(elsewhere.body.items.every((r: { timezone: string }) => r.timezone === 'Asia/Kolkata')).toBe(true);
  });

  it('ends every resource registered around a re-zoning of its location (24 in parallel with it) in the new zone', async () => {
    const racing = await openLocation(shop, 'Whitefield');
    const registrations = Array.from({ length: 24 }, (_, i) => shop.post('/scheduling/resources', { locationId: racing, kind: 'bay', name: `Race bay ${i}` }));
    const [, ...created] = await Promise.all([
      new Promise((r) => setTimeout(r, 30)).then(() => shop.patch(`/locations/${racing}`, { timezone: 'Asia/Calcutta' }).expect(200)),
      ...registrations,
    ]);
    expect(created.map((c) => c.status)).toEqual(created.map(() => 201));
    await eventually(async () => {
      const res = await shop.get(`/scheduling/resources?locationId=${racing}&first=100`);
      const zones = res.status === 200 ? res.body.items.map((r: { timezone: string }) => r.timezone) : [];
      return zones.length === created.length && zones.every((z: string) => z === 'Asia/Calcutta') ? true : undefined;
    }, 'every racing resource in the new zone', 30_000);
  });
});
