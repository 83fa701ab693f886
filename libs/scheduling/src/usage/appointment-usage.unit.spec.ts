import { StoredEvent } from '@workbay/eventstore';
import { given } from '@workbay/eventstore/testing';
import { AppointmentUsageAlreadySignalled, appointmentUsageDecider, InvalidAppointmentUsage, SignalAppointmentUsageDecision } from './appointment-usage.decider';
import { SchedulingBillableUsageSignalled } from './appointment-usage.events';
import { appointmentBookedIn, appointmentUsage } from './appointment-usage.process';

const source = { eventId: 'evt-1', type: 'SlotReserved', streamId: 't.reservation-1' };
const signal = (overrides: Partial<SignalAppointmentUsageDecision> = {}): SignalAppointmentUsageDecision => ({
  type: 'SignalAppointmentUsage', signalId: 'sig-1', metric: 'scheduling.appointments_booked', dimensions: { channel: 'online' }, source,
  occurredAt: '2027-03-01T09:00:00.000Z', ...overrides,
});
const signalled: SchedulingBillableUsageSignalled = {
  type: 'BillableUsageSignalled',
  data: { signalId: 'sig-1', metric: 'scheduling.appointments_booked', quantity: 1, currency: null, dimensions: { channel: 'online' }, source, occurredAt: '2027-03-01T09:00:00.000Z' },
};
const stored = (type: string, data: unknown): StoredEvent => ({
  eventId: 'evt-9', tenantId: 't', streamId: 't.reservation-r', streamVersion: 1, globalPosition: 9, type, data: data as Record<string, unknown>,
  metadata: {}, recordedAt: '2027-03-01T09:00:01.000Z', hash: '', previousHash: '',
} as unknown as StoredEvent);

describe('appointment usage signal', () => {
  it('signals a booked appointment once, as one unit with its channel, and refuses it a second time', () => {
    given(appointmentUsageDecider).when(signal()).then([signalled]);
    given(appointmentUsageDecider, [signalled]).when(signal()).thenThrows(AppointmentUsageAlreadySignalled, { kind: 'conflict' });
  });

  it('refuses an unknown metric, naming the field', () => {
    given(appointmentUsageDecider).when(signal({ metric: 'scheduling.vibes' as SignalAppointmentUsageDecision['metric'] })).thenThrows(InvalidAppointmentUsage, { field: 'metric' });
  });

  it('finds a booking in a reservation made outright (with its channel) and in a confirmed hold (channel from the stream), none in a hold alone', () => {
    expect(appointmentBookedIn(stored('SlotReserved', { reservationId: 'r', channel: 'online', reservedAt: '2027-03-01T09:00:00.000Z' }))).toEqual({
      reservationId: 'r', channel: 'online', source: { eventId: 'evt-9', type: 'SlotReserved', streamId: 't.reservation-r' }, occurredAt: '2027-03-01T09:00:00.000Z',
    });
    expect(appointmentBookedIn(stored('HoldConfirmed', { reservationId: 'r', confirmedAt: '2027-03-01T09:05:00.000Z' })))
      .toEqual(expect.objectContaining({ reservationId: 'r', channel: null, occurredAt: '2027-03-01T09:05:00.000Z' }));
    for (const type of ['SlotHeld', 'HoldExpired', 'ReservationRescheduled', 'ReservationCancelled']) expect(appointmentBookedIn(stored(type, { reservationId: 'r' }))).toBeNull();
    expect([...appointmentUsage.eventTypes].sort()).toEqual(['HoldConfirmed', 'SlotReserved']);
  });
});
