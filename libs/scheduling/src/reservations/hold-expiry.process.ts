import type { StatefulProcessManager } from '@workbay/platform';
import { ExpireHold } from './expire-hold';

/** The timer of a hold, if one was scheduled: cancelled once the hold is confirmed, cancelled or let go. */
type HoldTimer = { timerId: string | null };

/**
 * Writes HoldExpired when a hold's time is up, through a durable platform timer (a row with the
 * SlotHeld event's checkpoint, a BullMQ job only as the trigger, a sweeper for lost jobs). The
 * boundary does not wait for it: it treats an expired hold as free at once and lets it go in the
 * booking's own write. This is for the read models (calendars, occupancies) and the cache.
 */
export const holdExpiryProcess: StatefulProcessManager<HoldTimer> = {
  name: 'scheduling.hold-expiry',
  eventTypes: ['SlotHeld', 'HoldConfirmed', 'HoldExpired', 'ReservationCancelled'],
  initialState: { timerId: null },
  correlate: (event) => (event.data as { reservationId: string }).reservationId,
  evolve: (state, event) => (event.type === 'SlotHeld' ? { timerId: `hold-expiry-${event.eventId}` } : state),
  react(state, event) {
    if (event.type === 'SlotHeld') {
      const d = event.data as { reservationId: string; expiresAt: string };
      return { schedule: [{ timerId: state.timerId!, dueAt: new Date(d.expiresAt), command: { type: 'ExpireHold', payload: { reservationId: d.reservationId } } }] };
    }
    return { cancel: state.timerId && event.type !== 'HoldExpired' ? [state.timerId] : [] };
  },
  timerCommand: (command) => new ExpireHold(String(command.payload.reservationId)),
};
