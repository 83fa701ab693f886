/**
 * The seeded plan catalog. A published version is frozen (catalog.unit.spec.ts holds each one's
 * fingerprint): to change a price, a quota or a feature, add a version with a later
 * `publishedAt`; tenants already on the old version keep it until they change plan.
 *
 * Money meters (`stripe_paid_amount`) are rated in the price's own currency: usage in another
 * currency is converted before rating, by the billing cycle.
 *
 * The percentage charge on `stripe_paid_amount` is the same fee as `platformFeeBps`: that fee is
 * taken on each card payment as Stripe's application fee, and the period's line applies the
 * plan's floor and cap to it; the billing cycle bills the line less the fees already taken (a
 * negative difference, past the cap, is a credit). The catalog test keeps the two rates equal.
 */
import type { MeteredCharge, PlanCurrency, PlanId, PlanLimits, PlanPrice, PlanVersion, Quota } from './catalog.types';
import { PLAN_IDS } from './catalog.types';

/** Amounts per currency, in minor units (paise, cents, euro cents). */
type PerCurrency = Record<PlanCurrency, number>;
type ChargeTemplate = (currency: PlanCurrency) => MeteredCharge;

const price = (base: PerCurrency, charges: ChargeTemplate[]): Record<PlanCurrency, PlanPrice> => {
  const of = (currency: PlanCurrency): PlanPrice => ({ currency, baseFeeMinor: base[currency], charges: charges.map((c) => c(currency)) });
  return { INR: of('INR'), USD: of('USD'), EUR: of('EUR') };
};

const STARTER_V1: PlanVersion = {
  plan: 'starter',
  version: 1,
  publishedAt: '2024-01-01T00:00:00.000Z',
  name: 'Starter',
  period: 'month',
  platformFeeBps: 200,
  features: [],
  prices: price({ INR: 99_900, USD: 1_900, EUR: 1_900 }, [
    (c) => ({ meter: 'customers_created', includedUnits: 100, pricing: { model: 'per_unit', unitMinor: { INR: 500, USD: 10, EUR: 10 }[c] } }),
    (c) => ({ meter: 'tickets_created', includedUnits: 100, pricing: { model: 'per_unit', unitMinor: { INR: 1_000, USD: 25, EUR: 20 }[c] } }),
    (c) => ({ meter: 'sms_sent', includedUnits: 50, pricing: { model: 'package', size: 100, packageMinor: { INR: 6_000, USD: 150, EUR: 140 }[c] } }),
    () => ({ meter: 'stripe_paid_amount', includedUnits: 0, pricing: { model: 'percentage', basisPoints: 200 } }),
  ]),
  quotas: [
    { meter: 'customers_created', soft: 150, hard: 200 },
    { meter: 'tickets_created', soft: 250, hard: 300 },
    { meter: 'sms_sent', soft: 800, hard: 1_000 },
    { meter: 'active_staff', hard: 3 },
    { meter: 'locations', hard: 1 },
    { meter: 'storage_gb', soft: 4, hard: 5 },
  ],
};

/** Growth's seats: volume-priced (the whole team at the rate its size reaches). */
const growthStaff = (c: PlanCurrency): MeteredCharge => ({
  meter: 'active_staff',
  includedUnits: 5,
  pricing: {
    model: 'volume',
    tiers: [
      { upTo: 10, unitMinor: { INR: 49_900, USD: 900, EUR: 900 }[c] },
      { upTo: 25, unitMinor: { INR: 39_900, USD: 700, EUR: 700 }[c] },
      { upTo: null, unitMinor: { INR: 29_900, USD: 500, EUR: 500 }[c] },
    ],
  },
});

/** Growth's repair orders: graduated (each ticket at the rate of the band it falls in). */
const growthTickets = (c: PlanCurrency): MeteredCharge => ({
  meter: 'tickets_created',
  includedUnits: 500,
  pricing: {
    model: 'graduated',
    tiers: [
      { upTo: 1_000, unitMinor: { INR: 800, USD: 20, EUR: 18 }[c] },
      { upTo: 5_000, unitMinor: { INR: 500, USD: 12, EUR: 11 }[c] },
      { upTo: null, unitMinor: { INR: 300, USD: 8, EUR: 7 }[c] },
    ],
  },
});

const GROWTH_V1: PlanVersion = {
  plan: 'growth',
  version: 1,
  publishedAt: '2024-01-01T00:00:00.000Z',
  name: 'Growth',
  period: 'month',
  platformFeeBps: 100,
  features: ['scheduling', 'approvals', 'online_booking', 'multi_location', 'memberships'],
  prices: price({ INR: 299_900, USD: 5_900, EUR: 5_500 }, [
    (c) => ({ meter: 'customers_created', includedUnits: 1_000, pricing: { model: 'per_unit', unitMinor: { INR: 200, USD: 5, EUR: 5 }[c] } }),
    growthTickets,
    (c) => ({ meter: 'sms_sent', includedUnits: 500, pricing: { model: 'package', size: 100, packageMinor: { INR: 5_000, USD: 120, EUR: 110 }[c] } }),
    (c) => ({ meter: 'appointments_booked', includedUnits: 1_000, pricing: { model: 'per_unit', unitMinor: { INR: 100, USD: 2, EUR: 2 }[c] } }),
    growthStaff,
    () => ({ meter: 'stripe_paid_amount', includedUnits: 0, pricing: { model: 'percentage', basisPoints: 100 } }),
  ]),
  quotas: [
    { meter: 'customers_created', soft: 8_000, hard: 10_000 },
    { meter: 'tickets_created', soft: 8_000, hard: 10_000 },
    { meter: 'sms_sent', soft: 10_000, hard: 20_000 },
    { meter: 'active_staff', soft: 40, hard: 50 },
    { meter: 'locations', soft: 8, hard: 10 },
    { meter: 'storage_gb', soft: 40, hard: 50 },
  ],
};

/**
 * Growth v2: integrations (API keys, metered API calls), more customers and a floor and cap on
 * the payment fee; a higher base fee. Shops that signed up on v1 stay on v1.
 */
const GROWTH_V2: PlanVersion = {
  plan: 'growth',
  version: 2,
  publishedAt: '2026-10-01T00:00:00.000Z',
  name: 'Growth',
  period: 'month',
  platformFeeBps: 100,
  features: ['scheduling', 'approvals', 'online_booking', 'multi_location', 'memberships', 'api_keys'],
  prices: price({ INR: 349_900, USD: 6_900, EUR: 6_500 }, [
    (c) => ({ meter: 'customers_created', includedUnits: 2_000, pricing: { model: 'per_unit', unitMinor: { INR: 150, USD: 4, EUR: 4 }[c] } }),
    growthTickets,
    (c) => ({ meter: 'sms_sent', includedUnits: 1_000, pricing: { model: 'package', size: 100, packageMinor: { INR: 4_500, USD: 110, EUR: 100 }[c] } }),
    (c) => ({ meter: 'appointments_booked', includedUnits: 2_000, pricing: { model: 'per_unit', unitMinor: { INR: 100, USD: 2, EUR: 2 }[c] } }),
    growthStaff,
    // A call is worth a fraction of a cent: sold by the ten thousand.
    (c) => ({ meter: 'api_calls', includedUnits: 100_000, pricing: { model: 'package', size: 10_000, packageMinor: { INR: 8_000, USD: 100, EUR: 90 }[c] } }),
    (c) => ({
      meter: 'stripe_paid_amount',
      includedUnits: 0,
      pricing: { model: 'percentage', basisPoints: 100, minimumMinor: { INR: 19_900, USD: 300, EUR: 300 }[c], maximumMinor: { INR: 2_000_000, USD: 30_000, EUR: 28_000 }[c] },
    }),
  ]),
  quotas: [
    { meter: 'customers_created', soft: 16_000, hard: 20_000 },
    { meter: 'tickets_created', soft: 8_000, hard: 10_000 },
    { meter: 'sms_sent', soft: 10_000, hard: 20_000 },
    { meter: 'api_calls', soft: 4_000_000, hard: 5_000_000 },
    { meter: 'active_staff', soft: 40, hard: 50 },
    { meter: 'locations', soft: 8, hard: 10 },
    { meter: 'storage_gb', soft: 80, hard: 100 },
  ],
};

const ENTERPRISE_V1: PlanVersion = {
  plan: 'enterprise',
  version: 1,
  publishedAt: '2024-01-01T00:00:00.000Z',
  name: 'Enterprise',
  period: 'month',
  platformFeeBps: 50,
  features: ['scheduling', 'approvals', 'online_booking', 'api_keys', 'multi_location', 'memberships', 'audit_export'],
  prices: price({ INR: 1_499_900, USD: 29_900, EUR: 27_900 }, [
    (c) => ({ meter: 'api_calls', includedUnits: 1_000_000, pricing: { model: 'package', size: 10_000, packageMinor: { INR: 4_000, USD: 50, EUR: 45 }[c] } }),
    // Repair orders past the included ones get cheaper by band.
    (c) => ({
      meter: 'tickets_created',
      includedUnits: 5_000,
      pricing: {
        model: 'graduated',
        tiers: [
          { upTo: 20_000, unitMinor: { INR: 300, USD: 6, EUR: 6 }[c] },
          { upTo: null, unitMinor: { INR: 150, USD: 3, EUR: 3 }[c] },
        ],
      },
    }),
    (c) => ({ meter: 'sms_sent', includedUnits: 5_000, pricing: { model: 'per_unit', unitMinor: { INR: 40, USD: 1, EUR: 1 }[c] } }),
    (c) => ({
      meter: 'active_staff',
      includedUnits: 25,
      pricing: {
        model: 'volume',
        tiers: [
          { upTo: 100, unitMinor: { INR: 29_900, USD: 500, EUR: 500 }[c] },
          { upTo: null, unitMinor: { INR: 19_900, USD: 350, EUR: 350 }[c] },
        ],
      },
    }),
    (c) => ({ meter: 'storage_gb', includedUnits: 500, pricing: { model: 'package', size: 100, packageMinor: { INR: 150_000, USD: 2_500, EUR: 2_300 }[c] } }),
    (c) => ({ meter: 'stripe_paid_amount', includedUnits: 0, pricing: { model: 'percentage', basisPoints: 50, maximumMinor: { INR: 5_000_000, USD: 75_000, EUR: 70_000 }[c] } }),
  ]),
  quotas: [
    { meter: 'customers_created', soft: 500_000 },
    { meter: 'tickets_created', soft: 500_000 },
    { meter: 'api_calls', soft: 50_000_000, hard: 100_000_000 },
    { meter: 'sms_sent', soft: 200_000 },
    { meter: 'locations', soft: 200 },
  ] satisfies Quota[],
};

/** Every version ever published (or scheduled), by plan then version. */
export const PLAN_CATALOG: readonly PlanVersion[] = deepFreeze([STARTER_V1, GROWTH_V1, GROWTH_V2, ENTERPRISE_V1]);

/**
 * Limits arrived after these versions were published: their fingerprints stay as published, and
 * each takes its plan's baseline here (frozen like a version: a change is a new plan version
 * carrying its own `limits`). Starter has no approvals, so its limit only matters under an override.
 */
export const PLAN_BASELINE_LIMITS: Readonly<Record<PlanId, Readonly<Required<PlanLimits>>>> = deepFreeze({
  starter: { approvalGatesPerPolicy: 2 },
  growth: { approvalGatesPerPolicy: 4 },
  enterprise: { approvalGatesPerPolicy: 10 },
});

/** A version's limits: its own, else its plan's baseline. */
export function limitsOf(version: PlanVersion): Required<PlanLimits> {
  return { ...PLAN_BASELINE_LIMITS[version.plan], ...version.limits };
}

/** A version, or undefined when that plan has no such version. */
export function planVersion(plan: PlanId | string, version: number): PlanVersion | undefined {
  return PLAN_CATALOG.find((v) => v.plan === plan && v.version === version);
}

/** The versions of a plan, oldest first. */
export function versionsOf(plan: PlanId | string): PlanVersion[] {
  return PLAN_CATALOG.filter((v) => v.plan === plan).sort((a, b) => a.version - b.version);
}

/** The version a new subscription gets at `at`: the latest published at or before it; undefined before the first. */
export function currentVersion(plan: PlanId | string, at: Date): PlanVersion | undefined {
  const t = at.getTime();
  return versionsOf(plan).filter((v) => Date.parse(v.publishedAt) <= t).at(-1);
}

/** The current version of every plan at `at`, in the order of PLAN_IDS (plans not yet published are left out). */
export function currentCatalog(at: Date): PlanVersion[] {
  return PLAN_IDS.map((plan) => currentVersion(plan, at)).filter((v): v is PlanVersion => v !== undefined);
}

export const isPlanId = (value: unknown): value is PlanId => typeof value === 'string' && (PLAN_IDS as readonly string[]).includes(value);

/** A frozen catalog cannot be edited at run time by a caller that mutates what a lookup returned. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
