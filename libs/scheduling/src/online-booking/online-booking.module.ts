import { Module } from '@nestjs/common';
import { AvailabilityApiModule } from '../availability/availability.module';
import { SchedulingNoticesModule } from '../notices/scheduling-templates';
import { ReservationsApiModule } from '../reservations/reservations.module';
import { ManageLinks } from './manage-links';
import { OnlineBooking } from './online-booking';
import { OnlineBookingController } from './online-booking.controller';
import { OnlineBookingResolver } from './online-booking.resolver';
import { PublicBookingGate } from './public-booking-gate';

/** The public booking pages (API only): by tenant slug and by manage link. */
@Module({
  imports: [ReservationsApiModule, AvailabilityApiModule, SchedulingNoticesModule],
  controllers: [OnlineBookingController],
  providers: [PublicBookingGate, ManageLinks, OnlineBooking, OnlineBookingResolver],
})
export class OnlineBookingModule {}
