/**
 * One reservation's life: held or reserved, confirmed, moved, cancelled, expired, no-show,
 * completed. What time it may take is the booking boundary's decision (booking/placement.rules.ts);
 * this decider turns a placement into the reservation's facts and guards its status changes.
 */
import type { Decider } from '@workbay/eventstore/core';
import { HoldExpiredError, NotYetStarted, ReservationNotActive } from '../booking/booking.errors';
import type { Placement } from '../booking/placement.rules';
import type { SchedulingSettings, ServiceDefinition } from '../shared/schedule.rules';
import type { BookedSlot, BookingParty, ReservationEvent, TakenResource } from './reservation.events';

export const RESERVATION_STATUSES = ['held', 'reserved', 'checked_in', 'cancelled', 'expired', 'no_show', 'completed'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export type ReservationState =
  | { status: 'none' }
  | (Omit<BookedSlot, 'resources'> & { status: ReservationStatus; resources: TakenResource[]; holdExpiresAt: string | null; late: boolean | null });

/** What the booking asks besides the placement. */
export interface BookingTerms {
  party: BookingParty;
  notes: string | null;
  seriesId: string | null;
  channel: 'staff' | 'online';
}

export type ReservationCommand =
  | { type: 'Book'; placement: Placement; service: ServiceDefinition; terms: BookingTerms; now: string; holdExpiresAt: string | null }
  | { type: 'ConfirmHold'; now: string }
  | { type: 'ExpireHold'; now: string }
  | { type: 'Reschedule'; placement: Placement; now: string }
  | { type: 'Cancel'; now: string; settings: SchedulingSettings; reason: string | null }
  | { type: 'MarkNoShow'; now: string }
  | { type: 'Complete'; now: string };

const occupying = (s: ReservationState): s is Exclude<ReservationState, { status: 'none' }> =>
  s.status === 'held' || s.status === 'reserved' || s.status === 'checked_in';

export function decideReservation(command: ReservationCommand, state: ReservationState): ReservationEvent[] {
  const id = state.status === 'none' ? '' : state.reservationId;
  switch (command.type) {
    case 'Book': {
      const { placement: p, service, terms, now, holdExpiresAt } = command;
      if (state.status !== 'none') throw new ReservationNotActive(p.reservationId, state.status, 'book it again');
      const slot: BookedSlot = {
        reservationId: p.reservationId, serviceId: service.serviceId, locationId: service.locationId, start: p.start, end: p.end,
        resources: p.resources, seats: service.seatsPerBooking, party: terms.party, notes: terms.notes, seriesId: terms.seriesId,
        channel: terms.channel, price: service.price,
      };
      return holdExpiresAt
        ? [{ type: 'SlotHeld', data: { ...slot, heldAt: now, expiresAt: holdExpiresAt } }]
        : [{ type: 'SlotReserved', data: { ...slot, reservedAt: now } }];
    }
    case 'ConfirmHold': {
      if (state.status === 'expired' && state.holdExpiresAt) throw new HoldExpiredError(id, state.holdExpiresAt);
      if (state.status !== 'held') throw new ReservationNotActive(id || 'unknown', state.status, 'confirm it as a hold');
      if (state.holdExpiresAt && Date.parse(command.now) >= Date.parse(state.holdExpiresAt)) throw new HoldExpiredError(id, state.holdExpiresAt);
      return [{ type: 'HoldConfirmed', data: { reservationId: id, confirmedAt: command.now } }];
    }
    case 'ExpireHold': {
      // A timer that fires late or twice, or after a confirm: nothing to do.
      if (state.status !== 'held' || !state.holdExpiresAt || Date.parse(command.now) < Date.parse(state.holdExpiresAt)) return [];
      return [{ type: 'HoldExpired', data: { reservationId: id, expiredAt: command.now } }];
    }
    case 'Reschedule': {
      if (state.status !== 'reserved' && state.status !== 'held') throw new ReservationNotActive(id || 'unknown', state.status, 'reschedule it');
      if (state.status === 'held' && state.holdExpiresAt && Date.parse(command.now) >= Date.parse(state.holdExpiresAt)) throw new HoldExpiredError(id, state.holdExpiresAt);
      const p = command.placement;
      return [{
        type: 'ReservationRescheduled',
        data: { reservationId: id, previous: { start: state.start, end: state.end, resources: state.resources }, start: p.start, end: p.end, resources: p.resources, rescheduledAt: command.now },
      }];
    }
    case 'Cancel': {
      if (state.status !== 'reserved' && state.status !== 'held') throw new ReservationNotActive(id || 'unknown', state.status, 'cancel it');
      const { now, settings } = command;
      const late = Date.parse(state.start) - Date.parse(now) < settings.cancellationWindowHours * 3_600_000;
      return [{ type: 'ReservationCancelled', data: { reservationId: id, late, fee: late ? settings.lateCancelFee : null, reason: command.reason, cancelledAt: now } }];
    }
    case 'MarkNoShow': {
      if (state.status !== 'reserved') throw new ReservationNotActive(id || 'unknown', state.status, 'mark it a no-show');
      if (Date.parse(command.now) < Date.parse(state.start)) throw new NotYetStarted(id, state.start);
      return [{ type: 'ReservationMarkedNoShow', data: { reservationId: id, markedAt: command.now } }];
    }
    case 'Complete': {
      if (state.status !== 'reserved' && state.status !== 'checked_in') throw new ReservationNotActive(id || 'unknown', state.status, 'complete it');
      if (Date.parse(command.now) < Date.parse(state.start)) throw new NotYetStarted(id, state.start);
      return [{ type: 'ReservationCompleted', data: { reservationId: id, completedAt: command.now } }];
    }
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

export function evolveReservation(state: ReservationState, event: ReservationEvent): ReservationState {
  switch (event.type) {
    case 'SlotReserved': {
      const { reservedAt: _at, ...slot } = event.data;
      return { ...slot, status: 'reserved', holdExpiresAt: null, late: null };
    }
    case 'SlotHeld': {
      const { heldAt: _at, expiresAt, ...slot } = event.data;
      return { ...slot, status: 'held', holdExpiresAt: expiresAt, late: null };
    }
    case 'HoldConfirmed':
      return occupying(state) ? { ...state, status: 'reserved', holdExpiresAt: null } : state;
    case 'HoldExpired':
      return state.status === 'held' ? { ...state, status: 'expired' } : state;
    case 'ReservationRescheduled':
      return state.status === 'none' ? state : { ...state, start: event.data.start, end: event.data.end, resources: event.data.resources };
    case 'ReservationCancelled':
      return state.status === 'none' ? state : { ...state, status: 'cancelled', late: event.data.late };
    case 'ReservationCheckedIn':
      return state.status === 'none' ? state : { ...state, status: 'checked_in' };
    case 'ReservationMarkedNoShow':
      return state.status === 'none' ? state : { ...state, status: 'no_show' };
    case 'ReservationCompleted':
      return state.status === 'none' ? state : { ...state, status: 'completed' };
    case 'ReservationReminderSent':
      return state;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const reservationDecider: Decider<ReservationState, ReservationCommand, ReservationEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveReservation,
  decide: decideReservation,
};
