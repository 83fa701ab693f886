import { abilityFor, ConfigError, loadConfig, registerGrants } from '@workbay/platform';
import { PLAN_PAYMENT_TERMS, platformFeeMinor } from '@workbay/billing/contract';
import { AmountNotChargeable, assertChargeable, chargeableAmountMinor, fromStripeAmount, stripeChargeStepMinor, toStripeAmount } from './stripe-amounts';
import type { StripeWebhookEvent } from '@workbay/platform';
import { paymentIntentOf } from './stripe-webhook-events';
import { PAYMENTS } from './manifest';

// The abilities an app carrying payments builds (its manifest's grants over the kernel's).
beforeAll(() => registerGrants(PAYMENTS.name, PAYMENTS.grants));

describe('platform fee by plan', () => {
  it('takes the plan’s basis points of the payment, rounded half up', () => {
    expect(platformFeeMinor('starter', 10_000)).toBe(200);
    expect(platformFeeMinor('growth', 10_050)).toBe(101);
    expect(platformFeeMinor('growth', 10_049)).toBe(100);
    expect(platformFeeMinor('enterprise', 99)).toBe(0);
  });

  it('never exceeds the payment and refuses an unknown plan or a fractional amount', () => {
    for (const plan of Object.keys(PLAN_PAYMENT_TERMS)) expect(platformFeeMinor(plan, 1)).toBeLessThanOrEqual(1);
    expect(() => platformFeeMinor('platinum', 100)).toThrow(/unknown plan/);
    expect(() => platformFeeMinor('growth', 10.5)).toThrow(RangeError);
  });
});

describe('Stripe amounts', () => {
  it('passes minor units through, zero-decimal currencies included, and doubles the decimals of ISK only', () => {
    expect(toStripeAmount(1_999, 'INR')).toBe(1_999);
    expect(toStripeAmount(1_999, 'JPY')).toBe(1_999);
    expect(toStripeAmount(1_999, 'ISK')).toBe(199_900);
    expect(fromStripeAmount(199_900, 'isk')).toBe(1_999);
  });

  it('charges three-decimal currencies in steps of 10 and MGA in whole ariary, rounding a balance down, never up', () => {
    expect(['KWD', 'BHD', 'JOD', 'OMR', 'TND', 'MGA', 'JPY', 'INR'].map(stripeChargeStepMinor)).toEqual([10, 10, 10, 10, 10, 100, 1, 1]);
    expect(chargeableAmountMinor(12_345, 'KWD')).toBe(12_340);
    expect(chargeableAmountMinor(12_340, 'KWD')).toBe(12_340);
    expect(chargeableAmountMinor(9, 'KWD')).toBe(0);
    expect(chargeableAmountMinor(150_099, 'MGA')).toBe(150_000);
    expect(chargeableAmountMinor(1_999, 'JPY')).toBe(1_999);
    expect(toStripeAmount(12_340, 'KWD')).toBe(12_340);
    expect(() => toStripeAmount(12_345, 'KWD')).toThrow(AmountNotChargeable);
    expect(toStripeAmount(150_000, 'MGA')).toBe(1_500);
    expect(fromStripeAmount(1_500, 'mga')).toBe(150_000);
    expect(() => assertChargeable(5, 'KWD')).toThrow(/below the smallest amount Stripe charges in KWD \(10 minor units\)/);
    expect(() => assertChargeable(12_345, 'KWD', 'amountMinor')).toThrow(/amountMinor: 12345 must be a multiple of 10/);
  });

  it('reads a payment_intent webhook in our units', () => {
    const event: StripeWebhookEvent = {
      id: 'evt_1', type: 'payment_intent.succeeded', created: 1, account: 'acct_1',
      data: { object: { id: 'pi_1', object: 'payment_intent', amount: 5_000, amount_received: 5_000, currency: 'inr', status: 'succeeded', metadata: { invoiceId: 'i' }, application_fee_amount: 50, latest_charge: 'ch_1' } },
    };
    expect(paymentIntentOf(event)).toMatchObject({ id: 'pi_1', amountReceivedMinor: 5_000, currency: 'INR', applicationFeeMinor: 50, metadata: { invoiceId: 'i' }, latestChargeId: 'ch_1' });
  });
});

describe('Stripe configuration and permissions', () => {
  it('defaults to the local emulator, and to real Stripe with required keys in production', () => {
    expect(loadConfig({})).toMatchObject({ STRIPE_API_BASE: 'http://127.0.0.1:12111', STRIPE_SECRET_KEY: expect.stringMatching(/^sk_test_/) });
    const jwt = { NODE_ENV: 'production', JWT_SECRET: 'Q7v!r2Lm#9sKp4Xz@8wEt6Yb$1nHc3Jd' };
    expect(() => loadConfig(jwt)).toThrow(/STRIPE_SECRET_KEY/);
    expect(loadConfig({ ...jwt, STRIPE_SECRET_KEY: 'sk_live_51HqT7a9XbC2dE4fG6hJ8kL0mN', STRIPE_WEBHOOK_SECRET: 'whsec_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf', PUBLIC_APP_URL: 'https://app.example.com' }).STRIPE_API_BASE).toBe('https://api.stripe.com');
    expect(() => loadConfig({ STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(ConfigError);
  });

  it('lets only an owner connect the payout account; finance reads it', () => {
    expect(abilityFor({ roles: ['owner'] }).can('connect', 'PaymentAccount')).toBe(true);
    expect(abilityFor({ roles: ['admin'] }).can('connect', 'PaymentAccount')).toBe(false);
    expect(abilityFor({ roles: ['admin'] }).can('read', 'PaymentAccount')).toBe(true);
    expect(abilityFor({ roles: ['finance'] }).can('read', 'PaymentAccount')).toBe(true);
    expect(abilityFor({ roles: ['technician'] }).can('read', 'PaymentAccount')).toBe(false);
  });
});
