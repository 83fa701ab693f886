/**
 * The fact a signup records when a shop is opened (auth.service.ts stages it in the signup's
 * transaction). Other contexts react to it to set a new tenant up (approvals seeds its default
 * policies), so its shape is part of identity's contract: add optional fields only.
 */
export interface TenantRegistered {
  type: 'TenantRegistered';
  data: { tenantId: string; name: string; country: string; currency: string; plan: string };
}
