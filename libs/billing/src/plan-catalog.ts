/**
 * The placeholder plan catalog: the plans a shop signs up on, until metering brings versioned
 * plans, features and quotas to this context.
 */
export const PLANS = ['starter', 'growth', 'enterprise'] as const;

export type Plan = (typeof PLANS)[number];

/**
 * What each plan pays us on card payments taken through Workbay, in basis points of the charge
 * (taken as Stripe's `application_fee_amount`). A Record over every plan, so a new plan without
 * terms does not compile.
 */
export const PLAN_PAYMENT_TERMS: Record<Plan, { platformFeeBps: number }> = {
  starter: { platformFeeBps: 200 },
  growth: { platformFeeBps: 100 },
  enterprise: { platformFeeBps: 50 },
};

/** Our fee on a payment, in the payment's minor units, rounded half up; never more than the amount. */
export function platformFeeMinor(plan: string, amountMinor: number): number {
  const terms = PLAN_PAYMENT_TERMS[plan as Plan];
  if (!terms) throw new RangeError(`unknown plan ${JSON.stringify(plan)}`);
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError(`amountMinor must be a non-negative integer, got ${amountMinor}`);
  return Math.min(amountMinor, Math.floor((amountMinor * terms.platformFeeBps + 5000) / 10000));
}
