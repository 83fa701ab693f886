export interface TenantProfile {
  id: string;
  name: string;
  country: string;
  currency: string;
  plan: string;
  status: string;
}

/**
 * Port: the current tenant's settings (country, currency, plan), which every context reads and
 * identity owns (its tenants table); IdentityModule provides it. An abstract class so it is its
 * own injection token.
 */
export abstract class TenantProfiles {
  abstract current(): Promise<TenantProfile>;
}
