/**
 * Facts about one reservation (or hold). Stream: `${tenantId}.reservation-${reservationId}`.
 * The consistency boundary that decides "no overlap beyond capacity" is the booking helper's
 * (see reservations/README section in libs/scheduling/README.md); these are the facts every
 * read model, the reminders and the availability cache consume.
 */

export const reservationStreamCategory = 'reservation' as const;

/** Who the booking is for: a shop customer, or a guest who booked online without an account. */
export type BookingParty =
  | { customerId: string; vehicleId?: string | null }
  | { guest: { name: string; email: string; phone?: string | null } };

/** One resource taken by a reservation, with the blocked interval (appointment widened by buffers). */
export interface TakenResource {
  resourceId: string;
  kind: string;
  blockedFrom: string;
  blockedUntil: string;
  /** The resource's capacity when booked (absent in events written before it was recorded: 1). */
  capacity?: number;
}

export interface BookedSlot {
  reservationId: string;
  serviceId: string;
  locationId: string;
  /** Appointment start and end, ISO UTC. */
  start: string;
  end: string;
  resources: TakenResource[];
  seats: number;
  party: BookingParty;
  notes: string | null;
  /** Set for an occurrence of a recurring series (all of a series are booked together or none). */
  seriesId: string | null;
  /** 'staff' (an authenticated user) or 'online' (the public booking pages). */
  channel: 'staff' | 'online';
  /** Price of the service when booked. */
  price: { amountMinor: number; currency: string };
}

export interface SlotReserved {
  type: 'SlotReserved';
  data: BookedSlot & { reservedAt: string };
}

/** A tentative hold: it occupies its slot until `expiresAt`, then not (HoldExpired records it). */
export interface SlotHeld {
  type: 'SlotHeld';
  data: BookedSlot & { heldAt: string; expiresAt: string };
}

export interface HoldConfirmed {
  type: 'HoldConfirmed';
  data: { reservationId: string; confirmedAt: string };
}

export interface HoldExpired {
  type: 'HoldExpired';
  data: { reservationId: string; expiredAt: string };
}

/** Moved atomically: the old slot was freed only because the new one was taken. */
export interface ReservationRescheduled {
  type: 'ReservationRescheduled';
  data: {
    reservationId: string;
    previous: { start: string; end: string; resources: TakenResource[] };
    start: string;
    end: string;
    resources: TakenResource[];
    rescheduledAt: string;
  };
}

export interface ReservationCancelled {
  type: 'ReservationCancelled';
  data: {
    reservationId: string;
    /** Inside the tenant's cancellation window. */
    late: boolean;
    fee: { amountMinor: number; currency: string } | null;
    reason: string | null;
    cancelledAt: string;
  };
}

export interface ReservationCheckedIn {
  type: 'ReservationCheckedIn';
  data: { reservationId: string; checkedInAt: string; /** The shop quote opened or linked for the vehicle, when any. */ quoteId: string | null };
}

export interface ReservationMarkedNoShow {
  type: 'ReservationMarkedNoShow';
  data: { reservationId: string; markedAt: string };
}

export interface ReservationCompleted {
  type: 'ReservationCompleted';
  data: { reservationId: string; completedAt: string };
}

/** A reminder was due and handed to the notification port (key: the reminder's timer id). */
export interface ReservationReminderSent {
  type: 'ReservationReminderSent';
  data: { reservationId: string; reminderId: string; offsetMinutes: number; notificationId: string | null; sentAt: string };
}

export type ReservationEvent =
  | SlotReserved | SlotHeld | HoldConfirmed | HoldExpired | ReservationRescheduled | ReservationCancelled
  | ReservationCheckedIn | ReservationMarkedNoShow | ReservationCompleted | ReservationReminderSent;

export const RESERVATION_EVENT_TYPES: readonly ReservationEvent['type'][] = [
  'SlotReserved', 'SlotHeld', 'HoldConfirmed', 'HoldExpired', 'ReservationRescheduled', 'ReservationCancelled',
  'ReservationCheckedIn', 'ReservationMarkedNoShow', 'ReservationCompleted', 'ReservationReminderSent',
];

/** Events that change what is free: the availability cache drops its entries on each. */
export const OCCUPANCY_CHANGING_EVENT_TYPES: readonly string[] = [
  'SlotReserved', 'SlotHeld', 'HoldConfirmed', 'HoldExpired', 'ReservationRescheduled', 'ReservationCancelled',
  'ReservationMarkedNoShow', 'ReservationCompleted',
];
