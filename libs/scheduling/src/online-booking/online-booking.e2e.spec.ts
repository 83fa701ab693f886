import { Client } from 'pg';
import { DateTime } from 'luxon';
import { BookableShop, bookableShop, SHOP_ZONE, shopTime } from '../../../../test/support/bookable-shop';
import { Platform, startPlatform } from '../../../../test/support/platform-harness';

/**
 * The public booking pages over HTTP and GraphQL, with no token: a guest books by the shop's
 * slug and manages that one booking through its secret link; nothing else is reachable by it.
 */
describe('Online booking by tenant slug, managed by a secret link', () => {
  let platform: Platform;
  let db: Client;
  let shop: BookableShop;
  const guest = { name: 'Asha Rao', email: 'asha@example.com', phone: '+91 98450 12345' };

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'book', config: { ONLINE_BOOKING_POINTS: '200' } });
    db = new Client({ connectionString: platform.config.DATABASE_URL });
    await db.connect();
    shop = await bookableShop(platform, 'Book Salon');
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const book = (start: string, who = guest, slug = shop.slug) =>
    platform.http().post(`/book/${slug}/bookings`).send({ serviceId: shop.serviceId, start, guest: who });
  const gql = (query: string, variables: Record<string, unknown>) => platform.http().post('/graphql').send({ query, variables });

  it('lists the services a shop offers online, to anyone, by its slug', async () => {
    expect(shop.slug).toBe('book-salon');
    const res = await platform.http().get(`/book/${shop.slug}/services`).expect(200);
    expect(res.body).toEqual({
      shopName: 'Book Salon',
      items: [{ id: shop.serviceId, name: 'Haircut', locationId: shop.locationId, durationMinutes: 30, priceMinor: 50000, currency: 'INR' }],
    });
  });

  it('shows the free slots of an offered service to anyone, by the slug', async () => {
    const day = DateTime.now().setZone(SHOP_ZONE).plus({ days: 7 }).toISODate()!;
    const res = await platform.http().get(`/book/${shop.slug}/availability`)
      .query({ serviceId: shop.serviceId, locationId: shop.locationId, from: day, to: day }).expect(200);
    expect(res.body.timezone).toBe(SHOP_ZONE);
    expect(res.body.slots.map((s: { localStart: string }) => s.localStart)).toContain(`${day}T09:00:00+05:30`);
    expect(res.body.slots).toHaveLength(18);
    const gqlRes = await gql('query($slug: String!, $serviceId: ID!, $locationId: ID!, $day: String!) { onlineAvailability(slug: $slug, serviceId: $serviceId, locationId: $locationId, from: $day, to: $day) { slots { start } } }',
      { slug: shop.slug, serviceId: shop.serviceId, locationId: shop.locationId, day }).expect(200);
    expect(gqlRes.body.errors).toBeUndefined();
    expect(gqlRes.body.data.onlineAvailability.slots).toHaveLength(18);
  });

  it('lets a guest book without an account, view, reschedule and then cancel through the link', async () => {
    const start = shopTime(3, '10:00');
    const booked = await book(start).expect(201);
    expect(booked.body).toMatchObject({ status: 'reserved', serviceId: shop.serviceId, start, guestName: 'Asha Rao' });
    expect(booked.body.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(booked.body.manageUrl).toMatch(new RegExp(`/book/manage/${booked.body.manageToken}$`));
    const token = booked.body.manageToken as string;
    // Kept as a hash only.
    const { rows } = await db.query(`select encode(token_hash, 'hex') as h from scheduling.manage_links where reservation_id = $1`, [booked.body.reservationId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].h).not.toContain(Buffer.from(token).toString('hex'));
    // The shop sees it as an online booking of its own.
    const staff = await shop.owner.get(`/scheduling/reservations/${booked.body.reservationId}`).expect(200);
    expect(staff.body).toMatchObject({ status: 'reserved', customerId: null, start });

    expect((await platform.http().get(`/book/manage/${token}`).expect(200)).body).toEqual({
      reservationId: booked.body.reservationId, status: 'reserved', serviceId: shop.serviceId, start, end: shopTime(3, '10:30'), guestName: 'Asha Rao', late: null,
    });
    const moved = shopTime(3, '14:00');
    expect((await platform.http().post(`/book/manage/${token}/reschedule`).send({ start: moved }).expect(200)).body).toMatchObject({ status: 'reserved', start: moved });
    const cancelled = await platform.http().post(`/book/manage/${token}/cancel`).send({ reason: 'something came up' }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', late: false });
    expect((await platform.http().get(`/book/manage/${token}`).expect(200)).body.status).toBe('cancelled');
    await platform.http().post(`/book/manage/${token}/cancel`).send({}).expect(409);
    // The freed time can be booked again.
    await book(start, { ...guest, email: 'ben@example.com', name: 'Ben' }).expect(201);
  });

  it('answers a taken slot with 409 and a start outside working hours with 422 naming start', async () => {
    const start = shopTime(4, '11:00');
    await book(start).expect(201);
    const taken = await book(start, { ...guest, name: 'Chen', email: 'chen@example.com' }).expect(409);
    expect(taken.body.code).toBe('SLOT_TAKEN');
    expect(JSON.stringify(taken.body)).not.toContain('asha@example.com');
    const closed = await book(shopTime(4, '20:00')).expect(422);
    expect(closed.body.errors.map((e: { field: string }) => e.field)).toContain('start');
    const bad = await platform.http().post(`/book/${shop.slug}/bookings`).send({ serviceId: shop.serviceId, start, guest: { name: 'X', email: 'not-an-email' } }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('guest.email');
  });

  it("keeps one booking's link off every other booking: it reads and changes only its own, and a forged link is 404", async () => {
    const a = (await book(shopTime(5, '09:00'), { ...guest, name: 'Dara', email: 'dara@example.com' }).expect(201)).body;
    const b = (await book(shopTime(5, '12:00'), { ...guest, name: 'Eli', email: 'eli@example.com' }).expect(201)).body;
    const viewA = (await platform.http().get(`/book/manage/${a.manageToken}`).expect(200)).body;
    expect(viewA.reservationId).toBe(a.reservationId);
    expect(JSON.stringify(viewA)).not.toContain('Eli');
    await platform.http().post(`/book/manage/${a.manageToken}/cancel`).send({}).expect(200);
    expect((await platform.http().get(`/book/manage/${b.manageToken}`).expect(200)).body.status).toBe('reserved');
    const forged = `${a.manageToken.slice(0, -1)}${a.manageToken.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [`/book/manage/${forged}`, `/book/manage/${b.reservationId}`, '/book/manage/short']) {
      expect((await platform.http().get(path).expect(404)).body.code).toBe('NOT_FOUND');
    }
    await platform.http().post(`/book/manage/${forged}/cancel`).send({}).expect(404);
    await platform.http().post(`/book/manage/${forged}/reschedule`).send({ start: shopTime(5, '15:00') }).expect(404);
    expect((await platform.http().get(`/book/manage/${b.manageToken}`).expect(200)).body).toMatchObject({ status: 'reserved', start: b.start });
  });

  it('answers an unknown slug with 404 on REST and GraphQL', async () => {
    expect((await platform.http().get('/book/no-such-shop/services').expect(404)).body.code).toBe('NOT_FOUND');
    await platform.http().post('/book/no-such-shop/bookings').send({ serviceId: shop.serviceId, start: shopTime(3, '10:00'), guest }).expect(404);
    const res = await gql('query($slug: String!) { onlineServices(slug: $slug) { shopName } }', { slug: 'no-such-shop' }).expect(200);
    expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('books, reads and cancels over GraphQL through the same gate', async () => {
    const start = shopTime(6, '10:00');
    const booked = await gql(
      `mutation($slug: String!, $input: OnlineBookingInput!) { bookOnline(slug: $slug, input: $input) { reservationId status start manageToken } }`,
      { slug: shop.slug, input: { serviceId: shop.serviceId, start, guest: { name: 'Farah', email: 'farah@example.com' } } },
    ).expect(200);
    expect(booked.body.errors).toBeUndefined();
    const { manageToken, reservationId } = booked.body.data.bookOnline;
    const viewed = await gql('query($token: String!) { managedBooking(token: $token) { reservationId status guestName } }', { token: manageToken }).expect(200);
    expect(viewed.body.data.managedBooking).toEqual({ reservationId, status: 'reserved', guestName: 'Farah' });
    const cancelled = await gql('mutation($token: String!) { cancelManagedBooking(token: $token) { status } }', { token: manageToken }).expect(200);
    expect(cancelled.body.data.cancelManagedBooking.status).toBe('cancelled');
  });

  it("refuses a shop whose plan lacks online booking with 403 FEATURE_NOT_IN_PLAN naming it", async () => {
    const signup = await platform.http().post('/auth/signup').send({
      companyName: 'Starter Salon', country: 'IN', currency: 'INR', plan: 'starter', ownerName: 'Owner', email: `starter.${Date.now()}@example.com`, password: 'correct horse battery',
    }).expect(201);
    const me = await platform.http().get('/auth/me').set('Authorization', `Bearer ${signup.body.accessToken}`).expect(200);
    const res = await platform.http().get(`/book/${me.body.tenantSlug}/services`).expect(403);
    expect(res.body).toMatchObject({ code: 'FEATURE_NOT_IN_PLAN', feature: 'online_booking' });
  });

  it('limits requests per address and shop to the configured budget with 429 and Retry-After, leaving other shops alone', async () => {
    const busy = await bookableShop(platform, 'Busy Salon');
    const results = await Promise.all(Array.from({ length: 210 }, () => platform.http().get(`/book/${busy.slug}/services`)));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBe(200); // ONLINE_BOOKING_POINTS, not the default 120
    expect(limited.length).toBe(10);
    expect(Number(limited[0].headers['retry-after'])).toBeGreaterThan(0);
    expect(limited[0].body.code).toBe('RATE_LIMITED');
    await platform.http().get(`/book/${shop.slug}/services`).expect(200);
  });
});
