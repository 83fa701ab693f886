import type { Can, ContextGrants } from '@workbay/platform';

/** Approvals' CASL subjects; each part adds its own. */
export type ApprovalsSubject = 'ApprovalPolicy' | 'ApprovalRequest' | 'ApprovalReport';

/**
 * Every member may submit requests and decide the gates a policy names them for: who decides a
 * gate is the gate's rule (its role or named user), checked by the decider, not by a grant.
 */
const member = (can: Can<ApprovalsSubject>) => {
  can(['create', 'read', 'submit', 'decide', 'withdraw', 'delegate'], 'ApprovalRequest');
  can('read', 'ApprovalPolicy');
};
const overseer = (can: Can<ApprovalsSubject>) => {
  member(can);
  can('read', 'ApprovalReport');
};

/** Owners and admins manage all (the kernel's grant), so they edit policies; an auditor reads everything and decides nothing. */
export const APPROVALS_GRANTS: ContextGrants<ApprovalsSubject> = {
  roles: {
    manager: overseer,
    service_advisor: member,
    technician: member,
    front_desk: member,
    finance: overseer,
    revenue_assurance: overseer,
    ceo: overseer,
    auditor: (can) => can('read', ['ApprovalPolicy', 'ApprovalRequest', 'ApprovalReport']),
  },
};
