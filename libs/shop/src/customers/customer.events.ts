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

export type CustomerEvent = CustomerRegistered | CustomerContactUpdated;
