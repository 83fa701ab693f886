/**
 * The shape of the platform's plan catalog: what a plan costs, what it switches on and how much
 * of each meter it allows. The catalog is code, versioned like code: a published version never
 * changes, a change is a new version, and a tenant stays on the version it subscribed to until it
 * changes plan. Every amount is an integer in minor units of its currency.
 */
import type { MeterId } from '../meters/meters';

export const PLAN_IDS = ['starter', 'growth', 'enterprise'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

/** ISO 4217 codes every plan is priced in (at least these three). */
export const PLAN_CURRENCIES = ['INR', 'USD', 'EUR'] as const;
export type PlanCurrency = (typeof PLAN_CURRENCIES)[number];

/** What a plan can switch on; an endpoint names one of these to be gated by it. */
export const FEATURES = ['scheduling', 'approvals', 'online_booking', 'api_keys', 'multi_location', 'memberships', 'audit_export'] as const;
export type Feature = (typeof FEATURES)[number];

export const BILLING_PERIODS = ['month', 'year'] as const;
export type BillingPeriod = (typeof BILLING_PERIODS)[number];

/** A tier of a graduated or volume price: billable units (those past the charge's included units) up to `upTo` (inclusive; null = no end) cost `unitMinor` each, plus `flatMinor` once when reached. */
export interface PriceTier {
  upTo: number | null;
  unitMinor: number;
  flatMinor?: number;
}

/** How usage of one meter is charged, after the plan's included units. */
export type PricingModel =
  /** Every unit costs the same. */
  | { model: 'per_unit'; unitMinor: number }
  /** Each unit is priced by the tier it falls in (first 100 at x, next 900 at y, ...). */
  | { model: 'graduated'; tiers: PriceTier[] }
  /** All units are priced at the tier the total falls in. */
  | { model: 'volume'; tiers: PriceTier[] }
  /** Units are sold in packages of `size`; a started package is charged whole. */
  | { model: 'package'; size: number; packageMinor: number }
  /** A share of a money meter's amount (basis points), with a floor and a cap per period. */
  | { model: 'percentage'; basisPoints: number; minimumMinor?: number; maximumMinor?: number };

export type PricingModelName = PricingModel['model'];

/** The names of the pricing models (the discriminator `model`), in a Record so a model missing here does not compile. */
const PRICING_MODEL_NAMES: Record<PricingModelName, true> = { per_unit: true, graduated: true, volume: true, package: true, percentage: true };
export const PRICING_MODELS = Object.keys(PRICING_MODEL_NAMES) as readonly PricingModelName[];

export interface MeteredCharge {
  meter: MeterId;
  /** Units of the period free of charge before the pricing applies. */
  includedUnits: number;
  pricing: PricingModel;
}

/** Usage limits per billing period: past `soft` the request passes with a warning; at `hard` it is refused (429). */
export interface Quota {
  meter: MeterId;
  soft?: number;
  hard?: number;
}

/** A plan's price in one currency. */
export interface PlanPrice {
  currency: PlanCurrency;
  /** Charged once per period, whatever the usage. */
  baseFeeMinor: number;
  charges: MeteredCharge[];
}

export interface PlanVersion {
  plan: PlanId;
  /** 1, 2, ...; a published version never changes. */
  version: number;
  /** ISO date from which new subscriptions get this version. */
  publishedAt: string;
  name: string;
  period: BillingPeriod;
  prices: Record<PlanCurrency, PlanPrice>;
  features: Feature[];
  quotas: Quota[];
  /** Our fee on card payments taken through Workbay, in basis points (Stripe's application_fee_amount). */
  platformFeeBps: number;
  /** Structural limits (not metered per period); a version without them has its plan's baseline (catalog.ts PLAN_BASELINE_LIMITS). */
  limits?: PlanLimits;
}

/** Limits on the shape of what a tenant sets up, e.g. how many gates an approval policy may have. */
export const PLAN_LIMIT_NAMES = ['approvalGatesPerPolicy'] as const;
export type PlanLimitName = (typeof PLAN_LIMIT_NAMES)[number];
export type PlanLimits = Partial<Record<PlanLimitName, number>>;
