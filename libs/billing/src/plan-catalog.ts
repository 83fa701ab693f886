/**
 * The plans a shop signs up on and the fee we take on its card payments, for other contexts
 * (through `@workbay/billing/contract`), read from the versioned catalog (catalog/catalog.ts).
 */
import { currentVersion, planVersion } from './catalog/catalog';
import { PLAN_IDS, PlanId } from './catalog/catalog.types';
import { basisPointsOf } from './catalog/rating';

export const PLANS = PLAN_IDS;

export type Plan = PlanId;

/**
 * What each plan pays us on card payments taken through Workbay, in basis points of the charge
 * (taken as Stripe's `application_fee_amount`): its current version's, read when asked (a getter
 * per plan), so a version published while the process runs is seen.
 */
export const PLAN_PAYMENT_TERMS: Readonly<Record<Plan, { readonly platformFeeBps: number }>> = Object.freeze(
  Object.defineProperties(
    {} as Record<Plan, { platformFeeBps: number }>,
    Object.fromEntries(PLANS.map((plan) => [plan, { enumerable: true, get: () => ({ platformFeeBps: platformFeeBpsOf(plan, new Date()) }) }])),
  ),
);

function platformFeeBpsOf(plan: string, at: Date): number {
  const version = currentVersion(plan, at);
  if (!version) throw new RangeError(`unknown plan ${JSON.stringify(plan)} (or none of its versions published at ${at.toISOString()})`);
  return version.platformFeeBps;
}

/**
 * Our fee on a payment, in the payment's minor units, rounded half up; never more than the amount;
 * at the rate of the plan's version current at `at` (now).
 *
 * NOTE: a tenant stays on the version it subscribed to, so strictly the fee is that version's.
 * Which version a tenant is on is the entitlements part's (subscriptions); once it is known, the
 * payment flow should call `platformFeeMinorOfVersion(plan, version, amount)` instead. Today every
 * version of a plan has the same fee (the catalog test pins Growth's at 100 bps), so both agree.
 */
export function platformFeeMinor(plan: string, amountMinor: number, at: Date = new Date()): number {
  return platformFeeMinorAt(platformFeeBpsOf(plan, at), amountMinor);
}

/** Our fee on a payment of a tenant on a given plan version. */
export function platformFeeMinorOfVersion(plan: string, version: number, amountMinor: number): number {
  const found = planVersion(plan, version);
  if (!found) throw new RangeError(`unknown plan version ${JSON.stringify(plan)} v${version}`);
  return platformFeeMinorAt(found.platformFeeBps, amountMinor);
}

/** The fee on a payment at a rate in basis points, rounded half up (exact past 2^53); never more than the amount. */
export function platformFeeMinorAt(platformFeeBps: number, amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError(`amountMinor must be a non-negative integer, got ${amountMinor}`);
  return Math.min(amountMinor, basisPointsOf(amountMinor, platformFeeBps));
}
