import { AppError } from '@workbay/platform';

/**
 * Our amounts are ISO 4217 minor units; Stripe's are "the currency's smallest unit" as Stripe
 * defines it (https://docs.stripe.com/currencies), which agrees with ISO except for:
 * - ISK: ISO gives it no minor unit, Stripe keeps it two-decimal and accepts only amounts ending
 *   in 00 (whole krónur): ours x 100.
 * - MGA: ISO says two decimals, Stripe treats it as zero-decimal: ours / 100, so only whole
 *   ariary can be charged.
 * - Three-decimal currencies (BHD, JOD, KWD, OMR, TND): the same units as ours, but Stripe
 *   requires "the least-significant (last) digit to be 0" for PaymentIntents and refunds, i.e.
 *   steps of 10 fils.
 * The other zero-decimal currencies (JPY, KRW, ...) are zero-decimal in ISO too and pass
 * through, as do HUF and TWD (two-decimal in Stripe's API; only payouts are whole units).
 *
 * How a balance Stripe cannot charge exactly is charged (start-online-payment.ts): rounded
 * DOWN to the nearest chargeable amount (12.345 KWD is charged 12.340), the invoice books what
 * Stripe took and the remainder (0.005) stays due for the counter. Rounding up would take money
 * the customer does not owe; an explicit amount that is not chargeable is refused
 * (`AmountNotChargeable`, 422 naming the field) rather than silently changed.
 */
const TWO_DECIMAL_IN_STRIPE_ONLY = new Set(['ISK']);
const ZERO_DECIMAL_IN_STRIPE_ONLY = new Set(['MGA']);
export const STRIPE_THREE_DECIMAL_CURRENCIES: readonly string[] = ['BHD', 'JOD', 'KWD', 'OMR', 'TND'];
const THREE_DECIMAL = new Set(STRIPE_THREE_DECIMAL_CURRENCIES);

/** The smallest step, in our minor units, in which Stripe charges and refunds `currency`: 10 for KWD, 100 for MGA, else 1. */
export function stripeChargeStepMinor(currency: string): number {
  const code = currency.toUpperCase();
  if (THREE_DECIMAL.has(code)) return 10;
  if (ZERO_DECIMAL_IN_STRIPE_ONLY.has(code)) return 100;
  return 1;
}

/** The largest amount Stripe can charge that is not more than `amountMinor`: 12_345 KWD -> 12_340. */
export function chargeableAmountMinor(amountMinor: number, currency: string): number {
  const step = stripeChargeStepMinor(currency);
  return amountMinor - (amountMinor % step);
}

/** Stripe cannot charge or refund this amount in this currency (e.g. 12.345 KWD): a client's choice to change, 422. */
export class AmountNotChargeable extends AppError {
  readonly status = 422;
  readonly code = 'AMOUNT_NOT_CHARGEABLE';
  constructor(readonly amountMinor: number, readonly currency: string, readonly field = 'amountMinor') {
    const step = stripeChargeStepMinor(currency);
    const reason = amountMinor < step && amountMinor >= 0
      ? `is below the smallest amount Stripe charges in ${currency.toUpperCase()} (${step} minor units)`
      : `must be a multiple of ${step} minor units in ${currency.toUpperCase()}: Stripe charges and refunds it only in those steps (nearest below: ${chargeableAmountMinor(amountMinor, currency)})`;
    super(`${field}: ${amountMinor} ${reason}`, [{ field, message: `${amountMinor} ${reason}` }]);
  }
}

/** Refuses an amount Stripe would refuse, naming the caller's field. */
export function assertChargeable(amountMinor: number, currency: string, field = 'amountMinor'): void {
  if (amountMinor <= 0 || amountMinor % stripeChargeStepMinor(currency) !== 0) throw new AmountNotChargeable(amountMinor, currency, field);
}

export function toStripeAmount(amountMinor: number, currency: string, field = 'amountMinor'): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError(`amountMinor must be a non-negative integer, got ${amountMinor}`);
  const code = currency.toUpperCase();
  if (amountMinor % stripeChargeStepMinor(code) !== 0) throw new AmountNotChargeable(amountMinor, code, field);
  if (TWO_DECIMAL_IN_STRIPE_ONLY.has(code)) return amountMinor * 100;
  if (ZERO_DECIMAL_IN_STRIPE_ONLY.has(code)) return amountMinor / 100;
  return amountMinor;
}

export function fromStripeAmount(amount: number, currency: string): number {
  const code = currency.toUpperCase();
  if (TWO_DECIMAL_IN_STRIPE_ONLY.has(code)) return Math.round(amount / 100);
  if (ZERO_DECIMAL_IN_STRIPE_ONLY.has(code)) return amount * 100;
  return amount;
}

export const toStripeCurrency = (currency: string) => currency.toLowerCase();
export const fromStripeCurrency = (currency: string) => currency.toUpperCase();
