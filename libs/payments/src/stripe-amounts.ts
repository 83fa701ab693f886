/**
 * Stripe amounts are in the currency's smallest unit, like ours: 1000 INR paise = ₹10, 1000 JPY =
 * ¥1000 (zero-decimal currencies are not multiplied). The exception is ISK: ISO 4217 gives it no
 * minor unit, but Stripe still expects it as a two-decimal value ending in 00
 * (https://docs.stripe.com/currencies#special-cases). HUF and TWD are two-decimal in ISO and in
 * Stripe's API, so they pass through (Stripe rounds payouts to whole units).
 */
const TWO_DECIMAL_IN_STRIPE_ONLY = new Set(['ISK']);

export function toStripeAmount(amountMinor: number, currency: string): number {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError(`amountMinor must be a non-negative integer, got ${amountMinor}`);
  return TWO_DECIMAL_IN_STRIPE_ONLY.has(currency.toUpperCase()) ? amountMinor * 100 : amountMinor;
}

export function fromStripeAmount(amount: number, currency: string): number {
  return TWO_DECIMAL_IN_STRIPE_ONLY.has(currency.toUpperCase()) ? Math.round(amount / 100) : amount;
}

export const toStripeCurrency = (currency: string) => currency.toLowerCase();
export const fromStripeCurrency = (currency: string) => currency.toUpperCase();
