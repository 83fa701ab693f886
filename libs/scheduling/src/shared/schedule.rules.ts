/**
 * The shapes every part of scheduling shares: a resource's week, its dated exceptions, booking
 * rules, and what a service needs. Times of day are local wall-clock 'HH:mm' in the resource's
 * IANA time zone (its location's); instants are ISO-8601 UTC; dates are local 'YYYY-MM-DD'.
 */

/** What can be booked. A class room or a chair with N seats is a resource with capacity N. */
export const RESOURCE_KINDS = ['technician', 'bay', 'staff', 'room', 'advisor'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** ISO weekday: 1 = Monday ... 7 = Sunday (luxon's `weekday`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Local wall-clock span on one day, start < end, 'HH:mm' (24h; '24:00' allowed as an end). */
export interface LocalSpan {
  start: string;
  end: string;
}

/** Working hours of one weekday: several spans allowed (a split shift). */
export interface WeeklySpan extends LocalSpan {
  day: IsoWeekday;
}

/**
 * A dated change to the week: `closed` (holiday, whole day off), `time_off` (a span off; the whole
 * day when no span), `extra_hours` (a span open beyond the week).
 */
export type ScheduleExceptionKind = 'closed' | 'time_off' | 'extra_hours';
export interface ScheduleException {
  exceptionId: string;
  date: string;
  kind: ScheduleExceptionKind;
  /** Required for extra_hours; optional for time_off; absent for closed. */
  span?: LocalSpan;
  reason?: string;
}

/** Booking rules of a resource or a service (a service's rule, when set, wins for that service). */
export interface BookingRules {
  /** A start must be at least this far from now. */
  minNoticeMinutes: number;
  /** A start must be at most this many days ahead. */
  horizonDays: number;
  /** At most this many reservations of the resource per local day; null = no limit. */
  dailyLimit: number | null;
}

export const DEFAULT_BOOKING_RULES: BookingRules = { minNoticeMinutes: 0, horizonDays: 365, dailyLimit: null };

/** The bookable part of a resource as its stream knows it (what a decision needs). */
export interface ResourceSchedule {
  resourceId: string;
  locationId: string;
  kind: ResourceKind;
  name: string;
  timezone: string;
  /** 1 by default; N seats for a class. */
  capacity: number;
  /** Starts are offered on this grid from the start of each working span. */
  slotMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  weeklyHours: WeeklySpan[];
  breaks: WeeklySpan[];
  exceptions: ScheduleException[];
  rules: BookingRules;
  active: boolean;
}

/** One kind of resource a service takes: `count` distinct resources of `kind`, optionally only among `resourceIds`. */
export interface ServiceNeed {
  kind: ResourceKind;
  count: number;
  resourceIds?: string[];
}

export interface ServiceDefinition {
  serviceId: string;
  locationId: string;
  name: string;
  durationMinutes: number;
  price: { amountMinor: number; currency: string };
  needs: ServiceNeed[];
  /** Seats a booking takes on each resource (1; a class booking for two people takes 2). */
  seatsPerBooking: number;
  rules: Partial<BookingRules>;
  /** Offered on the public booking pages. */
  bookableOnline: boolean;
  active: boolean;
}

/**
 * Time a reservation or a live hold takes on one resource: [start, end) of the appointment
 * widened by the resource's buffers. This is what "no overlap beyond capacity" is about.
 */
export interface Occupancy {
  reservationId: string;
  resourceId: string;
  /** Appointment start/end (ISO UTC), without buffers. */
  start: string;
  end: string;
  /** Widened by the resource's buffers; the interval that must not overlap beyond capacity. */
  blockedFrom: string;
  blockedUntil: string;
  seats: number;
  /** Set while it is a hold: it stops occupying at this instant unless confirmed. */
  holdExpiresAt: string | null;
}

/** A tenant's scheduling settings (settings/settings.events.ts). */
export interface SchedulingSettings {
  /** A cancel less than this many hours before the start is late. */
  cancellationWindowHours: number;
  /** Charged (recorded on the cancellation) for a late cancel; null: none. */
  lateCancelFee: { amountMinor: number; currency: string } | null;
  /** Reminders before each reservation's start, in minutes (default 24 h and 2 h). */
  reminderOffsetsMinutes: number[];
  /** How long a HoldSlot lasts unless confirmed. */
  holdTtlMinutes: number;
}

export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = {
  cancellationWindowHours: 24, lateCancelFee: null, reminderOffsetsMinutes: [1440, 120], holdTtlMinutes: 10,
};
