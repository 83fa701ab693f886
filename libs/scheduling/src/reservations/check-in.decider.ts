/**
 * CheckIn: the customer has arrived for a reserved appointment. Kept beside the booking decider
 * rather than in it (its command set is the boundary's): it reads the same fold and adds the one
 * fact; the time stays taken (checked_in occupies like reserved), so no resource-day changes.
 */
import { Decider } from '@workbay/eventstore/core';
import { ReservationNotActive } from '../booking/booking.errors';
import { evolveReservation, ReservationState } from './reservation.decider';
import type { ReservationEvent } from './reservation.events';

export interface CheckInDecision {
  type: 'CheckIn';
  reservationId: string;
  /** The shop quote opened (or found) for the visit's vehicle; null without one. */
  quoteId: string | null;
  now: string;
}

export const checkInDecider: Decider<ReservationState, CheckInDecision, ReservationEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveReservation,
  decide(command, state) {
    if (state.status !== 'reserved') throw new ReservationNotActive(command.reservationId, state.status, 'check it in');
    return [{ type: 'ReservationCheckedIn', data: { reservationId: command.reservationId, checkedInAt: command.now, quoteId: command.quoteId } }];
  },
};
