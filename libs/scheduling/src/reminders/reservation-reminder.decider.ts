/**
 * The part of a reservation's stream a reminder decides on: whether it still occupies its slot,
 * its start, who it is for, and which reminders went out. Kept beside the reminders (the booking
 * decider is the boundary's) so a reminder never needs more of the stream than this. Pure.
 */
import { Decider, DomainError } from '@workbay/eventstore/core';
import type { BookingParty, ReservationEvent, ReservationReminderSent } from '../reservations/reservation.events';

export interface ReminderView {
  status: 'none' | 'held' | 'booked' | 'ended';
  start: string | null;
  party: BookingParty | null;
  serviceId: string | null;
  sent: string[];
}

export interface RecordReminderSent {
  type: 'RecordReminderSent';
  reservationId: string;
  reminderId: string;
  offsetMinutes: number;
  /** The start the reminder was planned for: a reminder of an older start is stale. */
  start: string;
  notificationId: string | null;
  sentAt: string;
}

export class ReminderNoLongerDue extends DomainError {
  readonly code = 'REMINDER_NO_LONGER_DUE';
  override readonly kind = 'conflict' as const;
  constructor(reservationId: string, why: string) {
    super(`reservation ${reservationId}: reminder not sent (${why})`);
  }
}

/** Why a reminder for `start` would not be sent now; null: it is due. */
export function reminderRefusal(state: ReminderView, start: string): string | null {
  if (state.status === 'none') return 'no such reservation';
  if (state.status === 'held') return 'still a hold';
  if (state.status === 'ended') return 'the reservation ended';
  if (state.start !== start) return 'the reservation was moved';
  return null;
}

export const reminderDecider: Decider<ReminderView, RecordReminderSent, ReservationReminderSent> = {
  initialState: () => ({ status: 'none', start: null, party: null, serviceId: null, sent: [] }),
  evolve(state, event: ReservationEvent | { type: string; data: unknown }): ReminderView {
    const e = event as ReservationEvent;
    switch (e.type) {
      case 'SlotReserved': return { ...state, status: 'booked', start: e.data.start, party: e.data.party, serviceId: e.data.serviceId };
      case 'SlotHeld': return { ...state, status: 'held', start: e.data.start, party: e.data.party, serviceId: e.data.serviceId };
      case 'HoldConfirmed': return { ...state, status: 'booked' };
      case 'ReservationRescheduled': return { ...state, start: e.data.start };
      case 'ReservationReminderSent': return { ...state, sent: [...state.sent, e.data.reminderId] };
      case 'ReservationCancelled': case 'ReservationMarkedNoShow': case 'ReservationCompleted': case 'HoldExpired': case 'ReservationCheckedIn':
        return { ...state, status: 'ended' };
      default: return state;
    }
  },
  decide(command, state) {
    // Its own repeat never gets here (the aggregate store answers it by the reminder id as key).
    if (state.sent.includes(command.reminderId)) throw new ReminderNoLongerDue(command.reservationId, 'already sent');
    const refusal = reminderRefusal(state, command.start);
    if (refusal) throw new ReminderNoLongerDue(command.reservationId, refusal);
    return [{
      type: 'ReservationReminderSent',
      data: { reservationId: command.reservationId, reminderId: command.reminderId, offsetMinutes: command.offsetMinutes, notificationId: command.notificationId, sentAt: command.sentAt },
    }];
  },
};
