import { limitsOf } from '../catalog/catalog';
import { BillingPeriod, Feature, FEATURES, PlanId, PlanLimits, PlanVersion } from '../catalog/catalog.types';
import type { MeterId } from '../meters/meters';
import type { OverridesState, QuotaLimits } from './entitlement-overrides.decider';

/** What a tenant may do now: its plan version with the operator's overrides applied. Pure. */
export interface EffectiveEntitlements {
  plan: PlanId;
  version: number;
  period: BillingPeriod;
  features: { feature: Feature; enabled: boolean; overridden: boolean }[];
  quotas: { meter: MeterId; soft?: number; hard?: number; overridden: boolean }[];
  limits: Required<PlanLimits>;
}

export function effectiveEntitlements(plan: PlanVersion, overrides: OverridesState): EffectiveEntitlements {
  const features = FEATURES.map((feature) => {
    const override = overrides.features[feature];
    return { feature, enabled: override ?? plan.features.includes(feature), overridden: override !== undefined };
  });
  const meters = new Set<MeterId>([...plan.quotas.map((q) => q.meter), ...(Object.keys(overrides.quotas) as MeterId[])]);
  const quotas = [...meters].map((meter) => {
    const override: QuotaLimits | undefined = overrides.quotas[meter];
    const base = plan.quotas.find((q) => q.meter === meter);
    const limits = override ?? { soft: base?.soft, hard: base?.hard };
    return { meter, ...(limits.soft !== undefined ? { soft: limits.soft } : {}), ...(limits.hard !== undefined ? { hard: limits.hard } : {}), overridden: override !== undefined };
  });
  return { plan: plan.plan, version: plan.version, period: plan.period, features, quotas, limits: limitsOf(plan) };
}

/** The quota period an instant falls in: the calendar month (`YYYY-MM`) or year (`YYYY`), UTC. */
export function quotaPeriodOf(at: Date, period: BillingPeriod): { key: string; resetsAt: Date } {
  const year = at.getUTCFullYear();
  if (period === 'year') return { key: String(year), resetsAt: new Date(Date.UTC(year + 1, 0, 1)) };
  const month = at.getUTCMonth();
  return { key: `${year}-${String(month + 1).padStart(2, '0')}`, resetsAt: new Date(Date.UTC(year, month + 1, 1)) };
}

/** `Workbay-Quota-Warning` value, e.g. `customers_created; used=151; soft=150; hard=200`. */
export function quotaWarning(meter: string, used: number, soft: number, hard?: number): string {
  return `${meter}; used=${used}; soft=${soft}${hard !== undefined ? `; hard=${hard}` : ''}`;
}
