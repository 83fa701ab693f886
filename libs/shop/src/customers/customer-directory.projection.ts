import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection, RowChanges } from '@workbay/platform';
import type { CustomerEvent } from './customer.events';
import type { VehicleEvent } from '../vehicles/vehicle.events';
import type { HouseholdEvent } from '../households/household.events';

/**
 * Customers with their vehicles and households: the advisor's directory (one projection, so one
 * read-your-writes wait). A batch's events fold into per-row changes (RowChanges) written as a
 * few multi-row statements per table: a rebuild's 2,000-event page costs a handful of statements.
 */
export const customerDirectoryProjection: Projection = {
  name: 'shop.customer-directory',
  eventTypes: [
    'CustomerRegistered', 'CustomerContactUpdated', 'CustomerJoinedHousehold', 'CustomerLeftHousehold', 'CustomerPreferredLocationsSet', 'CustomerBillingSet',
    'VehicleAdded', 'MileageRecorded', 'HouseholdFormed', 'HouseholdRenamed', 'HouseholdBillingSet',
  ],
  tables: ['shop.customers', 'shop.vehicles', 'shop.households'],
  apply: (em: EntityManager, stored: StoredEvent) => applyBatch(em, [stored]),
  applyBatch: (em: EntityManager, events: readonly StoredEvent[]) => applyBatch(em, events),
};

const KEY = ['tenant_id', 'id'] as const;

async function applyBatch(em: EntityManager, events: readonly StoredEvent[]): Promise<void> {
  const customers = new RowChanges('shop.customers', KEY);
  const vehicles = new RowChanges('shop.vehicles', KEY);
  const households = new RowChanges('shop.households', KEY);
  for (const stored of events) fold(stored, customers, vehicles, households);
  await customers.flush(em);
  await vehicles.flush(em);
  await households.flush(em);
}

/** What each event did as one statement (insert unless there, or set some columns), held per row. */
function fold(stored: StoredEvent, customers: RowChanges, vehicles: RowChanges, households: RowChanges): void {
  const event = { type: stored.type, data: stored.data } as CustomerEvent | VehicleEvent | HouseholdEvent;
  const t = stored.tenantId;
  const at = stored.recordedAt;
  switch (event.type) {
    case 'CustomerRegistered': {
      const d = event.data;
      customers.insertIfAbsent({
        tenant_id: t, id: d.customerId, first_name: d.firstName, last_name: d.lastName, email: d.email, phone: d.phone, registered_at: d.registeredAt, updated_at: at,
      });
      return;
    }
    case 'CustomerContactUpdated':
      customers.update({ tenant_id: t, id: event.data.customerId }, { email: event.data.email, phone: event.data.phone, updated_at: at });
      return;
    case 'CustomerJoinedHousehold':
    case 'CustomerLeftHousehold': {
      const householdId = event.type === 'CustomerJoinedHousehold' ? event.data.householdId : null;
      customers.update({ tenant_id: t, id: event.data.customerId }, { household_id: householdId, updated_at: at });
      return;
    }
    case 'CustomerPreferredLocationsSet':
      customers.update({ tenant_id: t, id: event.data.customerId }, { preferred_location_ids: event.data.locationIds, updated_at: at });
      return;
    case 'CustomerBillingSet':
      customers.update({ tenant_id: t, id: event.data.customerId }, {
        billing_address: event.data.billingAddress, tax_id: event.data.taxId,
        updated_at: at,
      });
      return;
    case 'HouseholdFormed':
      households.insertIfAbsent({ tenant_id: t, id: event.data.householdId, name: event.data.name, formed_at: event.data.formedAt, version: stored.streamVersion, updated_at: at });
      return;
    case 'HouseholdRenamed':
      households.update({ tenant_id: t, id: event.data.householdId }, { name: event.data.name, version: stored.streamVersion, updated_at: at });
      return;
    case 'HouseholdBillingSet':
      households.update({ tenant_id: t, id: event.data.householdId }, {
        billing_address: event.data.billingAddress, tax_id: event.data.taxId, version: stored.streamVersion, updated_at: at,
      });
      return;
    case 'VehicleAdded': {
      const d = event.data;
      vehicles.insertIfAbsent({
        tenant_id: t, id: d.vehicleId, customer_id: d.customerId, vin: d.vin, year: d.year, make: d.make, model: d.model, mileage: d.mileage, added_at: d.addedAt, updated_at: at,
      });
      return;
    }
    case 'MileageRecorded':
      vehicles.update({ tenant_id: t, id: event.data.vehicleId }, { mileage: event.data.mileage, updated_at: at });
      return;
  }
}
