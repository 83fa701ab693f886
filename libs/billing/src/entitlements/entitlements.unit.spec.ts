import { given } from '@workbay/eventstore/testing';
import { FEATURES } from '../catalog/catalog.types';
import { METER_IDS } from '../meters/meters';
import { effectiveEntitlements, quotaPeriodOf, quotaWarning } from './effective-entitlements';
import { entitlementOverridesDecider, InvalidQuota, SoftQuotaAlreadyPassed, softQuotaDecider, UnknownFeature, UnknownMeter } from './entitlement-overrides.decider';
import { EntitlementOverridden, QuotaOverridden } from './entitlement.events';
import { SeededPlanCatalog } from './seeded-catalog';
import { parseOverrideArguments } from './override-arguments';

const at = '2026-12-01T10:00:00.000Z';
const known = { features: FEATURES, meters: METER_IDS };
const catalog = new SeededPlanCatalog();
const starter = catalog.currentVersion('starter', new Date(at));

describe('entitlement overrides decider', () => {
  it('switches a feature on, and back to the plan with null', () => {
    const on: EntitlementOverridden = { type: 'EntitlementOverridden', data: { feature: 'multi_location', enabled: true, overriddenAt: at, actor: 'system:cli' } };
    const state = given(entitlementOverridesDecider).when({ type: 'OverrideFeature', feature: 'multi_location', enabled: true, known, at, actor: 'system:cli' }).then([on]);
    expect(state.features).toEqual({ multi_location: true });
    const back = given(entitlementOverridesDecider, [on]).when({ type: 'OverrideFeature', feature: 'multi_location', enabled: null, known, at, actor: 'system:cli' })
      .then([{ type: 'EntitlementOverridden', data: { feature: 'multi_location', enabled: null, overriddenAt: at, actor: 'system:cli' } }]);
    expect(back.features).toEqual({});
  });

  it('raises a quota, keeping only the limits given', () => {
    const state = given(entitlementOverridesDecider).when({ type: 'OverrideQuota', meter: 'customers_created', quota: { hard: 500 }, known, at, actor: 'system:cli' })
      .then([{ type: 'QuotaOverridden', data: { meter: 'customers_created', quota: { hard: 500 }, overriddenAt: at, actor: 'system:cli' } }]);
    expect(state.quotas).toEqual({ customers_created: { hard: 500 } });
  });

  it('refuses unknown features and meters, and quotas that are negative, fractional, empty or soft above hard', () => {
    given(entitlementOverridesDecider).when({ type: 'OverrideFeature', feature: 'teleportation', enabled: true, known, at, actor: 'a' }).thenThrows(UnknownFeature);
    given(entitlementOverridesDecider).when({ type: 'OverrideQuota', meter: 'parsecs', quota: { hard: 1 }, known, at, actor: 'a' }).thenThrows(UnknownMeter);
    for (const quota of [{ hard: -1 }, { soft: 1.5 }, {}, { soft: 10, hard: 5 }]) {
      given(entitlementOverridesDecider).when({ type: 'OverrideQuota', meter: 'customers_created', quota, known, at, actor: 'a' }).thenThrows(InvalidQuota);
    }
  });

  it('records a soft quota passed once per meter and period', () => {
    const command = { type: 'RecordSoftQuotaPassed', meter: 'customers_created', period: '2026-12', used: 151, soft: 150, hard: 200, at } as const;
    const passed = given(softQuotaDecider).when(command).then([{ type: 'SoftQuotaPassed', data: { meter: 'customers_created', period: '2026-12', used: 151, soft: 150, hard: 200, passedAt: at } }]);
    expect(passed).toEqual({ passed: true });
    given(softQuotaDecider, [{ type: 'SoftQuotaPassed', data: { meter: 'customers_created', period: '2026-12', used: 151, soft: 150, hard: 200, passedAt: at } }])
      .when(command).thenThrows(SoftQuotaAlreadyPassed);
  });
});

describe('effective entitlements', () => {
  it("are the plan's when nothing is overridden", () => {
    const e = effectiveEntitlements(starter, { features: {}, quotas: {} });
    expect(e.features.find((f) => f.feature === 'multi_location')).toEqual({ feature: 'multi_location', enabled: false, overridden: false });
    expect(e.quotas).toContainEqual({ meter: 'customers_created', soft: 150, hard: 200, overridden: false });
  });

  it('apply overrides over the plan: a feature off the plan has, a quota replaced whole, a meter the plan does not limit', () => {
    const lowered: QuotaOverridden['data']['quota'] = { hard: 50 };
    const growth = catalog.currentVersion('growth', new Date(at));
    expect(growth.features).toContain('scheduling');
    expect(starter.quotas.map((q) => q.meter)).not.toContain('api_calls');
    const e = effectiveEntitlements(growth, { features: { scheduling: false }, quotas: {} });
    expect(e.features.find((f) => f.feature === 'scheduling')).toEqual({ feature: 'scheduling', enabled: false, overridden: true });
    const s = effectiveEntitlements(starter, { features: { multi_location: true }, quotas: { customers_created: lowered, api_calls: { soft: 10 } } });
    expect(s.features.find((f) => f.feature === 'multi_location')).toEqual({ feature: 'multi_location', enabled: true, overridden: true });
    expect(s.quotas).toContainEqual({ meter: 'customers_created', hard: 50, overridden: true });
    expect(s.quotas).toContainEqual({ meter: 'api_calls', soft: 10, overridden: true });
  });
});

describe('quota periods', () => {
  it('are calendar months in UTC, resetting at the first instant of the next month (also across a year end)', () => {
    expect(quotaPeriodOf(new Date('2026-12-31T23:59:59.999Z'), 'month')).toEqual({ key: '2026-12', resetsAt: new Date('2027-01-01T00:00:00.000Z') });
    expect(quotaPeriodOf(new Date('2027-01-01T00:00:00.000Z'), 'month')).toEqual({ key: '2027-01', resetsAt: new Date('2027-02-01T00:00:00.000Z') });
  });

  it('are calendar years for a yearly plan', () => {
    expect(quotaPeriodOf(new Date('2026-06-15T12:00:00.000Z'), 'year')).toEqual({ key: '2026', resetsAt: new Date('2027-01-01T00:00:00.000Z') });
  });

  it('warn in the header format clients parse', () => {
    expect(quotaWarning('customers_created', 151, 150, 200)).toBe('customers_created; used=151; soft=150; hard=200');
    expect(quotaWarning('sms_sent', 11, 10)).toBe('sms_sent; used=11; soft=10');
  });
});

describe('the seeded catalog behind the port', () => {
  it('gives Starter no multi_location and keeps a tenant on the version current when it registered', () => {
    expect(starter.features).not.toContain('multi_location');
    expect(catalog.currentVersion('growth', new Date('2025-06-01T00:00:00.000Z')).version).toBe(1);
    expect(catalog.currentVersion('growth', new Date('2026-11-01T00:00:00.000Z')).version).toBe(2);
    expect(catalog.planVersion('growth', 1)?.version).toBe(1);
    expect(catalog.planVersion('growth', 99)).toBeUndefined();
  });

  it('gives a tenant registered before any version the first one', () => {
    expect(catalog.currentVersion('starter', new Date('2000-01-01T00:00:00.000Z')).version).toBe(1);
  });
});

describe('billing:override arguments', () => {
  const tenant = '0b5f7a52-1f0e-4d8e-9a55-3c1f6f0e2a11';

  it('parse features (on, off, plan) and quotas (hard, soft and hard, plan)', () => {
    expect(parseOverrideArguments(['--tenant', tenant, '--feature', 'scheduling=on', '--feature', 'api_keys=off', '--feature', 'approvals=plan',
      '--quota', 'customers_created=500', '--quota', 'sms_sent=soft:10,hard:20', '--quota', 'tickets_created=plan'])).toEqual({
      tenantId: tenant,
      overrides: [
        { feature: 'scheduling', enabled: true }, { feature: 'api_keys', enabled: false }, { feature: 'approvals', enabled: null },
        { meter: 'customers_created', quota: { hard: 500 } }, { meter: 'sms_sent', quota: { soft: 10, hard: 20 } }, { meter: 'tickets_created', quota: null },
      ],
    });
  });

  it('refuse a missing or bad tenant, no override, bad values', () => {
    for (const args of [
      ['--feature', 'scheduling=on'], ['--tenant', 'acme', '--feature', 'scheduling=on'], ['--tenant', tenant],
      ['--tenant', tenant, '--feature', 'scheduling=yes'], ['--tenant', tenant, '--quota', 'customers_created=-5'],
      ['--tenant', tenant, '--quota', 'customers_created=1.5'], ['--tenant', tenant, '--quota', 'customers_created=soft:1,soft:2'],
      ['--tenant', tenant, '--feature'], ['--tenant', tenant, '--colour', 'blue'],
    ]) expect(() => parseOverrideArguments(args)).toThrow();
  });
});
