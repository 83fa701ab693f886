import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { SCHEDULING_CALENDAR } from '../calendar/calendar.projection';
import { NoShowArgs, UtilisationArgs } from './reports.args';
import { NoShowReportView, UtilisationView } from './reports.dto';
import { NoShowRate, ResourceUtilisation } from './reports.queries';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('scheduling/reports')
export class SchedulingReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('utilisation')
  @RequireAbility('read', 'SchedulingReport')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjection(SCHEDULING_CALENDAR)
  @ApiProblems(404)
  @ApiOkResponse({ type: UtilisationView, description: '404 when the tenant has no resource at the location' })
  @ApiOperation({ summary: 'Utilisation per resource and local day at a location: booked vs working minutes (up to 92 days)' })
  utilisation(@QueryParams() { locationId, from, to }: UtilisationArgs): Promise<UtilisationView> {
    return this.queries.execute(new ResourceUtilisation(locationId, from, to));
  }

  @Get('no-shows')
  @RequireAbility('read', 'SchedulingReport')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjection(SCHEDULING_CALENDAR)
  @ApiProblems(404)
  @ApiOkResponse({ type: NoShowReportView, description: '404 for a location without resources or an unknown resource' })
  @ApiOperation({ summary: 'No-show rate per period, location and resource: no-shows over reservations that reached their start' })
  noShows(@QueryParams() { from, to, period, locationId, resourceId }: NoShowArgs): Promise<NoShowReportView> {
    return this.queries.execute(new NoShowRate({ from, to, period: period ?? 'month', locationId, resourceId }));
  }
}
