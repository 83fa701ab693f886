import { EntityManager } from '@mikro-orm/postgresql';
import { StoredEvent } from '@workbay/eventstore';
import { Projection } from '@workbay/platform';
import type { CustomerEvent } from './customer.events';
import type { VehicleEvent } from '../vehicles/vehicle.events';
import type { HouseholdEvent } from '../households/household.events';

/** Customers with their vehicles and households: the advisor's directory (one projection, so one read-your-writes wait). */
export const customerDirectoryProjection: Projection = {
  name: 'shop.customer-directory',
  eventTypes: [
    'CustomerRegistered', 'CustomerContactUpdated', 'CustomerJoinedHousehold', 'CustomerLeftHousehold', 'CustomerPreferredLocationsSet',
    'VehicleAdded', 'MileageRecorded', 'HouseholdFormed', 'HouseholdRenamed',
  ],
  tables: ['shop.customers', 'shop.vehicles', 'shop.households'],
  async apply(em: EntityManager, stored: StoredEvent) {
    const event = { type: stored.type, data: stored.data } as CustomerEvent | VehicleEvent | HouseholdEvent;
    const t = stored.tenantId;
    switch (event.type) {
      case 'CustomerRegistered': {
        const d = event.data;
        await em.execute(
          `insert into shop.customers (tenant_id, id, first_name, last_name, email, phone, registered_at, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, id) do nothing`,
          [t, d.customerId, d.firstName, d.lastName, d.email, d.phone, d.registeredAt, stored.recordedAt],
        );
        return;
      }
      case 'CustomerContactUpdated': {
        const d = event.data;
        await em.execute(`update shop.customers set email = ?, phone = ?, updated_at = ? where tenant_id = ? and id = ?`, [
          d.email, d.phone, stored.recordedAt, t, d.customerId,
        ]);
        return;
      }
      case 'CustomerJoinedHousehold':
      case 'CustomerLeftHousehold': {
        const householdId = event.type === 'CustomerJoinedHousehold' ? event.data.householdId : null;
        await em.execute(`update shop.customers set household_id = ?, updated_at = ? where tenant_id = ? and id = ?`, [
          householdId, stored.recordedAt, t, event.data.customerId,
        ]);
        return;
      }
      case 'CustomerPreferredLocationsSet': {
        const d = event.data;
        await em.execute(`update shop.customers set preferred_location_ids = ?::uuid[], updated_at = ? where tenant_id = ? and id = ?`, [
          `{${d.locationIds.join(',')}}`, stored.recordedAt, t, d.customerId,
        ]);
        return;
      }
      case 'HouseholdFormed':
        await em.execute(
          `insert into shop.households (tenant_id, id, name, formed_at, version, updated_at) values (?, ?, ?, ?, ?, ?)
           on conflict (tenant_id, id) do nothing`,
          [t, event.data.householdId, event.data.name, event.data.formedAt, stored.streamVersion, stored.recordedAt],
        );
        return;
      case 'HouseholdRenamed':
        await em.execute(`update shop.households set name = ?, version = ?, updated_at = ? where tenant_id = ? and id = ?`, [
          event.data.name, stored.streamVersion, stored.recordedAt, t, event.data.householdId,
        ]);
        return;
      case 'VehicleAdded': {
        const d = event.data;
        await em.execute(
          `insert into shop.vehicles (tenant_id, id, customer_id, vin, year, make, model, mileage, added_at, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, id) do nothing`,
          [t, d.vehicleId, d.customerId, d.vin, d.year, d.make, d.model, d.mileage, d.addedAt, stored.recordedAt],
        );
        return;
      }
      case 'MileageRecorded': {
        const d = event.data;
        await em.execute(`update shop.vehicles set mileage = ?, updated_at = ? where tenant_id = ? and id = ?`, [
          d.mileage, stored.recordedAt, t, d.vehicleId,
        ]);
        return;
      }
    }
  },
};
