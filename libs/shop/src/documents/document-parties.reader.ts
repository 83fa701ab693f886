import { Injectable } from '@nestjs/common';
import { TenantDb, TenantProfiles } from '@workbay/platform';
import { CustomerRow, VehicleRow } from '../customers/customer-directory.entities';
import { HouseholdRow } from '../households/household-directory.entities';
import { LocationRow } from '../locations/location-directory.entities';
import type { DocumentParties } from './document-parties';

/**
 * The parties of a document as they are on record now: an invoice or credit note keeps its own
 * money and tax, but not names and addresses, which come from the tenant profile and the
 * location and customer read models (a location missing from its lagging read model prints
 * without an address rather than failing the customer's PDF).
 */
@Injectable()
export class DocumentPartiesReader {
  constructor(private readonly db: TenantDb, private readonly tenants: TenantProfiles) {}

  async read(ids: { locationId: string; customerId: string; vehicleId: string | null; recipientHouseholdId?: string | null }): Promise<DocumentParties> {
    const [tenant, [location, customer, vehicle, household]] = await Promise.all([
      this.tenants.current(),
      this.db.run((em) => Promise.all([
        em.findOne(LocationRow, { id: ids.locationId }),
        em.findOne(CustomerRow, { id: ids.customerId }),
        ids.vehicleId ? em.findOne(VehicleRow, { id: ids.vehicleId }) : Promise.resolve(null),
        ids.recipientHouseholdId ? em.findOne(HouseholdRow, { id: ids.recipientHouseholdId }) : Promise.resolve(null),
      ])),
    ]);
    return {
      sellerName: tenant.name,
      location: location
        ? {
          name: location.name, timezone: location.timezone,
          address: { line1: location.addressLine1, line2: location.addressLine2, city: location.city, region: location.region, postalCode: location.postalCode, country: location.country },
        }
        : { name: '', timezone: 'UTC', address: { line1: '', city: '', region: '', postalCode: '', country: '' } },
      customer: customer ? { name: `${customer.firstName} ${customer.lastName}`.trim(), phone: customer.phone, email: customer.email } : null,
      household: household ? { name: household.name } : null,
      vehicle: vehicle ? { year: vehicle.year, make: vehicle.make, model: vehicle.model, vin: vehicle.vin } : null,
    };
  }
}
