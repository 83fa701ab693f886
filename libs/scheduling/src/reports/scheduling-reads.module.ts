import { Module } from '@nestjs/common';
import { CalendarController } from '../calendar/calendar.controller';
import { CustomerBookingsHandler, LocationCalendarHandler, ResourceCalendarHandler } from '../calendar/calendar.queries';
import { CalendarResolver } from '../calendar/calendar.resolver';
import { SchedulingReportsController } from './reports.controller';
import { NoShowRateHandler, ResourceUtilisationHandler } from './reports.queries';
import { SchedulingReportsResolver } from './reports.resolver';

/** Scheduling's read side for people: calendars, a customer's bookings, utilisation, no-show rate (REST and GraphQL over the same query handlers). */
@Module({
  controllers: [CalendarController, SchedulingReportsController],
  providers: [
    LocationCalendarHandler, ResourceCalendarHandler, CustomerBookingsHandler, CalendarResolver,
    ResourceUtilisationHandler, NoShowRateHandler, SchedulingReportsResolver,
  ],
})
export class SchedulingReadsModule {}
