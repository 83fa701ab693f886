import type { BillingAddress } from '../customers/customer-billing.rules';
import type { TaxId } from '../invoices/tax-id.rules';

/**
 * Facts about a household: the family or fleet whose members' vehicles the shop sees together.
 * Membership lives on each customer's stream (CustomerJoinedHousehold / CustomerLeftHousehold).
 * Stream: `${tenantId}.household-${householdId}`.
 */
export const householdStreamCategory = 'household' as const;

export interface HouseholdFormed {
  type: 'HouseholdFormed';
  data: { householdId: string; name: string; formedAt: string };
}

export interface HouseholdRenamed {
  type: 'HouseholdRenamed';
  data: { householdId: string; name: string; renamedAt: string };
}

/**
 * The household's billing details after the change (both), not a diff, validated by the customer's
 * rules: a fleet invoiced as one business. A null tax id: a private household (B2C).
 */
export interface HouseholdBillingSet {
  type: 'HouseholdBillingSet';
  data: { householdId: string; billingAddress: BillingAddress | null; taxId: TaxId | null; setAt: string };
}

export type HouseholdEvent = HouseholdFormed | HouseholdRenamed | HouseholdBillingSet;
