/**
 * An appointment usage signal is written once: signalled, then nothing more can happen to it. Pure.
 */
import { Decider, DomainError } from '@workbay/eventstore/core';
import type { BookedSlot, ReservationEvent } from '../reservations/reservation.events';
import { AppointmentUsageEvent, SCHEDULING_BILLABLE_METRICS, SchedulingBillableMetric, SchedulingUsageSource } from './appointment-usage.events';

export interface SignalAppointmentUsageDecision {
  type: 'SignalAppointmentUsage';
  signalId: string;
  metric: SchedulingBillableMetric;
  dimensions: Record<string, string>;
  source: SchedulingUsageSource;
  occurredAt: string;
}

export type AppointmentUsageState = { status: 'none' } | { status: 'signalled' };

export class AppointmentUsageAlreadySignalled extends DomainError {
  readonly code = 'USAGE_ALREADY_SIGNALLED';
  override readonly kind = 'conflict' as const;
  constructor(metric: string) {
    super(`${metric} was already signalled for this source event`);
  }
}

export class InvalidAppointmentUsage extends DomainError {
  readonly code = 'USAGE_SIGNAL_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export const appointmentUsageDecider: Decider<AppointmentUsageState, SignalAppointmentUsageDecision, AppointmentUsageEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    if (state.status !== 'none') throw new AppointmentUsageAlreadySignalled(command.metric);
    if (!SCHEDULING_BILLABLE_METRICS.includes(command.metric)) throw new InvalidAppointmentUsage('metric', `unknown metric '${String(command.metric)}'`);
    const { signalId, metric, dimensions, source, occurredAt } = command;
    return [{ type: 'BillableUsageSignalled', data: { signalId, metric, quantity: 1, currency: null, dimensions, source, occurredAt } }];
  },
  evolve: (state, event) => (event.type === 'BillableUsageSignalled' ? { status: 'signalled' } : state),
};

/** The channel a reservation was booked through, as its first event says (a confirm carries none). */
export const bookingChannel: Pick<Decider<BookedSlot['channel'] | null, never, ReservationEvent>, 'initialState' | 'evolve'> = {
  initialState: () => null,
  evolve: (channel, event) => (event.type === 'SlotReserved' || event.type === 'SlotHeld' ? event.data.channel : channel),
};
