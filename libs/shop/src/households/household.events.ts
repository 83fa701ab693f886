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

export type HouseholdEvent = HouseholdFormed | HouseholdRenamed;
