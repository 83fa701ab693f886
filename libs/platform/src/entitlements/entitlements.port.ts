/**
 * Port: what the tenant's plan (plus its overrides) allows. Billing provides it; the kernel's
 * guard and quota interceptor call it for every endpoint carrying `@RequireEntitlement`. An
 * abstract class so it is its own injection token.
 */
export interface QuotaReservation {
  tenantId: string;
  meter: string;
  /** `YYYY-MM` (or `YYYY` for a yearly plan): the period the units were counted in. */
  period: string;
  units: number;
  /** Usage of the period after this reservation. */
  used: number;
  soft?: number;
  hard?: number;
  /** Set when `used` passed the soft quota: the request passes with this warning header value. */
  warning?: string;
}

export abstract class Entitlements {
  /** Throws FeatureNotInPlan (403) when the tenant's plan does not include `feature`. */
  abstract requireFeature(tenantId: string, feature: string): Promise<void>;
  /** The plan's structural limit named `limit` (e.g. `approvalGatesPerPolicy`), or null when the plan sets none. */
  abstract limitOf(tenantId: string, limit: string): Promise<{ plan: string; limit: number } | null>;
  /**
   * Counts `units` of `meter` in the current period, atomically against the hard quota: throws
   * QuotaExceeded (429) and counts nothing when they do not fit. Null when the meter has no quota
   * on the tenant's plan (nothing counted here; usage metering counts it anyway).
   */
  abstract reserve(tenantId: string, meter: string, units: number): Promise<QuotaReservation | null>;
  /** Gives back a reservation whose request was refused after it (validation, conflict, crash of the handler). */
  abstract giveBack(reservation: QuotaReservation): Promise<void>;
}
