import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { fieldsOf } from '../../../../test/support/problems';
import { currentVersion } from './catalog';
import { PLAN_CURRENCIES, PLAN_IDS } from './catalog.types';

const PLAN_FIELDS = `
  plan version publishedAt name period platformFeeBps features
  quotas { meter soft hard }
  prices {
    currency baseFeeMinor
    charges {
      meter includedUnits
      pricing {
        __typename
        ... on PerUnitPricing { model unitMinor }
        ... on GraduatedPricing { model tiers { upTo unitMinor flatMinor } }
        ... on VolumePricing { model tiers { upTo unitMinor flatMinor } }
        ... on PackagePricing { model size packageMinor }
        ... on PercentagePricing { model basisPoints minimumMinor maximumMinor }
      }
    }
  }`;

const withoutTypenames = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v) => (key === '__typename' ? undefined : v)));

/** The public catalog over HTTP: no token, REST and GraphQL answering the same. */
describe('the plan catalog, end to end', () => {
  let platform: Platform;
  const gql = (query: string, variables: Record<string, unknown> = {}) => platform.http().post('/graphql').send({ query, variables });

  beforeAll(async () => {
    platform = await startPlatform({ worker: false, prefix: 'plans' });
  });
  afterAll(() => platform?.close());

  it('lists the current version of each plan without a token, priced in every currency', async () => {
    const { body } = await platform.http().get('/billing/plans').expect(200);
    expect(body.plans.map((p: { plan: string; version: number }) => [p.plan, p.version])).toEqual(PLAN_IDS.map((plan) => [plan, currentVersion(plan, new Date())!.version]));
    for (const plan of body.plans) expect(plan.prices.map((p: { currency: string }) => p.currency)).toEqual([...PLAN_CURRENCIES]);
    const starter = body.plans[0];
    expect(starter).toMatchObject({ plan: 'starter', name: 'Starter', period: 'month', platformFeeBps: 200, features: [] });
    expect(starter.quotas).toContainEqual({ meter: 'customers_created', soft: 150, hard: 200 });
    expect(starter.quotas).toContainEqual({ meter: 'active_staff', soft: null, hard: 3 });
    const inr = starter.prices[0];
    expect(inr.baseFeeMinor).toBe(99_900);
    expect(inr.charges).toContainEqual({ meter: 'sms_sent', includedUnits: 50, pricing: { model: 'package', size: 100, packageMinor: 6_000 } });
    expect(inr.charges).toContainEqual({ meter: 'stripe_paid_amount', includedUnits: 0, pricing: { model: 'percentage', basisPoints: 200, minimumMinor: null, maximumMinor: null } });
    const enterprise = body.plans[2];
    expect(enterprise.features).toEqual(expect.arrayContaining(['scheduling', 'approvals', 'online_booking', 'api_keys', 'multi_location']));
    const tickets = enterprise.prices.find((p: { currency: string }) => p.currency === 'USD').charges.find((c: { meter: string }) => c.meter === 'tickets_created');
    expect(tickets.pricing).toEqual({ model: 'graduated', tiers: [{ upTo: 20_000, unitMinor: 6, flatMinor: 0 }, { upTo: null, unitMinor: 3, flatMinor: 0 }] });
  });

  it('narrows the prices to one currency, and names a bad currency or an unknown parameter with 400', async () => {
    const { body } = await platform.http().get('/billing/plans?currency=EUR').expect(200);
    for (const plan of body.plans) expect(plan.prices.map((p: { currency: string }) => p.currency)).toEqual(['EUR']);
    expect(fieldsOf((await platform.http().get('/billing/plans?currency=GBP').expect(400)).body)).toContain('currency');
    expect(fieldsOf((await platform.http().get('/billing/plans?currency=inr').expect(400)).body)).toContain('currency');
    await platform.http().get('/billing/plans?plan=starter').expect(400);
  });

  it('serves an older version as it was published: Growth v1 for the shops that stayed on it', async () => {
    const v1 = (await platform.http().get('/billing/plans/growth/versions/1').expect(200)).body;
    const v2 = (await platform.http().get('/billing/plans/growth/versions/2').expect(200)).body;
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1.features).not.toContain('api_keys');
    expect(v2.features).toContain('api_keys');
    expect(v1.prices.find((p: { currency: string }) => p.currency === 'INR').baseFeeMinor).toBe(299_900);
    expect(v2.prices.find((p: { currency: string }) => p.currency === 'INR').baseFeeMinor).toBe(349_900);
    const fee = v2.prices.find((p: { currency: string }) => p.currency === 'INR').charges.find((c: { meter: string }) => c.meter === 'stripe_paid_amount');
    expect(fee.pricing).toEqual({ model: 'percentage', basisPoints: 100, minimumMinor: 19_900, maximumMinor: 2_000_000 });
    const staff = v1.prices.find((p: { currency: string }) => p.currency === 'USD').charges.find((c: { meter: string }) => c.meter === 'active_staff');
    expect(staff.pricing.model).toBe('volume');
    const single = (await platform.http().get('/billing/plans/growth/versions/1?currency=INR').expect(200)).body;
    expect(single.prices.map((p: { currency: string }) => p.currency)).toEqual(['INR']);
  });

  it('answers 404 for an unknown plan or version and 400 naming a version that is not a positive integer', async () => {
    const missing = await platform.http().get('/billing/plans/growth/versions/3').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    await platform.http().get('/billing/plans/platinum/versions/1').expect(404);
    await platform.http().get('/billing/plans/Growth/versions/1').expect(404);
    for (const version of ['0', '-1', 'abc', '1.5', '99999999999']) {
      expect({ version, fields: fieldsOf((await platform.http().get(`/billing/plans/growth/versions/${version}`).expect(400)).body) }).toEqual({ version, fields: ['version'] });
    }
  });

  it('does not need a token, and a forged one changes nothing on a public read', async () => {
    await platform.http().get('/billing/plans').set('Authorization', 'Bearer not.a.token').expect(200);
  });

  it('answers GraphQL plans and planVersion without a token, the same as REST', async () => {
    const rest = (await platform.http().get('/billing/plans').expect(200)).body.plans;
    const listed = await gql(`{ plans { ${PLAN_FIELDS} } }`).expect(200);
    expect(listed.body.errors).toBeUndefined();
    expect(withoutTypenames(listed.body.data.plans)).toEqual(rest);
    const typenames = new Set(listed.body.data.plans.flatMap((p: { prices: { charges: { pricing: { __typename: string } }[] }[] }) => p.prices.flatMap((pr) => pr.charges.map((c) => c.pricing.__typename))));
    expect(typenames).toEqual(new Set(['PerUnitPricing', 'GraduatedPricing', 'VolumePricing', 'PackagePricing', 'PercentagePricing']));

    const restV1 = (await platform.http().get('/billing/plans/growth/versions/1?currency=INR').expect(200)).body;
    const one = await gql(`query ($plan: Plan!, $version: Int!, $currency: PlanCurrency) { planVersion(plan: $plan, version: $version, currency: $currency) { ${PLAN_FIELDS} } }`, { plan: 'growth', version: 1, currency: 'INR' }).expect(200);
    expect(withoutTypenames(one.body.data.planVersion)).toEqual(restV1);
  });

  it('answers GraphQL NOT_FOUND for an unknown version and 400 for an unknown plan or currency', async () => {
    const missing = await gql('{ planVersion(plan: growth, version: 3) { version } }').expect(200);
    expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
    await gql('{ planVersion(plan: platinum, version: 1) { version } }').expect(400);
    await gql('{ plans(currency: GBP) { plan } }').expect(400);
    const zero = await gql('{ planVersion(plan: growth, version: 0) { version } }').expect(200);
    expect(zero.body.errors[0].extensions.code).toBe('VALIDATION_FAILED');
  });

  it('documents the pricing as a discriminated union and the catalog enums in OpenAPI', async () => {
    const doc = (await platform.http().get('/docs-json').expect(200)).body;
    const pricing = doc.components.schemas.MeteredChargeView.properties.pricing;
    expect(pricing.oneOf).toHaveLength(5);
    expect(pricing.discriminator.propertyName).toBe('model');
    expect(Object.keys(pricing.discriminator.mapping).sort()).toEqual(['graduated', 'package', 'per_unit', 'percentage', 'volume']);
    for (const name of ['Plan', 'Feature', 'Meter', 'PlanCurrency']) expect(doc.components.schemas[name]?.enum?.length).toBeGreaterThan(0);
    const list = doc.paths['/billing/plans'].get;
    expect(list.security).toEqual([]);
    expect(Object.keys(doc.paths['/billing/plans/{plan}/versions/{version}'].get.responses).sort()).toEqual(['200', '400', '404', '503']);
  });

  it('types the catalog in GraphQL: a Pricing union of five shapes, enums, and a description on every field', async () => {
    const union = (await gql('{ __type(name: "Pricing") { kind possibleTypes { name } } }').expect(200)).body.data.__type;
    expect(union.kind).toBe('UNION');
    expect(union.possibleTypes.map((t: { name: string }) => t.name).sort()).toEqual(['GraduatedPricing', 'PackagePricing', 'PerUnitPricing', 'PercentagePricing', 'VolumePricing']);
    const typeQuery = 'query ($name: String!) { __type(name: $name) { kind description fields { name description type { kind name ofType { kind name ofType { kind name ofType { name } } } } } enumValues { name description } } }';
    for (const name of ['PlanVersion', 'PlanPrice', 'MeteredCharge', 'PlanQuota', 'PriceTier', 'PerUnitPricing', 'GraduatedPricing', 'VolumePricing', 'PackagePricing', 'PercentagePricing']) {
      const type = (await gql(typeQuery, { name }).expect(200)).body.data.__type;
      expect({ name, described: Boolean(type.description), undescribed: type.fields.filter((f: { description: string | null }) => !f.description).map((f: { name: string }) => f.name) }).toEqual({ name, described: true, undescribed: [] });
    }
    for (const [name, values] of [['Feature', 7], ['Meter', 10], ['PlanCurrency', 3], ['PricingModel', 5], ['Plan', 3]] as const) {
      const type = (await gql(typeQuery, { name }).expect(200)).body.data.__type;
      expect({ name, kind: type.kind, values: type.enumValues.length }).toEqual({ name, kind: 'ENUM', values });
    }
  });
});
