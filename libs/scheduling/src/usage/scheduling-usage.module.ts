import { Module } from '@nestjs/common';
import { SignalAppointmentBookedHandler } from './signal-appointment-usage';

/** The handler the appointment-usage process manager dispatches to (worker side). */
@Module({ providers: [SignalAppointmentBookedHandler] })
export class SchedulingUsageModule {}
