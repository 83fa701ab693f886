import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { AsOfArgs, CommandResultView, IdOf } from '@workbay/platform';
import { ChangeLocationTax } from './change-location-tax';
import { SetLocationTaxId } from './set-location-tax-id';
import { CloseLocation } from './close-location';
import { LocationDirectoryArgs } from './location-directory.args';
import { LOCATION_DIRECTORY, LocationDetail, LocationDirectory } from './location-directory.queries';
import {
  ChangeLocationTaxInput, CloseLocationInput, LocationPage, LocationView, OpenLocationInput, SetLocationTaxIdInput, UpdateLocationInput,
} from './location.dto';
import { OpenLocation } from './open-location';
import { UpdateLocation } from './update-location';

@ApiTags('locations')
@ApiBearerAuth()
@Controller('locations')
export class LocationsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'Location')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({
    summary: 'Opens a shop location',
    description: "Every plan includes one open location; a second needs the plan's `multi_location`, else 403 `FEATURE_NOT_IN_PLAN` " +
      '(with `feature: multi_location`), also when openings race: close one or change plan (waiting changes nothing).',
  })
  open(@Body() input: OpenLocationInput): Promise<CommandResultView> {
    return this.commands.execute(new OpenLocation(input));
  }

  @Patch(':id')
  @RequireAbility('update', 'Location')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Renames a location or changes its address or timezone' })
  update(@Param('id', IdOf('location')) id: string, @Body() input: UpdateLocationInput): Promise<CommandResultView> {
    return this.commands.execute(new UpdateLocation(id, input));
  }

  @Post(':id/change-tax')
  @HttpCode(200)
  @RequireAbility('update', 'Location')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Changes a location\'s tax jurisdiction' })
  changeTax(@Param('id', IdOf('location')) id: string, @Body() input: ChangeLocationTaxInput): Promise<CommandResultView> {
    return this.commands.execute(new ChangeLocationTax(id, input));
  }

  @Put(':id/tax-id')
  @RequireAbility('update', 'Location')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: "Sets the location's own GSTIN or VAT id (printed on its invoices as the seller's)" })
  setTaxId(@Param('id', IdOf('location')) id: string, @Body() input: SetLocationTaxIdInput): Promise<CommandResultView> {
    return this.commands.execute(new SetLocationTaxId(id, input));
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequireAbility('update', 'Location')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Closes a location' })
  close(@Param('id', IdOf('location')) id: string, @Body() input: CloseLocationInput): Promise<CommandResultView> {
    return this.commands.execute(new CloseLocation(id, input));
  }

  @Get()
  @RequireAbility('read', 'Location')
  @ReadsProjection(LOCATION_DIRECTORY)
  @ApiOkResponse({ type: LocationPage })
  @ApiOperation({ summary: 'Shop locations, paged by cursor' })
  list(@QueryParams() args: LocationDirectoryArgs): Promise<LocationPage> {
    return this.queries.execute(new LocationDirectory(args.first ?? 20, args.after, args.status));
  }

  @Get(':id')
  @RequireAbility('read', 'Location')
  @ReadsProjection(LOCATION_DIRECTORY)
  @ApiOkResponse({ type: LocationView })
  @ApiOperation({ summary: 'One location (or as it stood at ?asOf=)' })
  detail(@Param('id', IdOf('location')) id: string, @QueryParams() { asOf }: AsOfArgs): Promise<LocationView> {
    return this.queries.execute(new LocationDetail(id, asOf));
  }
}
