/**
 * Rating: what a period's usage of one meter costs under a plan's metered charge, and what a
 * whole period costs. Pure and integer-only: products are taken in BigInt (a money meter's
 * amount times basis points outgrows 2^53), and the only rounding is a percentage's, half up.
 *
 * Included units come off first; the pricing applies to the billable rest (tiers count billable
 * units). A period without billable usage costs nothing, not even a percentage's minimum: a shop
 * that took no card payment pays no payment fee.
 */
import type { MeteredCharge, PlanCurrency, PlanVersion, PriceTier, PricingModel } from './catalog.types';
import type { MeterId } from '../meters/meters';

/** Billable units `from`..`to` (1-based, inclusive) of a per-unit price or a tier. */
export interface UnitsLine {
  kind: 'units';
  from: number;
  to: number;
  quantity: number;
  unitMinor: number;
  /** The tier's flat fee, charged once when the tier is reached. */
  flatMinor: number;
  amountMinor: number;
}

export interface PackagesLine {
  kind: 'packages';
  /** Packages started (a started package is charged whole). */
  packages: number;
  size: number;
  packageMinor: number;
  amountMinor: number;
}

export interface PercentageLine {
  kind: 'percentage';
  /** The billable amount the share is taken of, in minor units. */
  baseMinor: number;
  basisPoints: number;
  /** The share before the floor and cap, rounded half up. */
  computedMinor: number;
  /** Which bound set the amount, if one did. */
  clampedBy: 'minimum' | 'maximum' | null;
  amountMinor: number;
}

export type RatingLine = UnitsLine | PackagesLine | PercentageLine;

export interface Rating {
  /** Units after the included ones. */
  billableUnits: number;
  amountMinor: number;
  lines: RatingLine[];
}

export interface MeterLine extends Rating {
  meter: MeterId;
  quantity: number;
  includedUnits: number;
}

export interface PeriodPrice {
  plan: string;
  version: number;
  currency: PlanCurrency;
  baseFeeMinor: number;
  /** One per metered charge of the price, in the catalog's order (zero usage included). */
  meters: MeterLine[];
  totalMinor: number;
}

const safe = (value: bigint, what: string): number => {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} exceeds the largest exact integer`);
  return Number(value);
};

const checkQuantity = (quantity: number): void => {
  // A fractional meter (peak GB) is rounded up by the caller: rating never guesses.
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError(`quantity must be a non-negative integer, got ${quantity}`);
};

const unitsLine = (from: number, to: number, unitMinor: number, flatMinor: number): UnitsLine => {
  const quantity = to - from + 1;
  return { kind: 'units', from, to, quantity, unitMinor, flatMinor, amountMinor: safe(BigInt(quantity) * BigInt(unitMinor) + BigInt(flatMinor), 'a line amount') };
};

/** `n * basisPoints / 10000`, rounded half up, exactly. */
export function basisPointsOf(n: number, basisPoints: number): number {
  return safe((BigInt(n) * BigInt(basisPoints) + 5_000n) / 10_000n, 'a percentage');
}

function rateModel(pricing: PricingModel, billable: number): RatingLine[] {
  switch (pricing.model) {
    case 'per_unit':
      return [unitsLine(1, billable, pricing.unitMinor, 0)];
    case 'graduated': {
      const lines: RatingLine[] = [];
      let from = 1;
      for (const tier of pricing.tiers) {
        if (from > billable) break;
        const to = tier.upTo === null ? billable : Math.min(tier.upTo, billable);
        if (to >= from) lines.push(unitsLine(from, to, tier.unitMinor, tier.flatMinor ?? 0));
        from = Math.max(from, (tier.upTo ?? billable) + 1);
      }
      return lines;
    }
    case 'volume': {
      const tier = volumeTier(pricing.tiers, billable);
      return [unitsLine(1, billable, tier.unitMinor, tier.flatMinor ?? 0)];
    }
    case 'package': {
      const packages = Math.ceil(billable / pricing.size);
      return [{ kind: 'packages', packages, size: pricing.size, packageMinor: pricing.packageMinor, amountMinor: safe(BigInt(packages) * BigInt(pricing.packageMinor), 'a package amount') }];
    }
    case 'percentage': {
      const computedMinor = basisPointsOf(billable, pricing.basisPoints);
      let amountMinor = computedMinor;
      let clampedBy: PercentageLine['clampedBy'] = null;
      if (pricing.minimumMinor !== undefined && amountMinor < pricing.minimumMinor) [amountMinor, clampedBy] = [pricing.minimumMinor, 'minimum'];
      if (pricing.maximumMinor !== undefined && amountMinor > pricing.maximumMinor) [amountMinor, clampedBy] = [pricing.maximumMinor, 'maximum'];
      return [{ kind: 'percentage', baseMinor: billable, basisPoints: pricing.basisPoints, computedMinor, clampedBy, amountMinor }];
    }
    default: {
      const never: never = pricing;
      throw new Error(`unknown pricing model ${JSON.stringify(never)}`);
    }
  }
}

/** The tier a volume of `units` falls in: the first whose `upTo` reaches it (the last is open). */
export function volumeTier(tiers: readonly PriceTier[], units: number): PriceTier {
  const tier = tiers.find((t) => t.upTo === null || units <= t.upTo);
  if (!tier) throw new RangeError('volume tiers must end with an open tier (upTo: null)');
  return tier;
}

/** What `quantity` units of the charge's meter cost in one period. */
export function rate(charge: Pick<MeteredCharge, 'includedUnits' | 'pricing'>, quantity: number): Rating {
  checkQuantity(quantity);
  const billableUnits = Math.max(0, quantity - charge.includedUnits);
  if (billableUnits === 0) return { billableUnits, amountMinor: 0, lines: [] };
  const lines = rateModel(charge.pricing, billableUnits);
  return { billableUnits, amountMinor: safe(lines.reduce((sum, l) => sum + BigInt(l.amountMinor), 0n), 'a charge'), lines };
}

/**
 * A period's price: the base fee plus every metered charge of the version in `currency`, for the
 * period's usage by meter (a meter absent from `usage` was not used). Usage of a meter the price
 * does not charge for costs nothing.
 */
export function priceOfPeriod(version: PlanVersion, currency: PlanCurrency, usage: Partial<Record<MeterId, number>>): PeriodPrice {
  const price = version.prices[currency];
  if (!price) throw new RangeError(`${version.plan} v${version.version} has no price in ${currency}`);
  const meters = price.charges.map((charge): MeterLine => {
    const quantity = usage[charge.meter] ?? 0;
    return { meter: charge.meter, quantity, includedUnits: charge.includedUnits, ...rate(charge, quantity) };
  });
  const total = meters.reduce((sum, m) => sum + BigInt(m.amountMinor), BigInt(price.baseFeeMinor));
  return { plan: version.plan, version: version.version, currency, baseFeeMinor: price.baseFeeMinor, meters, totalMinor: safe(total, 'a period total') };
}
