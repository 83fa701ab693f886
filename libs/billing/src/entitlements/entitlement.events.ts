// Feature and meter names are the catalog's (catalog.types.ts, meters.ts), checked by the decider against the lists its command carries.
type Feature = string;
type MeterId = string;

/** Stream `<tenantId>.billing-entitlements-<tenantId>`: a platform operator's overrides of the tenant's plan. */
export const entitlementsStreamCategory = 'billing-entitlements';
/** Stream `<tenantId>.billing-quota-<meter>-<period>`: what a meter's quota did in one period. */
export const quotaStreamCategory = 'billing-quota';

/** A feature switched on or off for this tenant whatever its plan says; `enabled: null` = back to the plan's. */
export interface EntitlementOverridden {
  type: 'EntitlementOverridden';
  data: { feature: Feature; enabled: boolean | null; overriddenAt: string; actor: string };
}

/** A meter's quota raised or lowered for this tenant; `quota: null` = back to the plan's. */
export interface QuotaOverridden {
  type: 'QuotaOverridden';
  data: { meter: MeterId; quota: { soft?: number; hard?: number } | null; overriddenAt: string; actor: string };
}

export type EntitlementEvent = EntitlementOverridden | QuotaOverridden;

/** Usage of a meter passed its soft quota in a period (once per meter and period): a cue to upsell or warn the owner. */
export interface SoftQuotaPassed {
  type: 'SoftQuotaPassed';
  data: { meter: MeterId; period: string; used: number; soft: number; hard: number | null; passedAt: string };
}
