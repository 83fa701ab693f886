import { graphqlEnum } from '@workbay/platform';
import { RESOURCE_KINDS } from '../shared/schedule.rules';
import { SCHEDULE_EXCEPTION_KINDS } from '../resources/working-hours.rules';
import { RESERVATION_STATUSES } from '../reservations/reservation.decider';

/** Scheduling's GraphQL enums for the catalog; other scheduling parts reuse these (a GraphQL name is registered once). */
export const ResourceKindEnum = graphqlEnum('ResourceKind', 'What a bookable resource is', RESOURCE_KINDS, {
  technician: 'a technician (people who do the work)',
  bay: 'a service bay or lift',
  staff: 'a staff member (e.g. a stylist)',
  room: 'a room or class with seats',
  advisor: "a service advisor's drop-off slots",
});

export const ScheduleExceptionKindEnum = graphqlEnum('ScheduleExceptionKind', 'A dated change to a resource\'s week', SCHEDULE_EXCEPTION_KINDS, {
  closed: 'closed the whole day (a holiday)',
  time_off: 'off for a span, or the whole day without one',
  extra_hours: 'open for a span beyond the week',
});

export const RESOURCE_STATUSES = ['active', 'retired'] as const;
export const CatalogStatusEnum = graphqlEnum('SchedulingCatalogStatus', 'Whether a resource or service can be booked', RESOURCE_STATUSES, {
  active: 'bookable',
  retired: 'no longer bookable; kept for its history',
});

/** A reservation's status, wherever scheduling shows one (a reservation, the calendar, a manage link). */
export const ReservationStatusEnum = graphqlEnum('ReservationStatus', 'Where a reservation or hold is in its life', RESERVATION_STATUSES, {
  held: 'a tentative hold, until it expires or is confirmed',
  reserved: 'booked',
  checked_in: 'the customer arrived',
  cancelled: 'cancelled (late or not: see `late`)',
  expired: 'a hold that lapsed unconfirmed',
  no_show: 'the customer did not come',
  completed: 'done',
});

export const RESERVATION_CHANNELS = ['staff', 'online'] as const;
export const ReservationChannelEnum = graphqlEnum('ReservationChannel', 'Who made a reservation', RESERVATION_CHANNELS, {
  staff: 'the shop\'s staff, in the app or the API',
  online: 'a guest, on the public booking page',
});
