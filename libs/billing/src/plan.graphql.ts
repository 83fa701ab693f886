import { registerEnumType } from '@nestjs/graphql';
import { PLANS } from './plan-catalog';

/** The catalog's plans as a GraphQL enum; the values are their own names, as in the OpenAPI `enum`. */
export const PlanEnum = Object.fromEntries(PLANS.map((p) => [p, p])) as { [K in (typeof PLANS)[number]]: K };
registerEnumType(PlanEnum, {
  name: 'Plan',
  description: "The shop's Workbay plan (sets the platform fee on card payments)",
  valuesMap: {
    starter: { description: 'for a single shop starting out (see GET /billing/plans)' },
    growth: { description: 'for a growing shop with several locations' },
    enterprise: { description: 'every feature, the highest quotas' },
  },
});
