import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError, TenantDb } from '@workbay/platform';
import { VehicleRow } from '../customers/customer-directory.entities';
import { toVehicleView } from '../customers/customer-directory.queries';
import { VehicleView } from '../customers/customer.dto';

export class VehicleDetail extends Query<VehicleView> {
  constructor(readonly vehicleId: string) {
    super();
  }
}

@QueryHandler(VehicleDetail)
export class VehicleDetailHandler implements IQueryHandler<VehicleDetail> {
  constructor(private readonly db: TenantDb) {}

  execute({ vehicleId }: VehicleDetail): Promise<VehicleView> {
    return this.db.run(async (em) => {
      const vehicle = await em.findOne(VehicleRow, { id: vehicleId });
      if (!vehicle) throw new NotFoundError('vehicle', vehicleId);
      return toVehicleView(vehicle);
    });
  }
}
