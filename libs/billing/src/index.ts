export * from './plan-catalog';
export { PlanEnum } from './plan.graphql';
export { BILLING } from './manifest';
