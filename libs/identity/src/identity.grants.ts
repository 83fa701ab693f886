import type { ContextGrants } from '@workbay/platform';

export type IdentitySubject = 'User' | 'Tenant' | 'ApiKey';

/**
 * Who sees the shop's people and the tenant (owners and admins manage all: the kernel's grant).
 * `ApiKey` (machine clients' keys) is granted to no role here: owners and admins alone manage
 * keys, through that same grant, and no API key can (a key has no roles).
 */
export const IDENTITY_GRANTS: ContextGrants<IdentitySubject> = {
  roles: {
    manager: (can) => can('read', ['User', 'Tenant']),
    // Who works a line is the advisor's call, so they list users (technicians) to pick from.
    service_advisor: (can) => can('read', 'User'),
    finance: (can) => can('read', 'Tenant'),
    ceo: (can) => can('read', ['Tenant', 'User']),
  },
};
