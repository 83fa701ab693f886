import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { RequireAbility } from '@workbay/platform';
import { CommandResultView } from '../shared/command-result';
import { AddVehicle } from './add-vehicle';
import { AddVehicleInput } from './vehicle.dto';

@Resolver()
export class VehiclesResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => CommandResultView)
  @RequireAbility('create', 'Vehicle')
  addVehicle(@Args('input') input: AddVehicleInput): Promise<CommandResultView> {
    return this.commands.execute(new AddVehicle(input));
  }
}
