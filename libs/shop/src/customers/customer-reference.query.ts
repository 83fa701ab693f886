import { Query } from '@nestjs/cqrs';

/** A customer (and optionally one of their vehicles) as another context may refer to it: who to remind, and how. */
export interface CustomerReferenceView {
  customerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  vehicleId: string | null;
}

/**
 * For other contexts (`@workbay/shop/contract`): checks that `customerId` (and `vehicleId`, one of
 * that customer's vehicles) are records of the caller's tenant, from their streams, and returns
 * the contact details. Unknown: 422 naming the caller's field (`fields`), never 404.
 */
export class CustomerReference extends Query<CustomerReferenceView> {
  constructor(
    readonly customerId: string,
    readonly vehicleId: string | null = null,
    readonly fields: { customerId: string; vehicleId: string } = { customerId: 'customerId', vehicleId: 'vehicleId' },
  ) {
    super();
  }
}
