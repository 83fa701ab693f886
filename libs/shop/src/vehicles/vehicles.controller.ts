import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { CUSTOMER_DIRECTORY } from '../customers/customer-directory.queries';
import { VehicleView } from '../customers/customer.dto';
import { CommandResultView, IdOf } from '@workbay/platform';
import { AddVehicle } from './add-vehicle';
import { RecordMileage } from './record-mileage';
import { VEHICLE_HISTORY, VehicleHistory } from './vehicle-history.queries';
import { VehicleDetail } from './vehicle-detail.query';
import { AddVehicleInput, RecordMileageInput, VehicleHistoryView } from './vehicle.dto';

@ApiTags('vehicles')
@ApiBearerAuth()
@Controller('vehicles')
export class VehiclesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'Vehicle')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Adds a customer\'s vehicle (VIN, odometer)' })
  add(@Body() input: AddVehicleInput): Promise<CommandResultView> {
    return this.commands.execute(new AddVehicle(input));
  }

  @Post(':id/mileage')
  @HttpCode(200)
  @RequireAbility('update', 'Vehicle')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Records a vehicle\'s odometer reading' })
  recordMileage(@Param('id', IdOf('vehicle')) id: string, @Body() input: RecordMileageInput): Promise<CommandResultView> {
    return this.commands.execute(new RecordMileage(id, input));
  }

  @Get(':id')
  @RequireAbility('read', 'Vehicle')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  @ApiOkResponse({ type: VehicleView })
  @ApiOperation({ summary: 'One vehicle' })
  detail(@Param('id', IdOf('vehicle')) id: string): Promise<VehicleView> {
    return this.queries.execute(new VehicleDetail(id));
  }

  @Get(':id/history')
  @RequireAbility('read', 'Vehicle')
  @ReadsProjection(VEHICLE_HISTORY)
  @ApiOkResponse({ type: VehicleHistoryView, description: 'every repair order of the vehicle, newest first, with lines, technicians, mileage and invoice' })
  @ApiOperation({ summary: 'A vehicle\'s service history' })
  history(@Param('id', IdOf('vehicle')) id: string): Promise<VehicleHistoryView> {
    return this.queries.execute(new VehicleHistory(id));
  }
}
