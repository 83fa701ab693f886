import { Body, Controller, Get, HttpCode, Param, Post, Put, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandResultView, IdOf, ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { DefineService } from './define-service';
import { RetireService } from './retire-service';
import { ReviseService } from './revise-service';
import { ServiceDirectoryArgs } from './service-directory.args';
import { SERVICE_DIRECTORY } from './service-directory.projection';
import { ServiceDetail, ServiceDirectory } from './service-directory.queries';
import { DefineServiceInput, ServicePage, ServiceTermsInput, ServiceView } from './service.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('scheduling/services')
@RequireEntitlement({ feature: 'scheduling' })
export class ServicesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'Service')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({
    summary: 'Defines a bookable service at a shop location',
    description: 'Every `needs[].resourceIds` entry must be an active resource of this tenant, location and kind (422 naming it); an unknown or closed location is 422 naming `locationId`.',
  })
  define(@Body() input: DefineServiceInput): Promise<CommandResultView> {
    return this.commands.execute(new DefineService(input));
  }

  @Put(':id')
  @RequireAbility('update', 'Service')
  @ApiOkResponse({ type: CommandResultView, description: 'replaces the terms; the location stays' })
  @ApiOperation({ summary: 'Revises a service' })
  revise(@Param('id', IdOf('service')) id: string, @Body() input: ServiceTermsInput): Promise<CommandResultView> {
    return this.commands.execute(new ReviseService(id, input));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @RequireAbility('update', 'Service')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Retires a service: no longer bookable, its reservations stay' })
  retire(@Param('id', IdOf('service')) id: string): Promise<CommandResultView> {
    return this.commands.execute(new RetireService(id));
  }

  @Get()
  @RequireAbility('read', 'Service')
  @ReadsProjection(SERVICE_DIRECTORY)
  @ApiOkResponse({ type: ServicePage })
  @ApiOperation({ summary: 'Services, newest first, paged by cursor (by location, needed kind, status)' })
  list(@QueryParams() args: ServiceDirectoryArgs): Promise<ServicePage> {
    return this.queries.execute(new ServiceDirectory(args.first ?? 20, args.after, args.locationId, args.kind, args.status));
  }

  @Get(':id')
  @RequireAbility('read', 'Service')
  @ReadsProjection(SERVICE_DIRECTORY)
  @ApiOkResponse({ type: ServiceView })
  @ApiOperation({ summary: 'One service' })
  detail(@Param('id', IdOf('service')) id: string): Promise<ServiceView> {
    return this.queries.execute(new ServiceDetail(id));
  }
}
