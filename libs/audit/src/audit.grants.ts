import type { ContextGrants } from '@workbay/platform';

export type AuditSubject = 'AuditLog';

/** Who reads the tenant's event log; only auditors verify and replay it (owners and admins manage all). */
export const AUDIT_GRANTS: ContextGrants<AuditSubject> = {
  roles: {
    finance: (can) => can('read', 'AuditLog'),
    revenue_assurance: (can) => can('read', 'AuditLog'),
    ceo: (can) => can('read', 'AuditLog'),
    auditor: (can) => can(['read', 'verify', 'replay'], 'AuditLog'),
  },
};
