import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { workedRepairOrder } from '../../../../test/support/repair-orders';
import { ShopClient } from '../../../../test/support/shop-client';

const BENGALURU = { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' };

describe('vehicle service history, end to end', () => {
  let platform: Platform;
  let shop: ShopClient;
  let locationId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
    const location = await shop.post('/locations', {
      name: 'History Lane', address: BENGALURU, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
    }).expect(201);
    locationId = location.body.id;
  });
  afterAll(() => platform.close());

  it('shows every repair order of the vehicle with lines, technicians, clocked time, mileage at intake and the invoice as paid', async () => {
    const vehicle = await shop.customerWithVehicle();
    const first = await workedRepairOrder(platform, shop, locationId, { vehicle });
    const mileage = await shop.post(`/vehicles/${vehicle.vehicleId}/mileage`, { mileage: 45500 }).expect(200);
    const second = await workedRepairOrder(platform, shop, locationId, { vehicle, approve: false });
    const invoice = await shop.post(`/repair-orders/${first}/invoice`, {}).expect(201);
    const detail = await shop.get(`/invoices/${invoice.body.id}`, invoice.body.position).expect(200);
    const paid = await shop.post(`/invoices/${invoice.body.id}/payments`, { method: 'cash', amountMinor: detail.body.grandTotalMinor }).expect(201);

    const history = await shop.get(`/vehicles/${vehicle.vehicleId}/history`, paid.body.position).expect(200);
    expect(history.body).toMatchObject({ vehicleId: vehicle.vehicleId, customerId: vehicle.customerId, vin: '1HGCM82633A004352', mileage: 45500 });
    expect(history.body.visits.map((v: { repairOrderId: string }) => v.repairOrderId)).toEqual([second, first]);
    const [open, done] = history.body.visits;
    expect(open).toMatchObject({ status: 'open', mileageAtIntake: 45500, invoice: null, locationId });
    expect(done).toMatchObject({
      status: 'approved', mileageAtIntake: 42000, approvedAt: expect.any(String),
      invoice: { number: detail.body.number, status: 'paid', grandTotalMinor: detail.body.grandTotalMinor, balanceDueMinor: 0, paidAt: expect.any(String) },
    });
    expect(done.lines).toHaveLength(3);
    expect(done.lines[0]).toMatchObject({ lineId: 'line-1', status: 'completed', technicianIds: [expect.any(String)], returns: 0 });
    expect(done.lines[0].clocked).toEqual([{ technicianId: done.lines[0].technicianIds[0], minutes: expect.any(Number) }]);
    expect(mileage.body.position).toBeLessThan(paid.body.position);

    const gql = await shop.graphql(
      `query($id: ID!) { vehicle(id: $id) { vin mileage } vehicleHistory(id: $id) { visits { status invoice { status } } } }`, { id: vehicle.vehicleId },
    ).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.vehicleHistory.visits).toEqual([{ status: 'open', invoice: null }, { status: 'approved', invoice: { status: 'paid' } }]);
  });

  it('refuses a lower odometer reading and hides the history from another tenant', async () => {
    const { vehicleId, position } = await shop.customerWithVehicle();
    const lower = await shop.post(`/vehicles/${vehicleId}/mileage`, { mileage: 100 }).expect(422);
    expect(lower.body.errors[0].field).toBe('mileage');
    // At the vehicle's position, so the 404s are the tenant rule, not a projection not caught up yet.
    const other = await ShopClient.signup(platform, 'Other Garage');
    await other.get(`/vehicles/${vehicleId}/history`, position).expect(404);
    await other.get(`/vehicles/${vehicleId}`, position).expect(404);
    const technician = await shop.invite(['technician']);
    await technician.get(`/vehicles/${vehicleId}/history`, position).expect(200);
  });

  it("shows a visit's invoice figures to an advisor and not to a technician (403 on the invoice itself), on REST and GraphQL", async () => {
    const vehicle = await shop.customerWithVehicle();
    const repairOrderId = await workedRepairOrder(platform, shop, locationId, { vehicle });
    const invoice = await shop.post(`/repair-orders/${repairOrderId}/invoice`, {}).expect(201);
    const [technician, advisor] = [await shop.invite(['technician']), await shop.invite(['service_advisor'])];
    await technician.get(`/invoices/${invoice.body.id}`, invoice.body.position).expect(403);
    const query = `query($id: ID!) { vehicleHistory(id: $id) { visits { repairOrderId invoice { number grandTotalMinor paidMinor balanceDueMinor } } } }`;

    const forAdvisor = await advisor.get(`/vehicles/${vehicle.vehicleId}/history`, invoice.body.position).expect(200);
    expect(forAdvisor.body.visits).toEqual([expect.objectContaining({ repairOrderId, invoice: expect.objectContaining({ invoiceId: invoice.body.id, number: expect.any(String), grandTotalMinor: expect.any(Number) }) })]);
    const advisorGql = await advisor.graphql(query, { id: vehicle.vehicleId }).expect(200);
    expect(advisorGql.body.data.vehicleHistory.visits[0].invoice).toMatchObject({ number: forAdvisor.body.visits[0].invoice.number, grandTotalMinor: forAdvisor.body.visits[0].invoice.grandTotalMinor });

    const forTechnician = await technician.get(`/vehicles/${vehicle.vehicleId}/history`, invoice.body.position).expect(200);
    expect(forTechnician.body.visits).toEqual([expect.objectContaining({ repairOrderId, invoice: null })]);
    expect(JSON.stringify(forTechnician.body)).not.toMatch(/grandTotalMinor|paidMinor|balanceDueMinor|INV-/);
    const technicianGql = await technician.graphql(query, { id: vehicle.vehicleId }).expect(200);
    expect(technicianGql.body.errors).toBeUndefined();
    expect(technicianGql.body.data.vehicleHistory.visits).toEqual([{ repairOrderId, invoice: null }]);
  });
});
