import { StoredEvent } from '@workbay/eventstore';
import { ProcessManager } from '@workbay/platform';
import type { HoldConfirmed, SlotReserved } from '../reservations/reservation.events';
import { SignalAppointmentBooked } from './signal-appointment-usage';

/** The appointment an event books, if it books one: a reservation made outright, or a hold confirmed (a hold alone books nothing). */
export function appointmentBookedIn(event: StoredEvent): SignalAppointmentBooked['booking'] | null {
  const source = { eventId: event.eventId, type: event.type, streamId: event.streamId };
  if (event.type === 'SlotReserved') {
    const d = event.data as SlotReserved['data'];
    return { reservationId: d.reservationId, channel: d.channel, source, occurredAt: d.reservedAt };
  }
  if (event.type === 'HoldConfirmed') {
    const d = event.data as HoldConfirmed['data'];
    return { reservationId: d.reservationId, channel: null, source, occurredAt: d.confirmedAt };
  }
  return null;
}

/** Publishes each booked appointment as a BillableUsageSignalled for metering (meter appointments_booked). */
export const appointmentUsage: ProcessManager = {
  name: 'scheduling.appointment-usage',
  eventTypes: ['SlotReserved', 'HoldConfirmed'],
  react: (event) => {
    const booking = appointmentBookedIn(event);
    return booking ? [new SignalAppointmentBooked(booking)] : [];
  },
};
