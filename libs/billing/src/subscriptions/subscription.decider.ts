import type { Decider } from '@workbay/eventstore/core';
import { DomainError } from '@workbay/eventstore/core';
import type { SubscriptionEvent } from './subscription.events';

type PlanId = string;

export type SubscriptionState =
  | { status: 'none' }
  | { status: 'subscribed'; plan: PlanId; version: number; since: string };

export type SubscriptionCommand =
  | { type: 'Subscribe'; plan: PlanId; version: number; at: string; actor: string }
  | { type: 'ChangePlanDecision'; plan: PlanId; version: number; at: string; actor: string };

export class AlreadySubscribed extends DomainError {
  readonly code = 'ALREADY_SUBSCRIBED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('the tenant already has a subscription');
  }
}

export class NotSubscribed extends DomainError {
  readonly code = 'NOT_SUBSCRIBED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('the tenant has no subscription to change');
  }
}

export class AlreadyOnPlan extends DomainError {
  readonly code = 'ALREADY_ON_PLAN';
  override readonly kind = 'conflict' as const;
  readonly field = 'plan';
  constructor(plan: string, version: number) {
    super(`the tenant is already on ${plan} version ${version}`);
  }
}

export const subscriptionDecider: Decider<SubscriptionState, SubscriptionCommand, SubscriptionEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    switch (event.type) {
      case 'TenantSubscribed':
        return { status: 'subscribed', plan: event.data.plan, version: event.data.version, since: event.data.subscribedAt };
      case 'PlanChanged':
        return { status: 'subscribed', plan: event.data.plan, version: event.data.version, since: event.data.changedAt };
      default:
        return state;
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'Subscribe':
        if (state.status !== 'none') throw new AlreadySubscribed();
        return [{ type: 'TenantSubscribed', data: { plan: command.plan, version: command.version, subscribedAt: command.at, actor: command.actor } }];
      case 'ChangePlanDecision':
        if (state.status === 'none') throw new NotSubscribed();
        if (state.plan === command.plan && state.version === command.version) throw new AlreadyOnPlan(command.plan, command.version);
        return [{
          type: 'PlanChanged',
          data: { fromPlan: state.plan, fromVersion: state.version, plan: command.plan, version: command.version, changedAt: command.at, actor: command.actor },
        }];
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${(unhandled as { type: string }).type}`);
      }
    }
  },
};
