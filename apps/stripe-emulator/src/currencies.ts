import { StripeApiError } from './errors';

/**
 * Amount rules Stripe enforces per currency (https://docs.stripe.com/currencies): three-decimal
 * currencies take PaymentIntent and refund amounts only with the last digit 0; ISK is two-decimal
 * in the API but "effectively zero-decimal", so its amounts must be divisible by 100 (Stripe's
 * `invalid_charge_amount_no_decimal_compatible`). Zero-decimal currencies (JPY, KRW, MGA, ...) need
 * no rule here: an amount is an integer of whole units already.
 */
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);
const DIVISIBLE_BY_100 = new Set(['isk']);

export function requireChargeableAmount(amount: number, currency: string, param: string): number {
  const code = currency.toLowerCase();
  if (THREE_DECIMAL.has(code) && amount % 10 !== 0) {
    throw new StripeApiError(400, 'invalid_request_error',
      `Invalid amount. Currency ${code.toUpperCase()} is a three-decimal currency and amounts must have their last digit 0 (evenly divisible by 10), e.g. ${amount - (amount % 10)} or ${amount - (amount % 10) + 10}. See https://stripe.com/docs/currencies#three-decimal for more information.`,
      { code: 'invalid_charge_amount', param });
  }
  if (DIVISIBLE_BY_100.has(code) && amount % 100 !== 0) {
    throw new StripeApiError(400, 'invalid_request_error',
      `Invalid amount. Currency ${code.toUpperCase()} has become effectively zero-decimal and charged amounts must be evenly divisible by 100. See https://stripe.com/docs/currencies#special-cases for more information.`,
      { code: 'invalid_charge_amount_no_decimal_compatible', param });
  }
  return amount;
}
