import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { SCHEDULING_CALENDAR } from '../calendar/calendar.projection';
import { NoShowArgs, UtilisationArgs } from './reports.args';
import { NoShowReportView, UtilisationView } from './reports.dto';
import { NoShowRate, ResourceUtilisation } from './reports.queries';

@Resolver()
export class SchedulingReportsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => UtilisationView, { description: 'Utilisation per resource and local day at a location: booked vs working minutes (up to 92 days)' })
  @RequireAbility('read', 'SchedulingReport')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjectionQuery(SCHEDULING_CALENDAR)
  resourceUtilisation(@Args() { locationId, from, to }: UtilisationArgs): Promise<UtilisationView> {
    return this.queries.execute(new ResourceUtilisation(locationId, from, to));
  }

  @Query(() => NoShowReportView, { description: 'No-show rate per period, location and resource' })
  @RequireAbility('read', 'SchedulingReport')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjectionQuery(SCHEDULING_CALENDAR)
  noShowRate(@Args() { from, to, period, locationId, resourceId }: NoShowArgs): Promise<NoShowReportView> {
    return this.queries.execute(new NoShowRate({ from, to, period: period ?? 'month', locationId, resourceId }));
  }
}
