import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError, TenantDb } from '@workbay/platform';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { CustomerRow, VehicleRow } from './customer-directory.entities';
import { CustomerPage, CustomerView, VehicleView } from './customer.dto';
import type { TaxIdView } from './customer-billing.dto';
import type { TaxId } from '../invoices/tax-id.rules';

export const toTaxIdView = (id: TaxId): TaxIdView => id.scheme === 'IN_GSTIN'
  ? { scheme: id.scheme, value: id.value, stateCode: id.stateCode, country: 'IN' }
  : { scheme: id.scheme, value: id.value, stateCode: null, country: id.country };

export const CUSTOMER_DIRECTORY = 'shop.customer-directory';

export class CustomerDirectory extends Query<CustomerPage> {
  constructor(readonly first: number, readonly after?: string) {
    super();
  }
}

export class CustomerDetail extends Query<CustomerView> {
  constructor(readonly customerId: string) {
    super();
  }
}

export const toVehicleView = (v: VehicleRow): VehicleView => ({
  id: v.id, customerId: v.customerId, vin: v.vin, year: v.year, make: v.make, model: v.model, mileage: v.mileage,
  addedAt: v.addedAt.toISOString(),
});

export const toCustomerView = (c: CustomerRow, vehicles: VehicleRow[]): CustomerView => ({
  id: c.id, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone,
  registeredAt: c.registeredAt.toISOString(), householdId: c.householdId, preferredLocationIds: c.preferredLocationIds,
  billingAddress: c.billingAddress ?? null, taxId: c.taxId ? toTaxIdView(c.taxId) : null,
  vehicles: vehicles.filter((v) => v.customerId === c.id).map(toVehicleView),
});

@QueryHandler(CustomerDirectory)
export class CustomerDirectoryHandler implements IQueryHandler<CustomerDirectory> {
  constructor(private readonly db: TenantDb) {}

  execute({ first, after }: CustomerDirectory): Promise<CustomerPage> {
    const cursor = decodeCursor(after);
    return this.db.run(async (em) => {
      const where = cursor
        ? { $or: [{ registeredAt: { $lt: new Date(cursor.at) } }, { registeredAt: new Date(cursor.at), id: { $lt: cursor.id } }] }
        : {};
      const rows = await em.find(CustomerRow, where, { orderBy: { registeredAt: 'desc', id: 'desc' }, limit: first + 1 });
      const page = rows.slice(0, first);
      const vehicles = page.length ? await em.find(VehicleRow, { customerId: { $in: page.map((c) => c.id) } }, { orderBy: { addedAt: 'asc' } }) : [];
      const last = page[page.length - 1];
      return {
        items: page.map((c) => toCustomerView(c, vehicles)),
        nextCursor: rows.length > first && last ? encodeCursor(last.registeredAt, last.id) : null,
      };
    });
  }
}

@QueryHandler(CustomerDetail)
export class CustomerDetailHandler implements IQueryHandler<CustomerDetail> {
  constructor(private readonly db: TenantDb) {}

  execute({ customerId }: CustomerDetail): Promise<CustomerView> {
    return this.db.run(async (em) => {
      const customer = await em.findOne(CustomerRow, { id: customerId });
      if (!customer) throw new NotFoundError('customer', customerId);
      const vehicles = await em.find(VehicleRow, { customerId }, { orderBy: { addedAt: 'asc' } });
      return toCustomerView(customer, vehicles);
    });
  }
}
