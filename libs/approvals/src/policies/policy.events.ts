/**
 * Facts about a tenant's approval policy for one request type. Stream:
 * `${tenantId}.approval-policy-${requestType}`; every publish is a new version, and a request keeps
 * the version it was submitted under (its route is copied onto the request).
 */

export const approvalPolicyStreamCategory = 'approval-policy' as const;

export const REQUEST_TYPES = ['purchase', 'payment', 'asset', 'discount', 'leave', 'subscription'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Who may decide a gate: anyone holding a role, or one named user. */
export type GateDecider = { role: string } | { userId: string };

export interface PolicyGate {
  /** Stable within the policy, e.g. 'manager', 'revenue-assurance'. */
  gateId: string;
  name: string;
  decider: GateDecider;
  /**
   * The gate applies when the request's amount is above this, per currency (minor units): e.g.
   * `{ INR: 100000 }` = above 1,000.00 INR. Absent: it always applies. A currency the gate names no
   * threshold for is refused at submission (422 naming `currency`).
   */
  requiredAboveMinor?: Record<string, number>;
  /** Approvals needed from distinct eligible deciders ("any N of M"); 1 by default. */
  quorum: number;
  /** Hours a gate may sit open before a reminder, then an escalation; null: no deadline. */
  deadlineHours: number | null;
  /** Who takes the gate over when it is escalated (the next higher holder); null: the next gate's decider, else the owner. */
  escalateTo: GateDecider | null;
}

export interface ApprovalPolicyPublished {
  type: 'ApprovalPolicyPublished';
  data: {
    requestType: RequestType;
    version: number;
    gates: PolicyGate[];
    /** 'seed' for the default a signup gets, else the editor's user id (also in the metadata). */
    publishedBy: string;
    publishedAt: string;
  };
}

export type ApprovalPolicyEvent = ApprovalPolicyPublished;
