import { Injectable } from '@nestjs/common';
import { fold } from '@workbay/eventstore/core';
import { CommandResult, NotFoundError } from '@workbay/platform';
import { BookingBoundary } from '../booking/booking-boundary';
import { BookingDefinitions } from '../booking/booking-definitions';
import { confirmWrites, dayKeysOfResources, DayWrites, releaseWrites } from '../booking/day-writes.rules';
import { dayAppends, dayLock, readDays } from './book-slots';
import { decideReservation, ReservationCommand, reservationDecider } from './reservation.decider';
import { ReservationEvent, reservationStreamCategory } from './reservation.events';

export type ReservationChange = { type: 'ConfirmHold' } | { type: 'Cancel'; reason: string | null } | { type: 'ExpireHold' };

/**
 * Changes of a reservation that change what its resource-days hold (confirm a hold, cancel, let a
 * hold expire): its own event and each day's in one atomic write, so a booking racing it sees
 * either the old time or the new, never a day that disagrees with the reservation.
 */
@Injectable()
export class ReservationChanges {
  constructor(private readonly boundary: BookingBoundary, private readonly definitions: BookingDefinitions) {}

  async apply(reservationId: string, change: ReservationChange): Promise<CommandResult> {
    const before = await this.definitions.reservation(reservationId);
    const settings = change.type === 'Cancel' ? await this.definitions.settings() : null;
    const locks = [...dayKeysOfResources(before.resources).map(dayLock), `${reservationStreamCategory}-${reservationId}`];
    return this.boundary.decide(reservationId, locks, async (reads, now) => {
      const state = fold(reservationDecider, await reads.read<ReservationEvent>(reservationStreamCategory, reservationId));
      if (state.status === 'none') throw new NotFoundError('reservation', reservationId);
      const command: ReservationCommand = change.type === 'Cancel' && settings
        ? { type: 'Cancel', now, settings, reason: change.reason }
        : { type: change.type === 'ConfirmHold' ? 'ConfirmHold' : 'ExpireHold', now };
      const events = decideReservation(command, state);
      if (events.length === 0) return [];
      const days = await readDays(reads, dayKeysOfResources(state.resources));
      const writes: DayWrites = change.type === 'ConfirmHold'
        ? confirmWrites(reservationId, state.resources, now)
        : releaseWrites(reservationId, state.resources, change.type === 'Cancel' ? 'cancelled' : 'hold_expired', now);
      // Only days that still hold it (an expired hold may have been let go on a day by a booking already).
      for (const key of Object.keys(writes)) if (!days[key]?.occupancies[reservationId]) delete writes[key];
      return [{ category: reservationStreamCategory, id: reservationId, events, keyed: true }, ...dayAppends(writes)];
    });
  }
}
