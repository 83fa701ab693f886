import { given } from '@workbay/eventstore/testing';
import { AlreadyOnPlan, AlreadySubscribed, NotSubscribed, subscriptionDecider } from './subscription.decider';
import { TenantSubscribed } from './subscription.events';

const at = '2026-12-01T10:00:00.000Z';
const subscribed: TenantSubscribed = { type: 'TenantSubscribed', data: { plan: 'starter', version: 1, subscribedAt: at, actor: 'user-1' } };

describe('subscription decider', () => {
  it('subscribes a tenant without a subscription to the plan version it is given', () => {
    const state = given(subscriptionDecider).when({ type: 'Subscribe', plan: 'starter', version: 1, at, actor: 'user-1' }).then([subscribed]);
    expect(state).toEqual({ status: 'subscribed', plan: 'starter', version: 1, since: at });
  });

  it('refuses a second subscription (two first requests at once: the loser reads the winner)', () => {
    given(subscriptionDecider, [subscribed]).when({ type: 'Subscribe', plan: 'growth', version: 1, at, actor: 'user-1' }).thenThrows(AlreadySubscribed);
  });

  it('changes the plan, recording where it came from', () => {
    const state = given(subscriptionDecider, [subscribed])
      .when({ type: 'ChangePlanDecision', plan: 'growth', version: 2, at, actor: 'owner-1' })
      .then([{ type: 'PlanChanged', data: { fromPlan: 'starter', fromVersion: 1, plan: 'growth', version: 2, changedAt: at, actor: 'owner-1' } }]);
    expect(state).toMatchObject({ plan: 'growth', version: 2 });
  });

  it('moves a tenant on an old version of its plan to the current one', () => {
    given(subscriptionDecider, [subscribed]).when({ type: 'ChangePlanDecision', plan: 'starter', version: 2, at, actor: 'owner-1' })
      .then([{ type: 'PlanChanged', data: { fromPlan: 'starter', fromVersion: 1, plan: 'starter', version: 2, changedAt: at, actor: 'owner-1' } }]);
  });

  it('refuses a change to the plan version it is on with 409', () => {
    given(subscriptionDecider, [subscribed]).when({ type: 'ChangePlanDecision', plan: 'starter', version: 1, at, actor: 'owner-1' }).thenThrows(AlreadyOnPlan);
  });

  it('refuses a change before any subscription', () => {
    given(subscriptionDecider).when({ type: 'ChangePlanDecision', plan: 'growth', version: 1, at, actor: 'owner-1' }).thenThrows(NotSubscribed);
  });
});
