/**
 * A usage signal is written once: signalled, then nothing more can happen to it. Pure.
 */
import { Decider, DomainError } from '@workbay/eventstore/core';
import { BILLABLE_METRICS, BillableMetric, UsageSignalEvent, UsageSource } from './usage-signal.events';

export interface SignalUsage {
  type: 'SignalUsage';
  signalId: string;
  metric: BillableMetric;
  quantity: number;
  currency: string | null;
  source: UsageSource;
  occurredAt: string;
}

export type UsageSignalState = { status: 'none' } | { status: 'signalled'; metric: BillableMetric; quantity: number };

export class UsageAlreadySignalled extends DomainError {
  readonly code = 'USAGE_ALREADY_SIGNALLED';
  override readonly kind = 'conflict' as const;
  constructor(metric: BillableMetric) {
    super(`${metric} was already signalled for this source event`);
  }
}

export class InvalidUsageSignal extends DomainError {
  readonly code = 'USAGE_SIGNAL_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

export const usageSignalDecider: Decider<UsageSignalState, SignalUsage, UsageSignalEvent> = {
  initialState: () => ({ status: 'none' }),
  decide(command, state) {
    if (state.status !== 'none') throw new UsageAlreadySignalled(state.metric);
    if (!BILLABLE_METRICS.includes(command.metric)) throw new InvalidUsageSignal('metric', `unknown metric '${String(command.metric)}'`);
    if (!Number.isSafeInteger(command.quantity) || command.quantity <= 0) {
      throw new InvalidUsageSignal('quantity', 'quantity must be a positive whole number');
    }
    const { signalId, metric, quantity, currency, source, occurredAt } = command;
    return [{ type: 'BillableUsageSignalled', data: { signalId, metric, quantity, currency, source, occurredAt } }];
  },
  evolve(state, event) {
    return event.type === 'BillableUsageSignalled' ? { status: 'signalled', metric: event.data.metric, quantity: event.data.quantity } : state;
  },
};
