/**
 * Amounts in minor units (issue #9 item 10): unit prices, rates, payments, refunds. An amount is a
 * whole number of minor units within the field's bounds. A priced line (quantity x unit price)
 * must also stay exactly computable: the deciders refused a line whose hundredths x price passes
 * 2^53, which the DTOs (quantity up to 100000, price up to 10^11) never checked, so such a line
 * was a 422 from the decider instead of a 400 naming the price.
 */
import { hundredthsOf } from './quantity.rules';

export interface AmountRule {
  readonly min: number;
  readonly max: number;
}

/** The largest unit price, rate or payment any input takes: 10^11 minor units (1 billion in a 2-decimal currency). */
export const MAX_AMOUNT_MINOR = 1_000_000_000_00;
export const PRICE_MINOR: AmountRule = { min: 0, max: MAX_AMOUNT_MINOR };
export const PAYMENT_MINOR: AmountRule = { min: 1, max: MAX_AMOUNT_MINOR };

export function amountMinorProblem(value: unknown, rule: AmountRule): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be a whole number of minor units';
  if (value < rule.min) return `must be at least ${rule.min}`;
  if (value > rule.max) return `must be at most ${rule.max}`;
  return undefined;
}

/** Quantity x unit price must stay an exact integer computation (in hundredths of a minor unit). */
export function lineTotalProblem(quantity: number, unitPriceMinor: number): string | undefined {
  return Number.isSafeInteger(hundredthsOf(quantity) * unitPriceMinor) ? undefined : 'quantity x unit price is too large';
}
