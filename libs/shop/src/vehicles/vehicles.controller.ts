import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { RequireAbility } from '@workbay/platform';
import { CommandResultView } from '../shared/command-result';
import { AddVehicle } from './add-vehicle';
import { AddVehicleInput } from './vehicle.dto';

/** Vehicles are read through their owner (GET /customers/:id lists them). */
@ApiTags('vehicles')
@ApiBearerAuth()
@Controller('vehicles')
export class VehiclesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @RequireAbility('create', 'Vehicle')
  @ApiCreatedResponse({ type: CommandResultView })
  add(@Body() input: AddVehicleInput): Promise<CommandResultView> {
    return this.commands.execute(new AddVehicle(input));
  }
}
