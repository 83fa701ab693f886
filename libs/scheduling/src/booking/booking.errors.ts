/** Why a booking decision refuses: 409 for time someone else holds, 422 (naming the field) for a request that can never be booked as asked. */
import { DomainError } from '@workbay/eventstore/core';

/** The time is taken beyond capacity; `conflict` is the appointment (start/end) of an occupancy in the way. */
export class SlotUnavailable extends DomainError {
  readonly code = 'SLOT_TAKEN';
  override readonly kind = 'conflict' as const;
  constructor(readonly resourceId: string, readonly conflict: { start: string; end: string }) {
    super(`the slot is taken: resource ${resourceId} is booked from ${conflict.start} to ${conflict.end}`);
  }
}

/** The resource already has its daily limit of reservations that local day. */
export class DailyLimitReached extends DomainError {
  readonly code = 'DAILY_LIMIT_REACHED';
  override readonly kind = 'conflict' as const;
  readonly field = 'start';
  constructor(resource: string, localDate: string) {
    super(`start: ${resource} is fully booked on ${localDate} (its daily limit)`);
  }
}

/** A start the rules never allow (past, outside working hours, too soon, too far ahead). */
export class StartNotBookable extends DomainError {
  readonly field = 'start';
  constructor(readonly code: 'START_IN_PAST' | 'OUTSIDE_WORKING_HOURS' | 'BELOW_MIN_NOTICE' | 'BEYOND_HORIZON', detail: string) {
    super(`start: ${detail}`);
  }
}

/** An id in the request that names nothing bookable of this tenant (or the wrong kind of thing). */
export class NotBookableReference extends DomainError {
  readonly code = 'REFERENCE_NOT_FOUND';
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
  }
}

export class InvalidRecurrence extends DomainError {
  readonly code = 'INVALID_RECURRENCE';
  readonly field = 'rrule';
  constructor(detail: string) {
    super(`rrule: ${detail}`);
  }
}

/** The reservation is not in a state that allows the command (e.g. cancelling a cancelled one). */
export class ReservationNotActive extends DomainError {
  readonly code = 'RESERVATION_NOT_ACTIVE';
  override readonly kind = 'conflict' as const;
  constructor(reservationId: string, status: string, wanted: string) {
    super(`reservation ${reservationId} is ${status}: cannot ${wanted}`);
  }
}

/** A hold confirmed at or after its expiry: its time may already be someone else's. */
export class HoldExpiredError extends DomainError {
  readonly code = 'HOLD_EXPIRED';
  override readonly kind = 'conflict' as const;
  constructor(reservationId: string, expiresAt: string) {
    super(`hold ${reservationId} expired at ${expiresAt}`);
  }
}

export class NotYetStarted extends DomainError {
  readonly code = 'RESERVATION_NOT_STARTED';
  override readonly kind = 'conflict' as const;
  constructor(reservationId: string, start: string) {
    super(`reservation ${reservationId} starts at ${start}: not yet`);
  }
}
