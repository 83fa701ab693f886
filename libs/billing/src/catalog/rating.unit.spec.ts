import fc from 'fast-check';
import { PLAN_CATALOG, planVersion } from './catalog';
import { PLAN_CURRENCIES, PriceTier, PricingModel } from './catalog.types';
import { basisPointsOf, priceOfPeriod, rate, volumeTier } from './rating';

const charge = (pricing: PricingModel, includedUnits = 0) => ({ includedUnits, pricing });

describe('rating, worked examples (as a pricing page would show them)', () => {
  it('per unit: 130 customers with 100 included cost 30 x ₹5 = ₹150', () => {
    const r = rate(charge({ model: 'per_unit', unitMinor: 500 }, 100), 130);
    expect(r).toEqual({ billableUnits: 30, amountMinor: 15_000, lines: [{ kind: 'units', from: 1, to: 30, quantity: 30, unitMinor: 500, flatMinor: 0, amountMinor: 15_000 }] });
  });

  it('graduated: 2,000 tickets past 500 included = 1,000 x ₹8 + 500 x ₹5 + flat ₹99 of the second band', () => {
    const tiers: PriceTier[] = [{ upTo: 1_000, unitMinor: 800 }, { upTo: 5_000, unitMinor: 500, flatMinor: 9_900 }, { upTo: null, unitMinor: 300 }];
    const r = rate(charge({ model: 'graduated', tiers }, 500), 2_000);
    expect(r.billableUnits).toBe(1_500);
    expect(r.lines).toEqual([
      { kind: 'units', from: 1, to: 1_000, quantity: 1_000, unitMinor: 800, flatMinor: 0, amountMinor: 800_000 },
      { kind: 'units', from: 1_001, to: 1_500, quantity: 500, unitMinor: 500, flatMinor: 9_900, amountMinor: 259_900 },
    ]);
    expect(r.amountMinor).toBe(1_059_900);
    expect(rate(charge({ model: 'graduated', tiers }), 6_000).lines.map((l) => l.kind === 'units' && [l.from, l.to])).toEqual([[1, 1_000], [1_001, 5_000], [5_001, 6_000]]);
  });

  it('volume: 12 staff past 5 included: all 7 at the first band ₹499; 20 past 5: all 15 at ₹399', () => {
    const tiers: PriceTier[] = [{ upTo: 10, unitMinor: 49_900 }, { upTo: 25, unitMinor: 39_900 }, { upTo: null, unitMinor: 29_900 }];
    expect(rate(charge({ model: 'volume', tiers }, 5), 12).amountMinor).toBe(7 * 49_900);
    expect(rate(charge({ model: 'volume', tiers }, 5), 20).amountMinor).toBe(15 * 39_900);
    expect(rate(charge({ model: 'volume', tiers }, 5), 15).amountMinor).toBe(10 * 49_900);
    expect(rate(charge({ model: 'volume', tiers }, 5), 16).amountMinor).toBe(11 * 39_900);
    expect(rate(charge({ model: 'volume', tiers }), 1_000).lines).toEqual([{ kind: 'units', from: 1, to: 1_000, quantity: 1_000, unitMinor: 29_900, flatMinor: 0, amountMinor: 29_900_000 }]);
  });

  it('package: 1,101 SMS segments with 500 included leave 601, which start 7 packages of 100 at ₹50', () => {
    const r = rate(charge({ model: 'package', size: 100, packageMinor: 5_000 }, 500), 1_101);
    expect(r).toEqual({ billableUnits: 601, amountMinor: 35_000, lines: [{ kind: 'packages', packages: 7, size: 100, packageMinor: 5_000, amountMinor: 35_000 }] });
    expect(rate(charge({ model: 'package', size: 100, packageMinor: 5_000 }, 500), 1_100).amountMinor).toBe(30_000);
  });

  it('percentage: 1% of ₹12,345.67 is ₹123.46 (half up); the floor and the cap bind', () => {
    const pct = { model: 'percentage', basisPoints: 100, minimumMinor: 19_900, maximumMinor: 2_000_000 } as const;
    expect(rate(charge({ model: 'percentage', basisPoints: 100 }), 1_234_567).amountMinor).toBe(12_346);
    expect(rate(charge({ model: 'percentage', basisPoints: 100 }), 1_234_550).amountMinor).toBe(12_346);
    expect(rate(charge({ model: 'percentage', basisPoints: 100 }), 1_234_549).amountMinor).toBe(12_345);
    expect(rate(charge(pct), 5_000_000).lines).toEqual([{ kind: 'percentage', baseMinor: 5_000_000, basisPoints: 100, computedMinor: 50_000, clampedBy: null, amountMinor: 50_000 }]);
    expect(rate(charge(pct), 100_000).lines[0]).toMatchObject({ computedMinor: 1_000, clampedBy: 'minimum', amountMinor: 19_900 });
    expect(rate(charge(pct), 500_000_000).lines[0]).toMatchObject({ computedMinor: 5_000_000, clampedBy: 'maximum', amountMinor: 2_000_000 });
    expect(rate(charge(pct), 0)).toEqual({ billableUnits: 0, amountMinor: 0, lines: [] });
  });

  it('takes a percentage of amounts past 2^53 / 10000 exactly', () => {
    const big = 9_000_000_000_000_000;
    expect(basisPointsOf(big, 50)).toBe(45_000_000_000_000);
    expect(basisPointsOf(big + 1, 1)).toBe(900_000_000_000);
  });

  it('refuses a quantity that is negative, fractional or not exact', () => {
    const c = charge({ model: 'per_unit', unitMinor: 1 });
    for (const q of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) expect(() => rate(c, q)).toThrow(RangeError);
    expect(() => rate(charge({ model: 'per_unit', unitMinor: 10 }), Number.MAX_SAFE_INTEGER)).toThrow(/largest exact integer/);
  });

  it("prices a Growth v2 month in INR: base fee, every charge (zeros too) and the total", () => {
    const growth = planVersion('growth', 2)!;
    const month = priceOfPeriod(growth, 'INR', { customers_created: 2_150, tickets_created: 1_700, sms_sent: 1_250, active_staff: 12, api_calls: 130_000, stripe_paid_amount: 250_000_00 });
    const byMeter = Object.fromEntries(month.meters.map((m) => [m.meter, m.amountMinor]));
    expect(byMeter).toEqual({
      customers_created: 150 * 150, // ₹1.50 past 2,000
      tickets_created: 1_000 * 800 + 200 * 500, // 1,200 past 500: first 1,000 at ₹8, 200 at ₹5
      sms_sent: 3 * 4_500, // 250 past 1,000: 3 packages of 100
      appointments_booked: 0,
      active_staff: 7 * 49_900, // 7 past 5: all at the first band
      api_calls: 3 * 8_000, // 30,000 past 100,000: 3 packages of 10,000
      stripe_paid_amount: 250_000, // 1% of ₹2.5 lakh, within floor and cap
    });
    expect(month.baseFeeMinor).toBe(349_900);
    expect(month.totalMinor).toBe(349_900 + 22_500 + 900_000 + 13_500 + 349_300 + 24_000 + 250_000);
    expect(month).toMatchObject({ plan: 'growth', version: 2, currency: 'INR' });
  });

  it('prices a month without usage at the base fee alone, and ignores meters the plan does not charge', () => {
    const starter = planVersion('starter', 1)!;
    const month = priceOfPeriod(starter, 'USD', { api_calls: 1_000_000, locations: 3 });
    expect(month.totalMinor).toBe(1_900);
    expect(month.meters.every((m) => m.amountMinor === 0 && m.lines.length === 0)).toBe(true);
    expect(() => priceOfPeriod(starter, 'GBP' as never, {})).toThrow(/no price in GBP/);
  });
});

// ---------- properties: any tiers, any quantity ----------

const amount = fc.integer({ min: 0, max: 100_000 });
const tiersArb: fc.Arbitrary<PriceTier[]> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 5_000 }), { maxLength: 4 }), fc.array(fc.record({ unitMinor: amount, flatMinor: fc.option(amount, { nil: undefined }) }), { minLength: 5, maxLength: 5 }))
  .map(([bounds, prices]) => {
    const ups = [...bounds].sort((a, b) => a - b);
    return [...ups, null].map((upTo, i) => ({ upTo, unitMinor: prices[i].unitMinor, ...(prices[i].flatMinor === undefined ? {} : { flatMinor: prices[i].flatMinor }) }));
  });
const quantity = fc.integer({ min: 0, max: 8_000 });
const included = fc.integer({ min: 0, max: 2_000 });
const pricingArb: fc.Arbitrary<PricingModel> = fc.oneof(
  amount.map((unitMinor) => ({ model: 'per_unit' as const, unitMinor })),
  tiersArb.map((tiers) => ({ model: 'graduated' as const, tiers })),
  tiersArb.map((tiers) => ({ model: 'volume' as const, tiers })),
  fc.record({ size: fc.integer({ min: 1, max: 1_000 }), packageMinor: amount }).map((p) => ({ model: 'package' as const, ...p })),
  fc.record({ basisPoints: fc.integer({ min: 0, max: 10_000 }), lo: fc.option(amount, { nil: undefined }), span: fc.option(amount, { nil: undefined }) }).map(({ basisPoints, lo, span }) => ({
    model: 'percentage' as const, basisPoints,
    ...(lo === undefined ? {} : { minimumMinor: lo }),
    ...(span === undefined ? {} : { maximumMinor: (lo ?? 0) + span }),
  })),
);

/** The graduated price counted unit by unit: each unit at its tier's rate, each tier's flat fee once if reached. */
function graduatedByUnit(tiers: PriceTier[], billable: number): number {
  let total = 0;
  const reached = new Set<number>();
  for (let unit = 1; unit <= billable; unit++) {
    const index = tiers.findIndex((t) => t.upTo === null || unit <= t.upTo);
    total += tiers[index].unitMinor;
    if (!reached.has(index)) (reached.add(index), (total += tiers[index].flatMinor ?? 0));
  }
  return total;
}

describe('rating, for any price and usage', () => {
  it('never charges a negative or fractional amount, and the lines add up to it', () => {
    fc.assert(fc.property(pricingArb, included, quantity, (pricing, inc, q) => {
      const r = rate(charge(pricing, inc), q);
      expect(Number.isSafeInteger(r.amountMinor) && r.amountMinor >= 0).toBe(true);
      expect(r.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(r.amountMinor);
      expect(r.billableUnits).toBe(Math.max(0, q - inc));
    }));
  });

  it('costs nothing while usage stays within the included units', () => {
    fc.assert(fc.property(pricingArb, included, (pricing, inc) => {
      for (const q of [0, Math.floor(inc / 2), inc]) expect(rate(charge(pricing, inc), q)).toEqual({ billableUnits: 0, amountMinor: 0, lines: [] });
    }));
  });

  it('graduated equals the sum over its tiers, unit by unit', () => {
    fc.assert(fc.property(tiersArb, included, quantity, (tiers, inc, q) => {
      const r = rate(charge({ model: 'graduated', tiers }, inc), q);
      expect(r.amountMinor).toBe(graduatedByUnit(tiers, Math.max(0, q - inc)));
      // The lines cover the billable units once each, in order, without gaps.
      const covered = r.lines.flatMap((l) => (l.kind === 'units' ? [[l.from, l.to]] : []));
      covered.forEach(([from], i) => expect(from).toBe(i === 0 ? 1 : covered[i - 1][1] + 1));
      expect(covered.at(-1)?.[1] ?? 0).toBe(Math.max(0, q - inc));
    }));
  });

  it('graduated never costs less for more usage', () => {
    fc.assert(fc.property(tiersArb, quantity, quantity, (tiers, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(rate(charge({ model: 'graduated', tiers }), lo).amountMinor).toBeLessThanOrEqual(rate(charge({ model: 'graduated', tiers }), hi).amountMinor);
    }));
  });

  it('volume prices all units at the tier of the total, so it is monotone within each step', () => {
    fc.assert(fc.property(tiersArb, quantity, quantity, (tiers, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const c = charge({ model: 'volume', tiers });
      const tier = volumeTier(tiers, hi);
      expect(rate(c, hi).amountMinor).toBe(hi === 0 ? 0 : hi * tier.unitMinor + (tier.flatMinor ?? 0));
      if (lo > 0 && volumeTier(tiers, lo) === tier) expect(rate(c, lo).amountMinor).toBeLessThanOrEqual(rate(c, hi).amountMinor);
    }));
  });

  it('package is ceil(q / size) x the package price', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000 }), amount, included, quantity, (size, packageMinor, inc, q) => {
      const billable = Math.max(0, q - inc);
      expect(rate(charge({ model: 'package', size, packageMinor }, inc), q).amountMinor).toBe(Math.ceil(billable / size) * packageMinor);
    }));
  });

  it('a percentage stays within its minimum and maximum, and is the half-up share otherwise', () => {
    fc.assert(fc.property(pricingArb.filter((p) => p.model === 'percentage'), fc.integer({ min: 1, max: 1_000_000_000 }), (pricing, q) => {
      if (pricing.model !== 'percentage') return;
      const { amountMinor } = rate(charge(pricing), q);
      if (pricing.minimumMinor !== undefined) expect(amountMinor).toBeGreaterThanOrEqual(pricing.minimumMinor);
      if (pricing.maximumMinor !== undefined) expect(amountMinor).toBeLessThanOrEqual(pricing.maximumMinor);
      const exact = (q * pricing.basisPoints) / 10_000;
      const share = Math.floor(exact + 0.5);
      const bounded = Math.min(pricing.maximumMinor ?? Infinity, Math.max(pricing.minimumMinor ?? 0, share));
      expect(amountMinor).toBe(bounded);
    }));
  });

  it('prices a period as the base fee plus its metered lines, for every catalog version and currency', () => {
    const usage = fc.record({ customers_created: quantity, tickets_created: quantity, sms_sent: quantity, active_staff: fc.integer({ min: 0, max: 200 }), api_calls: fc.integer({ min: 0, max: 3_000_000 }), stripe_paid_amount: fc.integer({ min: 0, max: 10_000_000_00 }) });
    fc.assert(fc.property(fc.constantFrom(...PLAN_CATALOG), fc.constantFrom(...PLAN_CURRENCIES), usage, (version, currency, u) => {
      const month = priceOfPeriod(version, currency, u);
      expect(month.totalMinor).toBe(version.prices[currency].baseFeeMinor + month.meters.reduce((s, m) => s + m.amountMinor, 0));
      expect(month.meters.map((m) => m.meter)).toEqual(version.prices[currency].charges.map((c) => c.meter));
    }));
  });
});
