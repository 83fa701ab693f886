import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@workbay/platform';
import { loadReferenced, UnknownReference } from '../shared/references';
import { vehicleDecider } from '../vehicles/vehicle.decider';
import { vehicleStreamCategory } from '../vehicles/vehicle.events';
import { customerDecider } from './customer.decider';
import { customerStreamCategory } from './customer.events';
import { CustomerReference, CustomerReferenceView } from './customer-reference.query';

@QueryHandler(CustomerReference)
export class CustomerReferenceHandler implements IQueryHandler<CustomerReference> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ customerId, vehicleId, fields }: CustomerReference): Promise<CustomerReferenceView> {
    const customer = await loadReferenced(this.aggregates, customerDecider, customerStreamCategory, customerId, fields.customerId, 'customer');
    if (customer.status !== 'registered') throw new UnknownReference(fields.customerId, 'customer');
    if (vehicleId) {
      const vehicle = await loadReferenced(this.aggregates, vehicleDecider, vehicleStreamCategory, vehicleId, fields.vehicleId, 'vehicle');
      if (vehicle.status !== 'active' || vehicle.customerId !== customerId) throw new UnknownReference(fields.vehicleId, "vehicle of this customer");
    }
    return {
      customerId, name: `${customer.firstName} ${customer.lastName}`.trim(), email: customer.email, phone: customer.phone, vehicleId: vehicleId ?? null,
    };
  }
}
