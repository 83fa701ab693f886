import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { CustomerBookingsQueryArgs, LocationCalendarArgs, ResourceCalendarArgs } from './calendar.args';
import { CalendarView, CustomerBookingsPage } from './calendar.dto';
import { SCHEDULING_CALENDAR } from './calendar.projection';
import { CustomerBookings, LocationCalendar, ResourceCalendar } from './calendar.queries';

@Resolver()
export class CalendarResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => CalendarView, { description: "A location's day or week calendar (up to 31 local days): reservations and live holds" })
  @RequireAbility('read', 'Reservation')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjectionQuery(SCHEDULING_CALENDAR)
  locationCalendar(@Args() { locationId, from, to }: LocationCalendarArgs): Promise<CalendarView> {
    return this.queries.execute(new LocationCalendar(locationId, from, to));
  }

  @Query(() => CalendarView, { description: "A resource's day or week calendar (up to 31 local days in its zone)" })
  @RequireAbility('read', 'Reservation')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjectionQuery(SCHEDULING_CALENDAR)
  resourceCalendar(@Args() { resourceId, from, to }: ResourceCalendarArgs): Promise<CalendarView> {
    return this.queries.execute(new ResourceCalendar(resourceId, from, to));
  }

  @Query(() => CustomerBookingsPage, { description: "A customer's upcoming or past bookings, paged" })
  @RequireAbility('read', 'Reservation')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjectionQuery(SCHEDULING_CALENDAR)
  customerBookings(@Args() { customerId, when, first, after }: CustomerBookingsQueryArgs): Promise<CustomerBookingsPage> {
    return this.queries.execute(new CustomerBookings(customerId, when ?? 'upcoming', first ?? 20, after));
  }
}
