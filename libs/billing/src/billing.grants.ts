import type { ContextGrants } from '@workbay/platform';

/** Billing's CASL subjects; each part adds its own. */
export type BillingSubject = 'BillingPlaceholder' | 'UsageReport' | 'Usage' | 'Entitlements' | 'Subscription';

/** What each role may do with billing's subjects (owners and admins manage all, as everywhere). */
export const BILLING_GRANTS: ContextGrants<BillingSubject> = {
  roles: {
    // Usage by period and day, and its CSV export: what the tenant is billed on; and what the plan allows.
    finance: (can) => can('read', ['UsageReport', 'Entitlements', 'Subscription']),
  },
  // What the shop pays us is the owner's decision, even over an admin's `manage all`.
  ownerOnly: [['update', 'Subscription']],
};
