import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandResultView, IdOf, ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { AddScheduleException } from './add-schedule-exception';
import { ChangeResourceSettings } from './change-resource-settings';
import { RegisterResource } from './register-resource';
import { RemoveScheduleException } from './remove-schedule-exception';
import { ResourceDirectoryArgs } from './resource-directory.args';
import { RESOURCE_DIRECTORY } from './resource-directory.projection';
import { ResourceDetail, ResourceDirectory } from './resource-directory.queries';
import {
  RegisterResourceInput, ResourcePage, ResourceSettingsInput, ResourceView, ScheduleExceptionAddedView, ScheduleExceptionInput, WorkingHoursInput,
} from './resource.dto';
import { RetireResource } from './retire-resource';
import { SetWorkingHours } from './set-working-hours';

const SCHEDULING = { feature: 'scheduling' };

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('scheduling/resources')
@RequireEntitlement(SCHEDULING)
export class ResourcesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'Resource')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Registers a bookable resource at a shop location', description: "Its hours are in the location's time zone, which it follows. An unknown or closed location is 422 naming `locationId`." })
  register(@Body() input: RegisterResourceInput): Promise<CommandResultView> {
    return this.commands.execute(new RegisterResource(input));
  }

  @Patch(':id')
  @RequireAbility('update', 'Resource')
  @ApiOkResponse({ type: CommandResultView, description: 'omitted fields keep their value' })
  @ApiOperation({ summary: "Changes a resource's name, capacity, slot grid, buffers or booking rules" })
  changeSettings(@Param('id', IdOf('resource')) id: string, @Body() input: ResourceSettingsInput): Promise<CommandResultView> {
    return this.commands.execute(new ChangeResourceSettings(id, input));
  }

  @Put(':id/working-hours')
  @RequireAbility('update', 'Resource')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: "Replaces a resource's weekly working hours and breaks", description: "Local 'HH:mm' in the resource's zone; a day's spans must not overlap and each break must lie inside a working span (422 naming the field)." })
  setWorkingHours(@Param('id', IdOf('resource')) id: string, @Body() input: WorkingHoursInput): Promise<CommandResultView> {
    return this.commands.execute(new SetWorkingHours(id, input));
  }

  @Post(':id/exceptions')
  @RequireAbility('update', 'Resource')
  @ApiCreatedResponse({ type: ScheduleExceptionAddedView })
  @ApiOperation({ summary: 'Adds a dated exception: closed, time off or extra hours' })
  addException(@Param('id', IdOf('resource')) id: string, @Body() input: ScheduleExceptionInput): Promise<ScheduleExceptionAddedView> {
    return this.commands.execute(new AddScheduleException(id, input));
  }

  @Delete(':id/exceptions/:exceptionId')
  @RequireAbility('update', 'Resource')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Removes a dated exception' })
  removeException(@Param('id', IdOf('resource')) id: string, @Param('exceptionId', IdOf('schedule exception')) exceptionId: string): Promise<CommandResultView> {
    return this.commands.execute(new RemoveScheduleException(id, exceptionId));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @RequireAbility('update', 'Resource')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Retires a resource: no longer bookable, its reservations stay' })
  retire(@Param('id', IdOf('resource')) id: string): Promise<CommandResultView> {
    return this.commands.execute(new RetireResource(id));
  }

  @Get()
  @RequireAbility('read', 'Resource')
  @ReadsProjection(RESOURCE_DIRECTORY)
  @ApiOkResponse({ type: ResourcePage })
  @ApiOperation({ summary: 'Resources, newest first, paged by cursor (by location, kind, status)' })
  list(@QueryParams() args: ResourceDirectoryArgs): Promise<ResourcePage> {
    return this.queries.execute(new ResourceDirectory(args.first ?? 20, args.after, args.locationId, args.kind, args.status));
  }

  @Get(':id')
  @RequireAbility('read', 'Resource')
  @ReadsProjection(RESOURCE_DIRECTORY)
  @ApiOkResponse({ type: ResourceView })
  @ApiOperation({ summary: 'One resource with its week and exceptions' })
  detail(@Param('id', IdOf('resource')) id: string): Promise<ResourceView> {
    return this.queries.execute(new ResourceDetail(id));
  }
}
