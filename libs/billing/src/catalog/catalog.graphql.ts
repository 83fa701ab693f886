import { graphqlEnum } from '@workbay/platform';
import { METER_IDS, METERS, MeterId } from '../meters/meters';
import { BILLING_PERIODS, FEATURES, PLAN_CURRENCIES, PRICING_MODELS } from './catalog.types';

/** The catalog's GraphQL enums; the same strings as REST (and the OpenAPI enums of the same names). */

export const FeatureEnum = graphqlEnum('Feature', 'What a plan can switch on', FEATURES, {
  scheduling: 'appointments and the bay schedule',
  approvals: 'customer approval of quotes and of work beyond them',
  online_booking: 'customers book appointments online',
  api_keys: 'API keys for integrations and usage emitters',
  multi_location: 'more than one shop location',
  memberships: 'customer memberships and plans',
  audit_export: "exports of the tenant's audit trail",
});

export const PlanCurrencyEnum = graphqlEnum('PlanCurrency', 'A currency every plan is priced in (ISO 4217)', PLAN_CURRENCIES, {
  INR: 'Indian rupee (minor unit: paisa)',
  USD: 'US dollar (minor unit: cent)',
  EUR: 'euro (minor unit: cent)',
});

const METER_DESCRIPTIONS = Object.fromEntries(METERS.map((m) => [m.id, m.description])) as Record<MeterId, string>;

export const MeterEnum = graphqlEnum('Meter', 'What usage is measured', METER_IDS, METER_DESCRIPTIONS);

export const PricingModelEnum = graphqlEnum('PricingModel', 'How usage of a meter is charged', PRICING_MODELS, {
  per_unit: 'every unit at the same price',
  graduated: 'each unit at the price of the tier it falls in',
  volume: 'all units at the price of the tier the total falls in',
  package: 'units sold in packages; a started package is charged whole',
  percentage: "a share of a money meter's amount, with a floor and a cap per period",
});

export const BillingPeriodEnum = graphqlEnum('BillingPeriod', 'How often a plan is billed', BILLING_PERIODS, { month: 'monthly', year: 'yearly' });
