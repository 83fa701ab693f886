import { Controller, Get, Param, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, IdOf, ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { CalendarRangeArgs, CustomerBookingsArgs, LocationCalendarArgs } from './calendar.args';
import { CalendarView, CustomerBookingsPage } from './calendar.dto';
import { SCHEDULING_CALENDAR } from './calendar.projection';
import { CustomerBookings, LocationCalendar, ResourceCalendar } from './calendar.queries';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('scheduling')
export class CalendarController {
  constructor(private readonly queries: QueryBus) {}

  @Get('calendar')
  @RequireAbility('read', 'Reservation')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjection(SCHEDULING_CALENDAR)
  @ApiProblems(404)
  @ApiOkResponse({ type: CalendarView, description: '404 when the tenant has no resource at the location' })
  @ApiOperation({ summary: "A location's day or week calendar (up to 31 local days): reservations and live holds" })
  location(@QueryParams() { locationId, from, to }: LocationCalendarArgs): Promise<CalendarView> {
    return this.queries.execute(new LocationCalendar(locationId, from, to));
  }

  @Get('calendar/resources/:id')
  @RequireAbility('read', 'Reservation')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjection(SCHEDULING_CALENDAR)
  @ApiProblems(404)
  @ApiOkResponse({ type: CalendarView })
  @ApiOperation({ summary: "A resource's day or week calendar (up to 31 local days in its zone)" })
  resource(@Param('id', IdOf('resource')) id: string, @QueryParams() { from, to }: CalendarRangeArgs): Promise<CalendarView> {
    return this.queries.execute(new ResourceCalendar(id, from, to));
  }

  @Get('customers/:customerId/bookings')
  @RequireAbility('read', 'Reservation')
  @RequireEntitlement({ feature: 'scheduling' })
  @ReadsProjection(SCHEDULING_CALENDAR)
  @ApiProblems(404)
  @ApiOkResponse({ type: CustomerBookingsPage })
  @ApiOperation({ summary: "A customer's upcoming or past bookings, paged by cursor" })
  customerBookings(@Param('customerId', IdOf('customer')) customerId: string, @QueryParams() { when, first, after }: CustomerBookingsArgs): Promise<CustomerBookingsPage> {
    return this.queries.execute(new CustomerBookings(customerId, when ?? 'upcoming', first ?? 20, after));
  }
}
