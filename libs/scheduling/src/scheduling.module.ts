import { Module } from '@nestjs/common';
import { AvailabilityApiModule } from './availability/availability.module';
import { SchedulingCatalogModule } from './catalog.module';
import { OnlineBookingModule } from './online-booking/online-booking.module';
import { RemindersModule } from './reminders/reminders.module';
import { SchedulingReadsModule } from './reports/scheduling-reads.module';
import { CheckInModule } from './reservations/check-in.module';
import { ReservationsApiModule, ReservationsWorkerModule } from './reservations/reservations.module';
import { SchedulingUsageModule } from './usage/scheduling-usage.module';

/** Scheduling in the API: one import per part (resources, services, availability, reservations, online booking, reports), each its own module in its folder. */
@Module({ imports: [SchedulingCatalogModule, AvailabilityApiModule, ReservationsApiModule, OnlineBookingModule, CheckInModule, SchedulingReadsModule] })
export class SchedulingApiModule {}

/** Scheduling in the worker: the parts whose command handlers process managers and timers dispatch to. */
@Module({ imports: [SchedulingCatalogModule, ReservationsWorkerModule, RemindersModule, SchedulingUsageModule] })
export class SchedulingWorkerModule {}
