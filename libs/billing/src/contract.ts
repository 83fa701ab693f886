/**
 * What billing offers other contexts (`@workbay/billing/contract`), the only billing file they may
 * import: the plan catalog (signup offers its plans) and the platform's fee on a payment by plan.
 * Integration events and commands: none yet (metering will add them).
 */
export { PLANS, PLAN_PAYMENT_TERMS, platformFeeMinor } from './plan-catalog';
export type { Plan } from './plan-catalog';
export { PlanEnum } from './plan.graphql';
