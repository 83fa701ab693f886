import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { CUSTOMER_DIRECTORY } from '../customers/customer-directory.queries';
import { VehicleView } from '../customers/customer.dto';
import { CommandResultView, IdOf } from '@workbay/platform';
import { AddVehicle } from './add-vehicle';
import { RecordMileage } from './record-mileage';
import { VEHICLE_HISTORY, VehicleHistory } from './vehicle-history.queries';
import { VehicleDetail } from './vehicle-detail.query';
import { AddVehicleInput, RecordMileageInput, VehicleHistoryView } from './vehicle.dto';

const vehicleId = () => Args('id', { type: () => ID, description: 'the vehicle' }, IdOf('vehicle'));

@Resolver()
export class VehiclesResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Adds a vehicle to a customer' })
  @RequireAbility('create', 'Vehicle')
  addVehicle(@Args('input', { description: 'the vehicle' }) input: AddVehicleInput): Promise<CommandResultView> {
    return this.commands.execute(new AddVehicle(input));
  }

  @Mutation(() => CommandResultView, { description: "Records a vehicle's odometer reading" })
  @RequireAbility('update', 'Vehicle')
  recordMileage(@vehicleId() id: string, @Args('input', { description: 'the reading' }) input: RecordMileageInput): Promise<CommandResultView> {
    return this.commands.execute(new RecordMileage(id, input));
  }

  @Query(() => VehicleView, { description: 'One vehicle' })
  @RequireAbility('read', 'Vehicle')
  @ReadsProjectionQuery(CUSTOMER_DIRECTORY)
  vehicle(@vehicleId() id: string): Promise<VehicleView> {
    return this.queries.execute(new VehicleDetail(id));
  }

  @Query(() => VehicleHistoryView, { description: "A vehicle's service history: every repair order, its lines, technicians and invoice" })
  @RequireAbility('read', 'Vehicle')
  @ReadsProjectionQuery(VEHICLE_HISTORY)
  vehicleHistory(@vehicleId() id: string): Promise<VehicleHistoryView> {
    return this.queries.execute(new VehicleHistory(id));
  }
}
