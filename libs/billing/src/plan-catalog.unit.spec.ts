import { planVersion } from './catalog/catalog';
import { PLAN_PAYMENT_TERMS, PLANS, platformFeeMinor, platformFeeMinorAt, platformFeeMinorOfVersion } from './plan-catalog';

describe('the plans other contexts see, read from the catalog', () => {
  it('offers the catalog plans and their current card payment fee', () => {
    expect([...PLANS]).toEqual(['starter', 'growth', 'enterprise']);
    expect(Object.keys(PLAN_PAYMENT_TERMS)).toEqual([...PLANS]);
    expect(PLAN_PAYMENT_TERMS.growth).toEqual({ platformFeeBps: 100 });
    expect(() => { (PLAN_PAYMENT_TERMS as Record<string, unknown>).growth = { platformFeeBps: 0 }; }).toThrow(TypeError);
  });

  it("takes the fee of the plan's version current at the payment, and refuses a plan with none published yet", () => {
    expect(platformFeeMinor('starter', 10_000, new Date('2025-06-01'))).toBe(200);
    expect(platformFeeMinor('growth', 10_050, new Date(planVersion('growth', 2)!.publishedAt))).toBe(101);
    expect(() => platformFeeMinor('growth', 100, new Date('2020-01-01'))).toThrow(/none of its versions published/);
  });

  it("takes a tenant's own version's fee, and refuses an unknown version", () => {
    expect(platformFeeMinorOfVersion('growth', 1, 10_000)).toBe(100);
    expect(platformFeeMinorOfVersion('enterprise', 1, 10_000)).toBe(50);
    expect(() => platformFeeMinorOfVersion('growth', 9, 10_000)).toThrow(/unknown plan version/);
  });

  it('rounds half up, never exceeds the payment and stays exact past 2^53 / 10000', () => {
    expect(platformFeeMinorAt(100, 149)).toBe(1);
    expect(platformFeeMinorAt(100, 150)).toBe(2);
    expect(platformFeeMinorAt(20_000, 7)).toBe(7);
    expect(platformFeeMinorAt(200, 9_000_000_000_000_001)).toBe(180_000_000_000_000);
    expect(() => platformFeeMinorAt(100, -1)).toThrow(RangeError);
  });
});
