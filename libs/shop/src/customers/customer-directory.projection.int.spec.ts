import { randomUUID } from 'node:crypto';
import { ProjectionSpec, startProjectionSpec } from '@workbay/platform/testing';
import type {
  CustomerBillingSet, CustomerContactUpdated, CustomerJoinedHousehold, CustomerLeftHousehold, CustomerPreferredLocationsSet, CustomerRegistered, HouseholdFormed,
  HouseholdBillingSet, HouseholdRenamed, MileageRecorded, VehicleAdded,
} from '../domain';
import { SHOP_MIGRATIONS } from '../migrations';
import { customerDirectoryProjection } from './customer-directory.projection';

const registered = (customerId: string, lastName: string): CustomerRegistered => ({
  type: 'CustomerRegistered',
  data: { customerId, firstName: 'Ada', lastName, email: 'ada@example.com', phone: null, registeredAt: '2026-03-01T09:00:00.000Z' },
});
const vehicleAdded = (vehicleId: string, customerId: string, mileage: number): VehicleAdded => ({
  type: 'VehicleAdded',
  data: { vehicleId, customerId, vin: '1HGCM82633A004352', year: 2019, make: 'Honda', model: 'Accord', mileage, addedAt: '2026-03-01T09:05:00.000Z' },
});

describe('shop.customer-directory projection', () => {
  let spec: ProjectionSpec;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    spec = await startProjectionSpec(customerDirectoryProjection, { migrations: SHOP_MIGRATIONS });
  });
  afterAll(() => spec?.close());

  it('registers a customer, updates contact and preferred locations, and tracks household membership', async () => {
    const customerId = randomUUID();
    const householdId = randomUUID();
    const locations = [randomUUID(), randomUUID()];
    await spec.given(tenantA, 'household', householdId, [
      { type: 'HouseholdFormed', data: { householdId, name: 'Lovelace', formedAt: '2026-03-01T08:00:00.000Z' } } satisfies HouseholdFormed,
      { type: 'HouseholdRenamed', data: { householdId, name: 'Lovelace-King', renamedAt: '2026-03-01T08:30:00.000Z' } } satisfies HouseholdRenamed,
    ]);
    await spec.given(tenantA, 'customer', customerId, [
      registered(customerId, 'Lovelace'),
      { type: 'CustomerContactUpdated', data: { customerId, email: null, phone: '+15551234', updatedAt: '2026-03-02T09:00:00.000Z' } } satisfies CustomerContactUpdated,
      { type: 'CustomerPreferredLocationsSet', data: { customerId, locationIds: locations, setAt: '2026-03-02T09:01:00.000Z' } } satisfies CustomerPreferredLocationsSet,
      { type: 'CustomerJoinedHousehold', data: { customerId, householdId, previousHouseholdId: null, joinedAt: '2026-03-02T09:02:00.000Z' } } satisfies CustomerJoinedHousehold,
    ]);

    const [customer] = await spec.thenRows(
      `select tenant_id, first_name, last_name, email, phone, preferred_location_ids, household_id from shop.customers where id = $1`, [customerId],
    );
    expect(customer).toEqual({
      tenant_id: tenantA, first_name: 'Ada', last_name: 'Lovelace', email: null, phone: '+15551234', preferred_location_ids: locations, household_id: householdId,
    });
    expect(await spec.thenRows(`select tenant_id, name, version from shop.households where id = $1`, [householdId]))
      .toEqual([{ tenant_id: tenantA, name: 'Lovelace-King', version: 2 }]);

    await spec.given(tenantA, 'customer', customerId, [
      { type: 'CustomerLeftHousehold', data: { customerId, householdId, leftAt: '2026-03-03T09:00:00.000Z' } } satisfies CustomerLeftHousehold,
    ]);
    expect(await spec.thenRows(`select household_id from shop.customers where id = $1`, [customerId])).toEqual([{ household_id: null }]);
  });

  it('keeps the billing address and tax id, and clears them', async () => {
    const customerId = randomUUID();
    const billingAddress = { line1: '12 Residency Road', line2: null, city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' };
    const taxId = { scheme: 'IN_GSTIN' as const, value: '29ABCDE1234F1ZW', stateCode: '29' };
    await spec.given(tenantA, 'customer', customerId, [
      registered(customerId, 'Fleet'),
      { type: 'CustomerBillingSet', data: { customerId, billingAddress, taxId, setAt: '2026-03-02T09:00:00.000Z' } } satisfies CustomerBillingSet,
    ]);
    expect(await spec.thenRows(`select billing_address, tax_id from shop.customers where id = $1`, [customerId])).toEqual([{ billing_address: billingAddress, tax_id: taxId }]);
    await spec.given(tenantA, 'customer', customerId, [
      { type: 'CustomerBillingSet', data: { customerId, billingAddress: null, taxId: null, setAt: '2026-03-03T09:00:00.000Z' } } satisfies CustomerBillingSet,
    ]);
    expect(await spec.thenRows(`select billing_address, tax_id from shop.customers where id = $1`, [customerId])).toEqual([{ billing_address: null, tax_id: null }]);
  });

  it("keeps a household's billing address and tax id next to its name, and clears them", async () => {
    const householdId = randomUUID();
    const billingAddress = { line1: 'FC Road 14', line2: null, city: 'Pune', postalCode: '411004', regionCode: '27', country: 'IN' };
    const taxId = { scheme: 'IN_GSTIN' as const, value: '27AAPFU0939F1ZV', stateCode: '27' };
    await spec.given(tenantA, 'household', householdId, [
      { type: 'HouseholdFormed', data: { householdId, name: 'Deccan Fleet', formedAt: '2026-03-01T08:00:00.000Z' } } satisfies HouseholdFormed,
      { type: 'HouseholdBillingSet', data: { householdId, billingAddress, taxId, setAt: '2026-03-02T09:00:00.000Z' } } satisfies HouseholdBillingSet,
    ]);
    const row = `select name, billing_address, tax_id, version from shop.households where id = $1`;
    expect(await spec.thenRows(row, [householdId])).toEqual([{ name: 'Deccan Fleet', billing_address: billingAddress, tax_id: taxId, version: 2 }]);
    await spec.given(tenantA, 'household', householdId, [
      { type: 'HouseholdBillingSet', data: { householdId, billingAddress: null, taxId: null, setAt: '2026-03-03T09:00:00.000Z' } } satisfies HouseholdBillingSet,
    ]);
    expect(await spec.thenRows(row, [householdId])).toEqual([{ name: 'Deccan Fleet', billing_address: null, tax_id: null, version: 3 }]);
  });

  it('adds vehicles and records their mileage', async () => {
    const customerId = randomUUID();
    const vehicleId = randomUUID();
    await spec.given(tenantA, 'customer', customerId, [registered(customerId, 'Byron')]);
    await spec.given(tenantA, 'vehicle', vehicleId, [
      vehicleAdded(vehicleId, customerId, 42_000),
      { type: 'MileageRecorded', data: { vehicleId, mileage: 43_500, previousMileage: 42_000, recordedAt: '2026-04-01T10:00:00.000Z' } } satisfies MileageRecorded,
    ]);
    expect(await spec.thenRows(`select tenant_id, customer_id, vin, make, mileage from shop.vehicles where id = $1`, [vehicleId]))
      .toEqual([{ tenant_id: tenantA, customer_id: customerId, vin: '1HGCM82633A004352', make: 'Honda', mileage: 43_500 }]);
  });

  it("keeps each tenant's rows under its own tenant_id, even for the same ids", async () => {
    const customerId = randomUUID();
    await spec.given(tenantA, 'customer', customerId, [registered(customerId, 'Same-id A')]);
    await spec.given(tenantB, 'customer', customerId, [registered(customerId, 'Same-id B')]);
    await spec.given(tenantB, 'customer', customerId, [
      { type: 'CustomerContactUpdated', data: { customerId, email: 'b@example.com', phone: null, updatedAt: '2026-03-02T09:00:00.000Z' } } satisfies CustomerContactUpdated,
    ]);
    const rows = await spec.thenRows(`select tenant_id, last_name, email from shop.customers where id = $1 order by last_name`, [customerId]);
    expect(rows).toEqual([
      { tenant_id: tenantA, last_name: 'Same-id A', email: 'ada@example.com' },
      { tenant_id: tenantB, last_name: 'Same-id B', email: 'b@example.com' },
    ]);
  });

  it('gives the same rows on a redelivered stream and on a rebuild (inserts do nothing twice, updates set absolute values)', async () => {
    const snapshot = () => spec.thenRows(
      `select c.tenant_id, c.id, c.email, c.household_id, c.preferred_location_ids, (select count(*)::int from shop.vehicles v where v.tenant_id = c.tenant_id and v.customer_id = c.id) as vehicles
       from shop.customers c order by c.tenant_id, c.id`,
    );
    const before = await snapshot();
    expect(before.length).toBeGreaterThanOrEqual(4);
    await spec.redeliver();
    expect(await snapshot()).toEqual(before);
    await spec.rebuild();
    expect(await snapshot()).toEqual(before);
  });
});
