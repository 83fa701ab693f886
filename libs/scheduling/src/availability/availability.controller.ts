import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { AVAILABILITY_GENERATIONS } from './availability-generations.projection';
import { AvailabilityReader } from './availability-reader';
import { AvailabilityArgs } from './availability.args';
import { AvailabilityView } from './availability.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('scheduling/availability')
export class AvailabilityController {
  constructor(private readonly reader: AvailabilityReader) {}

  @Get()
  @RequireAbility('read', 'Availability')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjection(AVAILABILITY_GENERATIONS)
  @ApiProblems(404, 422)
  @ApiOkResponse({ type: AvailabilityView })
  @ApiOperation({
    summary: 'Free slots of a service at a location over local days, for any resource or a chosen one',
    description: 'Display advice (cached, refreshed by every booking event): the booking decides on its own state. ' +
      '404 for a service (or resource) the tenant does not have; 422 when `to` is before `from` or the range passes 31 days, ' +
      'when the service is retired or at another location, or the resource is not one the service can use.',
  })
  availability(@Query() args: AvailabilityArgs): Promise<AvailabilityView> {
    return this.reader.read(args);
  }
}
