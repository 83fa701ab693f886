import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '@workbay/platform';
import { OpenVisitQuote } from '@workbay/shop/contract';
import { BookableShop, bookableShop, shopTime } from '../../../../test/support/bookable-shop';
import { Platform, startPlatform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';

/** CheckIn over HTTP and GraphQL: a shop customer's vehicle gets one draft quote per reservation, through the shop's public command. */
describe('CheckIn: an arrived customer, and a quote for their vehicle in the shop', () => {
  let platform: Platform;
  let shop: BookableShop;
  let other: ShopClient;

  beforeAll(async () => {
    platform = await startPlatform({ prefix: 'checkin' });
    shop = await bookableShop(platform, 'Check Motors');
    other = await ShopClient.signup(platform, 'Other Motors');
  });
  afterAll(() => platform?.close());

  const reserve = async (start: string, party: Record<string, unknown>) =>
    (await shop.owner.post('/scheduling/reservations', { serviceId: shop.serviceId, start, party }).expect(201)).body.id as string;

  it("opens a draft quote for the customer's vehicle with the booked service, once, and records it on the check-in", async () => {
    const { customerId, vehicleId } = await shop.owner.customerWithVehicle();
    const reservationId = await reserve(shopTime(2, '10:00'), { customerId, vehicleId });
    const res = await shop.owner.post(`/scheduling/reservations/${reservationId}/check-in`, {}).expect(200);
    expect(res.body).toMatchObject({ id: reservationId, quoteId: expect.any(String) });
    const quote = await shop.owner.get(`/quotes/${res.body.quoteId}`, res.body.position).expect(200);
    expect(quote.body).toMatchObject({ customerId, vehicleId, status: 'draft' });
    expect(quote.body.lines).toEqual([expect.objectContaining({ description: expect.stringContaining('Haircut'), quantity: 1, unitPriceMinor: 50000 })]);
    expect((await shop.owner.get(`/scheduling/reservations/${reservationId}`).expect(200)).body.status).toBe('checked_in');
    // Checked in already: 409, and no second quote.
    expect((await shop.owner.post(`/scheduling/reservations/${reservationId}/check-in`, {}).expect(409)).body.code).toBe('RESERVATION_NOT_ACTIVE');
    // The shop's command itself is keyed by the reservation: sent again (a retry after a crash), it finds the same quote.
    const again = await platform.app.get(RequestContext).runAsSystemFor(shop.owner.tenantId, { actor: 'system:test' }, () =>
      platform.app.get(CommandBus).execute(new OpenVisitQuote({ visitId: reservationId, customerId, vehicleId, locationId: shop.locationId, description: 'again', priceMinor: 1, currency: 'INR' })));
    expect(again).toEqual({ quoteId: res.body.quoteId, opened: false, position: null });
    const quotes = await shop.owner.get(`/quotes?customerId=${customerId}`, res.body.position).expect(200);
    expect(quotes.body.items).toHaveLength(1);
  });

  it('checks in a reservation without a vehicle over GraphQL, opening no quote', async () => {
    const { customerId } = await shop.owner.customerWithVehicle();
    const reservationId = await reserve(shopTime(2, '12:00'), { customerId });
    const res = await shop.owner.graphql('mutation($id: ID!) { checkInReservation(id: $id) { id quoteId } }', { id: reservationId }).expect(200);
    expect(res.body.data.checkInReservation).toEqual({ id: reservationId, quoteId: null });
  });

  it("answers another tenant's reservation with 404 and a cancelled one with 409", async () => {
    const { customerId, vehicleId } = await shop.owner.customerWithVehicle();
    const reservationId = await reserve(shopTime(2, '14:00'), { customerId, vehicleId });
    expect((await other.post(`/scheduling/reservations/${reservationId}/check-in`, {}).expect(404)).body.code).toBe('NOT_FOUND');
    await shop.owner.post(`/scheduling/reservations/${reservationId}/cancel`, {}).expect(200);
    await shop.owner.post(`/scheduling/reservations/${reservationId}/check-in`, {}).expect(409);
  });
});
