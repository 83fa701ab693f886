import { Injectable } from '@nestjs/common';
import { Clock, NotFoundError } from '@workbay/platform';
import { currentCatalog, isPlanId, planVersion } from './catalog';
import type { MeteredCharge, PlanCurrency, PlanVersion, PricingModel } from './catalog.types';
import { PLAN_CURRENCIES } from './catalog.types';
import type { PlanVersionView, PricingView } from './plan-catalog.dto';

/** The catalog's reads, for the REST controller and the GraphQL resolver alike. */
@Injectable()
export class PlanCatalogService {
  constructor(private readonly clock: Clock) {}

  /** The version of each plan a shop signing up now gets. */
  current(currency?: PlanCurrency): PlanVersionView[] {
    return currentCatalog(this.clock.now()).map((v) => toView(v, currency));
  }

  /** Any version, published or scheduled: a tenant on an old version reads what it pays. */
  version(plan: string, version: number, currency?: PlanCurrency): PlanVersionView {
    const found = isPlanId(plan) ? planVersion(plan, version) : undefined;
    if (!found) throw new NotFoundError('plan version', `${plan} v${version}`);
    return toView(found, currency);
  }
}

/** Catalog to view: optional fields become explicit nulls/zeros, so every client sees one shape. */
export function toView(v: PlanVersion, currency?: PlanCurrency): PlanVersionView {
  return {
    plan: v.plan,
    version: v.version,
    publishedAt: v.publishedAt,
    name: v.name,
    period: v.period,
    platformFeeBps: v.platformFeeBps,
    features: [...v.features],
    quotas: v.quotas.map((q) => ({ meter: q.meter, soft: q.soft ?? null, hard: q.hard ?? null })),
    prices: PLAN_CURRENCIES.filter((c) => currency === undefined || c === currency).map((c) => ({
      currency: c,
      baseFeeMinor: v.prices[c].baseFeeMinor,
      charges: v.prices[c].charges.map(chargeView),
    })),
  };
}

const chargeView = (c: MeteredCharge) => ({ meter: c.meter, includedUnits: c.includedUnits, pricing: pricingView(c.pricing) });

function pricingView(p: PricingModel): PricingView {
  switch (p.model) {
    case 'per_unit':
      return { model: p.model, unitMinor: p.unitMinor };
    case 'graduated':
    case 'volume':
      return { model: p.model, tiers: p.tiers.map((t) => ({ upTo: t.upTo, unitMinor: t.unitMinor, flatMinor: t.flatMinor ?? 0 })) } as PricingView;
    case 'package':
      return { model: p.model, size: p.size, packageMinor: p.packageMinor };
    case 'percentage':
      return { model: p.model, basisPoints: p.basisPoints, minimumMinor: p.minimumMinor ?? null, maximumMinor: p.maximumMinor ?? null };
  }
}
