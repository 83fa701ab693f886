import type { BillingAddress } from './customer-billing.rules';
import type { TaxId } from '../invoices/tax-id.rules';

/** Facts about a customer. Stream: `${tenantId}.customer-${customerId}`; the actor is in the metadata. */

export const customerStreamCategory = 'customer' as const;

export interface CustomerRegistered {
  type: 'CustomerRegistered';
  data: {
    customerId: string;
    firstName: string;
    lastName: string;
    /** Trimmed; null when the customer gave none. At least one of email/phone is set. */
    email: string | null;
    phone: string | null;
    /** ISO-8601 UTC. */
    registeredAt: string;
  };
}

/** Carries the full contact after the change (both fields), not a diff. */
export interface CustomerContactUpdated {
  type: 'CustomerContactUpdated';
  data: {
    customerId: string;
    email: string | null;
    phone: string | null;
    updatedAt: string;
  };
}

/** The customer is now in `householdId`; `previousHouseholdId` is the one they moved from, if any. */
export interface CustomerJoinedHousehold {
  type: 'CustomerJoinedHousehold';
  data: { customerId: string; householdId: string; previousHouseholdId: string | null; joinedAt: string };
}

export interface CustomerLeftHousehold {
  type: 'CustomerLeftHousehold';
  data: { customerId: string; householdId: string; leftAt: string };
}

/** The full, ordered list of the shop locations the customer prefers (most preferred first); may be empty. */
export interface CustomerPreferredLocationsSet {
  type: 'CustomerPreferredLocationsSet';
  data: { customerId: string; locationIds: string[]; setAt: string };
}

/** The billing details after the change (both), not a diff; a null tax id: a private customer (B2C). */
export interface CustomerBillingSet {
  type: 'CustomerBillingSet';
  data: { customerId: string; billingAddress: BillingAddress | null; taxId: TaxId | null; setAt: string };
}

export type CustomerEvent =
  | CustomerBillingSet
  | CustomerRegistered
  | CustomerContactUpdated
  | CustomerJoinedHousehold
  | CustomerLeftHousehold
  | CustomerPreferredLocationsSet;
