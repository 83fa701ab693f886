export interface TenantProfile {
  id: string;
  name: string;
  country: string;
  currency: string;
  plan: string;
  status: string;
  /** Its public name in URLs (`/book/{slug}`), unique over all tenants. */
  slug?: string;
  /** ISO-8601 UTC instant the tenant signed up (which plan version it got follows from it). */
  registeredAt: string;
}

/**
 * Port: the current tenant's settings (country, currency, plan), which every context reads and
 * identity owns (its tenants table); IdentityModule provides it. An abstract class so it is its
 * own injection token.
 */
export abstract class TenantProfiles {
  abstract current(): Promise<TenantProfile>;
}
