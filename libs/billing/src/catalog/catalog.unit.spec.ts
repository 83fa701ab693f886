import { METER_IDS, meterById } from '../meters/meters';
import { currentCatalog, currentVersion, isPlanId, limitsOf, PLAN_CATALOG, planVersion, versionsOf } from './catalog';
import { canonicalJson, fingerprint, versionKey } from './catalog.fingerprint';
import { FEATURES, PLAN_CURRENCIES, PLAN_IDS, PLAN_LIMIT_NAMES, PlanVersion, PriceTier, PricingModel } from './catalog.types';
import PUBLISHED from './published-versions.json';

const PINNED: Record<string, string> = PUBLISHED;
const label = (v: PlanVersion) => versionKey(v);
const isMinor = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/** Every number a price holds, with where it is, for the integer rule. */
function amountsOf(pricing: PricingModel): [string, number | undefined][] {
  switch (pricing.model) {
    case 'per_unit': return [['unitMinor', pricing.unitMinor]];
    case 'graduated':
    case 'volume': return pricing.tiers.flatMap((t, i) => [[`tiers[${i}].unitMinor`, t.unitMinor], [`tiers[${i}].flatMinor`, t.flatMinor ?? 0]] as [string, number][]);
    case 'package': return [['packageMinor', pricing.packageMinor], ['size', pricing.size]];
    case 'percentage': return [['basisPoints', pricing.basisPoints], ['minimumMinor', pricing.minimumMinor ?? 0], ['maximumMinor', pricing.maximumMinor ?? 0]];
  }
}

function tierProblems(tiers: readonly PriceTier[]): string[] {
  const problems: string[] = [];
  if (tiers.length === 0) problems.push('no tiers');
  tiers.forEach((t, i) => {
    const last = i === tiers.length - 1;
    if (last && t.upTo !== null) problems.push('last tier is not open (upTo: null)');
    if (!last && t.upTo === null) problems.push(`tier ${i} is open but not last`);
    if (t.upTo !== null && (!Number.isSafeInteger(t.upTo) || t.upTo < 1)) problems.push(`tier ${i} upTo ${t.upTo} is not a positive integer`);
    const previous = tiers[i - 1]?.upTo;
    if (i > 0 && t.upTo !== null && previous !== null && t.upTo <= previous) problems.push(`tier ${i} upTo ${t.upTo} not above ${previous}`);
  });
  return problems;
}

describe('the plan catalog is sound', () => {
  it.each(PLAN_CATALOG.map((v) => [label(v), v] as const))('%s is priced in every currency, in integer minor units >= 0, over existing meters', (_, v) => {
    expect(Object.keys(v.prices).sort()).toEqual([...PLAN_CURRENCIES].sort());
    const shapes = new Set<string>();
    for (const currency of PLAN_CURRENCIES) {
      const price = v.prices[currency];
      expect(price.currency).toBe(currency);
      expect(isMinor(price.baseFeeMinor)).toBe(true);
      const meters = price.charges.map((c) => c.meter);
      expect(new Set(meters).size).toBe(meters.length);
      // The same charges, models and tier bounds in every currency: only the amounts differ.
      shapes.add(JSON.stringify(price.charges.map((c) => [c.meter, c.includedUnits, c.pricing.model, 'tiers' in c.pricing ? c.pricing.tiers.map((t) => t.upTo) : 'size' in c.pricing ? c.pricing.size : null])));
      for (const charge of price.charges) {
        const where = `${label(v)} ${currency} ${charge.meter}`;
        expect({ where, known: METER_IDS.includes(charge.meter) }).toEqual({ where, known: true });
        expect({ where, includedUnits: isMinor(charge.includedUnits) }).toEqual({ where, includedUnits: true });
        for (const [field, amount] of amountsOf(charge.pricing)) expect({ where, field, integer: isMinor(amount) }).toEqual({ where, field, integer: true });
        const p = charge.pricing;
        if (p.model === 'graduated' || p.model === 'volume') expect({ where, problems: tierProblems(p.tiers) }).toEqual({ where, problems: [] });
        if (p.model === 'package') expect(p.size).toBeGreaterThanOrEqual(1);
        if (p.model === 'percentage') {
          // A share of money only makes sense on a money meter (summed minor units).
          expect(meterById(charge.meter)).toMatchObject({ aggregation: 'SUM', unit: 'minor unit' });
          expect(p.basisPoints).toBeLessThanOrEqual(10_000);
          if (p.minimumMinor !== undefined && p.maximumMinor !== undefined) expect(p.minimumMinor).toBeLessThanOrEqual(p.maximumMinor);
        }
      }
    }
    expect(shapes.size).toBe(1);
  });

  it.each(PLAN_CATALOG.map((v) => [label(v), v] as const))('%s has known, distinct features and one sound quota per meter', (_, v) => {
    expect(v.features.every((f) => FEATURES.includes(f))).toBe(true);
    expect(new Set(v.features).size).toBe(v.features.length);
    expect(new Set(v.quotas.map((q) => q.meter)).size).toBe(v.quotas.length);
    for (const q of v.quotas) {
      expect(METER_IDS).toContain(q.meter);
      expect(q.soft !== undefined || q.hard !== undefined).toBe(true);
      for (const limit of [q.soft, q.hard]) if (limit !== undefined) expect(Number.isSafeInteger(limit) && limit > 0).toBe(true);
      if (q.soft !== undefined && q.hard !== undefined) expect(q.soft).toBeLessThanOrEqual(q.hard);
    }
  });

  it.each(PLAN_CATALOG.map((v) => [label(v), v] as const))('%s charges its card payment fee (platformFeeBps) on stripe_paid_amount at the same rate', (_, v) => {
    expect(Number.isSafeInteger(v.platformFeeBps) && v.platformFeeBps >= 0 && v.platformFeeBps <= 10_000).toBe(true);
    for (const currency of PLAN_CURRENCIES) {
      const fee = v.prices[currency].charges.find((c) => c.meter === 'stripe_paid_amount');
      expect(fee?.pricing).toMatchObject({ model: 'percentage', basisPoints: v.platformFeeBps });
    }
  });

  it('numbers each plan 1, 2, ... with versions published in ascending time', () => {
    for (const plan of PLAN_IDS) {
      const versions = versionsOf(plan);
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
      const times = versions.map((v) => Date.parse(v.publishedAt));
      expect(times.every((t, i) => Number.isFinite(t) && new Date(t).toISOString() === versions[i].publishedAt)).toBe(true);
      expect(times.every((t, i) => i === 0 || t > times[i - 1])).toBe(true);
    }
    expect(new Set(PLAN_CATALOG.map(label)).size).toBe(PLAN_CATALOG.length);
    expect(PLAN_CATALOG.every((v) => isPlanId(v.plan))).toBe(true);
  });

  it('uses every pricing model somewhere, and a percentage with both a floor and a cap', () => {
    const pricings = PLAN_CATALOG.flatMap((v) => PLAN_CURRENCIES.flatMap((c) => v.prices[c].charges.map((ch) => ch.pricing)));
    expect(new Set(pricings.map((p) => p.model))).toEqual(new Set(['per_unit', 'graduated', 'volume', 'package', 'percentage']));
    expect(pricings.some((p) => p.model === 'percentage' && p.minimumMinor !== undefined && p.maximumMinor !== undefined)).toBe(true);
  });

  it('keeps what entitlements and the existing flows rely on', () => {
    for (const starter of versionsOf('starter')) {
      expect(starter.features).not.toContain('multi_location');
      expect(starter.quotas.find((q) => q.meter === 'customers_created')).toEqual({ meter: 'customers_created', soft: 150, hard: 200 });
    }
    for (const v of [...versionsOf('growth'), ...versionsOf('enterprise')]) {
      expect(v.features).toContain('multi_location');
      const customers = v.quotas.find((q) => q.meter === 'customers_created');
      expect(customers?.hard ?? Infinity).toBeGreaterThanOrEqual(10_000);
    }
    expect(versionsOf('enterprise').at(-1)!.features.slice().sort()).toEqual([...FEATURES].sort());
    expect(versionsOf('growth').map((v) => v.platformFeeBps)).toEqual([100, 100]);
    expect(currentVersion('starter', new Date())!.platformFeeBps).toBe(200);
    expect(currentVersion('enterprise', new Date())!.platformFeeBps).toBe(50);
  });
});

describe('plan versions', () => {
  it('gives Growth a second version, published later, with other prices and quotas', () => {
    const [v1, v2] = [planVersion('growth', 1)!, planVersion('growth', 2)!];
    expect(Date.parse(v2.publishedAt)).toBeGreaterThan(Date.parse(v1.publishedAt));
    expect(v2.prices.INR.baseFeeMinor).not.toBe(v1.prices.INR.baseFeeMinor);
    expect(v2.quotas).not.toEqual(v1.quotas);
    expect(v2.features).toContain('api_keys');
    expect(v1.features).not.toContain('api_keys');
  });

  it('looks up the version current at an instant: the latest published at or before it', () => {
    const v2At = new Date(planVersion('growth', 2)!.publishedAt);
    expect(currentVersion('growth', new Date(v2At.getTime() - 1))?.version).toBe(1);
    expect(currentVersion('growth', v2At)?.version).toBe(2);
    expect(currentVersion('growth', new Date('2099-01-01'))?.version).toBe(2);
    expect(currentVersion('growth', new Date('2000-01-01'))).toBeUndefined();
    expect(currentVersion('platinum', new Date())).toBeUndefined();
    expect(planVersion('growth', 3)).toBeUndefined();
    expect(planVersion('growth', 1)?.version).toBe(1);
    expect(currentCatalog(new Date(v2At.getTime() - 1)).map(label)).toEqual(['starter@1', 'growth@1', 'enterprise@1']);
    expect(currentCatalog(v2At).map(label)).toEqual(['starter@1', 'growth@2', 'enterprise@1']);
  });

  it('cannot be changed at run time through what a lookup returns', () => {
    const v = planVersion('starter', 1)!;
    expect(() => { (v.prices.INR as { baseFeeMinor: number }).baseFeeMinor = 1; }).toThrow(TypeError);
    expect(() => { (v.features as string[]).push('api_keys'); }).toThrow(TypeError);
    expect(planVersion('starter', 1)!.prices.INR.baseFeeMinor).toBe(99_900);
  });
});

describe('a published version is frozen', () => {
  it('matches the fingerprint checked in for it (edit a published version: add a new version instead)', () => {
    const now = Date.now();
    const published = PLAN_CATALOG.filter((v) => Date.parse(v.publishedAt) <= now);
    const actual = Object.fromEntries(published.map((v) => [label(v), fingerprint(v)]));
    const pinned = Object.fromEntries(published.map((v) => [label(v), PINNED[label(v)] ?? '(missing: add this version to published-versions.json)']));
    expect(actual).toEqual(pinned);
  });

  it('still has every version it ever pinned (a published version is never removed)', () => {
    const present = new Set(PLAN_CATALOG.map(label));
    expect(Object.keys(PINNED).filter((key) => !present.has(key))).toEqual([]);
  });

  it('fingerprints the content, not the key order, and notices any change of a field', () => {
    const v = planVersion('growth', 1)!;
    const reordered = JSON.parse(canonicalJson(v)) as PlanVersion;
    const shuffled = Object.fromEntries(Object.entries(reordered).reverse()) as unknown as PlanVersion;
    expect(fingerprint(shuffled)).toBe(fingerprint(v));
    const edited = structuredClone(reordered);
    edited.prices.USD.charges[0].includedUnits += 1;
    expect(fingerprint(edited)).not.toBe(fingerprint(v));
    expect(fingerprint({ ...reordered, quotas: reordered.quotas.slice(1) })).not.toBe(fingerprint(v));
  });
});

describe('plan limits', () => {
  it.each(PLAN_CATALOG.map((v) => [label(v), v] as const))('%s has every structural limit as a positive integer (its own or its plan baseline)', (_, v) => {
    const limits = limitsOf(v);
    for (const name of PLAN_LIMIT_NAMES) expect({ name, ok: Number.isSafeInteger(limits[name]) && limits[name] >= 1 }).toEqual({ name, ok: true });
  });

  it('lets Growth route the issue\'s four purchase gates and Enterprise more', () => {
    expect(limitsOf(currentVersion('growth', new Date())!).approvalGatesPerPolicy).toBe(4);
    expect(limitsOf(currentVersion('enterprise', new Date())!).approvalGatesPerPolicy).toBeGreaterThan(4);
  });
});
