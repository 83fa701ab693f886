import { given } from '@workbay/eventstore/testing';
import { DEFAULT_SCHEDULING_SETTINGS } from '../shared/schedule.rules';
import { HoldExpiredError, NotYetStarted, ReservationNotActive } from '../booking/booking.errors';
import { reservationDecider } from './reservation.decider';
import type { BookedSlot, ReservationEvent } from './reservation.events';

const slot: BookedSlot = {
  reservationId: 'r1', serviceId: 's', locationId: 'l', start: '2030-01-07T09:00:00.000Z', end: '2030-01-07T10:00:00.000Z',
  resources: [{ resourceId: 'bay', kind: 'bay', blockedFrom: '2030-01-07T09:00:00.000Z', blockedUntil: '2030-01-07T10:00:00.000Z' }],
  seats: 1, party: { customerId: 'c' }, notes: null, seriesId: null, channel: 'staff', price: { amountMinor: 100, currency: 'INR' },
};
const reserved: ReservationEvent = { type: 'SlotReserved', data: { ...slot, reservedAt: '2030-01-01T00:00:00.000Z' } };
const held: ReservationEvent = { type: 'SlotHeld', data: { ...slot, heldAt: '2030-01-01T00:00:00.000Z', expiresAt: '2030-01-01T00:10:00.000Z' } };
const settings = { ...DEFAULT_SCHEDULING_SETTINGS, cancellationWindowHours: 24, lateCancelFee: { amountMinor: 500, currency: 'INR' } };

describe('a reservation', () => {
  it('confirms a live hold, and refuses a confirm at or after its expiry with 409', () => {
    given(reservationDecider, [held]).when({ type: 'ConfirmHold', now: '2030-01-01T00:09:59.000Z' })
      .then([{ type: 'HoldConfirmed', data: { reservationId: 'r1', confirmedAt: '2030-01-01T00:09:59.000Z' } }]);
    given(reservationDecider, [held]).when({ type: 'ConfirmHold', now: '2030-01-01T00:10:00.000Z' }).thenThrows(HoldExpiredError, { kind: 'conflict' });
    given(reservationDecider, [held, { type: 'HoldExpired', data: { reservationId: 'r1', expiredAt: '2030-01-01T00:10:00.000Z' } }])
      .when({ type: 'ConfirmHold', now: '2030-01-01T00:11:00.000Z' }).thenThrows(HoldExpiredError);
  });

  it('expires a hold only once it is due and only while it is a hold', () => {
    given(reservationDecider, [held]).when({ type: 'ExpireHold', now: '2030-01-01T00:09:00.000Z' }).then([]);
    given(reservationDecider, [held, { type: 'HoldConfirmed', data: { reservationId: 'r1', confirmedAt: '2030-01-01T00:05:00.000Z' } }])
      .when({ type: 'ExpireHold', now: '2030-01-01T00:11:00.000Z' }).then([]);
    given(reservationDecider, [held]).when({ type: 'ExpireHold', now: '2030-01-01T00:10:00.000Z' })
      .then([{ type: 'HoldExpired', data: { reservationId: 'r1', expiredAt: '2030-01-01T00:10:00.000Z' } }]);
  });

  it('cancels late inside the window with the fee, early without, and not twice', () => {
    given(reservationDecider, [reserved]).when({ type: 'Cancel', now: '2030-01-06T10:00:00.000Z', settings, reason: null })
      .then([{ type: 'ReservationCancelled', data: { reservationId: 'r1', late: true, fee: { amountMinor: 500, currency: 'INR' }, reason: null, cancelledAt: '2030-01-06T10:00:00.000Z' } }]);
    given(reservationDecider, [reserved]).when({ type: 'Cancel', now: '2030-01-06T08:59:00.000Z', settings, reason: 'moved' })
      .then([{ type: 'ReservationCancelled', data: { reservationId: 'r1', late: false, fee: null, reason: 'moved', cancelledAt: '2030-01-06T08:59:00.000Z' } }]);
    given(reservationDecider, [reserved, { type: 'ReservationCancelled', data: { reservationId: 'r1', late: false, fee: null, reason: null, cancelledAt: '2030-01-02T00:00:00.000Z' } }])
      .when({ type: 'Cancel', now: '2030-01-03T00:00:00.000Z', settings, reason: null }).thenThrows(ReservationNotActive, { kind: 'conflict' });
  });

  it('marks a no-show or completes only once the start has passed', () => {
    given(reservationDecider, [reserved]).when({ type: 'MarkNoShow', now: '2030-01-07T08:59:00.000Z' }).thenThrows(NotYetStarted);
    given(reservationDecider, [reserved]).when({ type: 'MarkNoShow', now: '2030-01-07T09:20:00.000Z' })
      .then([{ type: 'ReservationMarkedNoShow', data: { reservationId: 'r1', markedAt: '2030-01-07T09:20:00.000Z' } }]);
    given(reservationDecider, [reserved]).when({ type: 'Complete', now: '2030-01-07T10:00:00.000Z' })
      .then([{ type: 'ReservationCompleted', data: { reservationId: 'r1', completedAt: '2030-01-07T10:00:00.000Z' } }]);
    given(reservationDecider, [reserved, { type: 'ReservationMarkedNoShow', data: { reservationId: 'r1', markedAt: '2030-01-07T09:20:00.000Z' } }])
      .when({ type: 'Complete', now: '2030-01-07T10:00:00.000Z' }).thenThrows(ReservationNotActive);
  });
});
