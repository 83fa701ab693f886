/**
 * What identity offers other contexts (`@workbay/identity/contract`), the only identity file they
 * may import. Identity asks through `WorkLocations` whether a location can be a user's home; the
 * context that owns locations (the shop) provides it. Users and tenants reach the kernel through
 * its own ports (UserDirectory, TenantProfiles), which identity provides. Integration events and
 * commands for others: TenantRegistered (approvals seeds its policies on it).
 */
export { WorkLocations } from './users/work-locations';
export { TenantBySlug } from './tenancy/tenant-by-slug.query';
export type { TenantBySlugView } from './tenancy/tenant-by-slug.query';
export type { TenantRegistered } from './tenancy/tenant.events';
