/** A plan of the catalog (catalog.types.ts PLAN_IDS); the handler checks it before the decider sees it. */
type PlanId = string;

/** Stream `<tenantId>.billing-subscription-<tenantId>`: which plan version the tenant is on. */
export const subscriptionStreamCategory = 'billing-subscription';

/** The tenant's first subscription: the plan it signed up on, at the version current when it registered. */
export interface TenantSubscribed {
  type: 'TenantSubscribed';
  data: { plan: PlanId; version: number; subscribedAt: string; actor: string };
}

/** The tenant moved to another plan's current version (a tenant otherwise keeps its version). */
export interface PlanChanged {
  type: 'PlanChanged';
  data: { fromPlan: PlanId; fromVersion: number; plan: PlanId; version: number; changedAt: string; actor: string };
}

export type SubscriptionEvent = TenantSubscribed | PlanChanged;
