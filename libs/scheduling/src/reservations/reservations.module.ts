import { Module } from '@nestjs/common';
import { BookingBoundary } from '../booking/booking-boundary';
import { BookingDefinitions } from '../booking/booking-definitions';
import { BookSlots } from './book-slots';
import { StaffBookingTerms } from './booking-input';
import { CancelReservationHandler } from './cancel-reservation';
import { CompleteReservationHandler } from './complete-reservation';
import { ConfirmHoldHandler } from './confirm-hold';
import { ExpireHoldHandler } from './expire-hold';
import { HoldSlotHandler } from './hold-slot';
import { MarkNoShowHandler } from './mark-no-show';
import { ReservationChanges } from './reservation-changes';
import { ReservationDetailHandler } from './reservation-detail.query';
import { ReservationsController } from './reservations.controller';
import { ReservationsResolver } from './reservations.resolver';
import { RescheduleReservationHandler } from './reschedule-reservation';
import { ReserveRecurringHandler } from './reserve-recurring';
import { ReserveSlotHandler } from './reserve-slot';

const core = [BookingBoundary, BookingDefinitions, BookSlots, ReservationChanges, StaffBookingTerms];
const handlers = [
  ReserveSlotHandler, HoldSlotHandler, ReserveRecurringHandler, ConfirmHoldHandler, RescheduleReservationHandler, CancelReservationHandler,
  MarkNoShowHandler, CompleteReservationHandler, ExpireHoldHandler, ReservationDetailHandler,
];

/** Reservations at the booking boundary: every command over REST and GraphQL. The boundary (and its in-process queue) is one per process. */
@Module({ controllers: [ReservationsController], providers: [...core, ...handlers, ReservationsResolver], exports: [BookingBoundary, BookingDefinitions, BookSlots, ReservationChanges] })
export class ReservationsApiModule {}

/** In the worker: what the hold timer dispatches (ExpireHold) and what process managers may send. */
@Module({ providers: [...core, ...handlers], exports: [BookingBoundary, BookingDefinitions, BookSlots, ReservationChanges] })
export class ReservationsWorkerModule {}
