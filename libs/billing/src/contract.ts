/**
 * What billing offers other contexts (`@workbay/billing/contract`), the only billing file they may
 * import: the plan catalog (signup offers its plans; a gate reads a version's features and
 * quotas), rating, and the platform's fee on a payment by plan.
 * Integration events and commands: none yet (metering will add them).
 */
export { PLANS, PLAN_PAYMENT_TERMS, platformFeeMinor, platformFeeMinorAt, platformFeeMinorOfVersion } from './plan-catalog';
export type { Plan } from './plan-catalog';
export { PlanEnum } from './plan.graphql';
export { PLAN_CATALOG, currentCatalog, currentVersion, isPlanId, planVersion, versionsOf } from './catalog/catalog';
export { FEATURES, PLAN_CURRENCIES, PLAN_IDS, PRICING_MODELS } from './catalog/catalog.types';
export type { BillingPeriod, Feature, MeteredCharge, PlanCurrency, PlanId, PlanPrice, PlanVersion, PriceTier, PricingModel, Quota } from './catalog/catalog.types';
export { priceOfPeriod, rate } from './catalog/rating';
export type { MeterLine, PeriodPrice, Rating, RatingLine } from './catalog/rating';
export { METER_IDS } from './meters/meters';
export type { MeterId } from './meters/meters';
