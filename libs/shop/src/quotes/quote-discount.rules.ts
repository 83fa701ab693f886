/**
 * Quote discounts, pure, in integer minor units. A quote's discount is one amount off its lines,
 * shared out over them in proportion to their totals (largest remainder, so the shares add up to
 * it exactly and none exceeds its line). Each line carries its share (`discountMinor`) to the
 * repair order and the invoice, whose tax is computed on the discounted line amounts: a discount
 * lowers the taxable base of exactly the lines it came off.
 */
import { lineTotalMinor, TotalsLine } from './quote-totals.rules';

/** Above either limit a discount needs an approved discount request; null limits: none. */
export interface DiscountThreshold {
  /** Percent of the quote's subtotal, e.g. 10 or 12.5. */
  maxPercent: number | null;
  /** In minor units of the tenant's currency. */
  maxAmountMinor: number | null;
}

export interface DiscountedLine extends TotalsLine {
  discountMinor?: number;
}

/** The lines with `discountMinor` spread over them; a discount of 0 leaves them without the field (as before discounts). */
export function allocateDiscount<L extends TotalsLine>(lines: readonly L[], discountMinor: number): (L & { discountMinor?: number })[] {
  const plain = lines.map((line) => {
    const { discountMinor: _dropped, ...rest } = line as L & { discountMinor?: number };
    return rest as unknown as L;
  });
  if (discountMinor === 0) return plain;
  const totals = plain.map((line) => lineTotalMinor(line));
  const subtotal = totals.reduce((sum, t) => sum + t, 0);
  // Exact in integers: each share's floor and remainder of discount x total / subtotal.
  const shares = totals.map((t, i) => {
    const product = BigInt(discountMinor) * BigInt(t);
    return { i, floor: Number(product / BigInt(subtotal)), remainder: product % BigInt(subtotal) };
  });
  let left = discountMinor - shares.reduce((sum, s) => sum + s.floor, 0);
  const order = [...shares].sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.i - b.i));
  for (const share of order) {
    if (left === 0) break;
    if (share.remainder === 0n) continue;
    share.floor += 1;
    left -= 1;
  }
  return plain.map((line, i) => ({ ...line, discountMinor: shares[i].floor }));
}

/** What is wrong with a discount on lines of this subtotal, or null. */
export function discountProblem(discountMinor: number, subtotalMinor: number): string | null {
  if (!Number.isSafeInteger(discountMinor) || discountMinor < 0) return 'discountMinor must be a whole number of minor units, 0 or more';
  if (discountMinor > subtotalMinor) return `discountMinor ${discountMinor} is more than the quote's subtotal ${subtotalMinor}`;
  return null;
}

/** Whether a discount of this size on this subtotal needs approval under the threshold. */
export function discountNeedsApproval(discountMinor: number, subtotalMinor: number, threshold: DiscountThreshold | null): boolean {
  if (!threshold || discountMinor === 0) return false;
  if (threshold.maxAmountMinor !== null && discountMinor > threshold.maxAmountMinor) return true;
  // Compared in integers: discount / subtotal > maxPercent / 100, with maxPercent taken in hundredths.
  if (threshold.maxPercent !== null) return discountMinor * 10_000 > Math.round(threshold.maxPercent * 100) * subtotalMinor;
  return false;
}

/** The discount on the lines given (all of them when `lineIds` is undefined). */
export function discountOf(lines: readonly DiscountedLine[], lineIds?: readonly string[]): number {
  const only = lineIds === undefined ? undefined : new Set(lineIds);
  return lines.reduce((sum, l) => sum + (only === undefined || only.has(l.lineId) ? (l.discountMinor ?? 0) : 0), 0);
}

/** A line's amount after its discount: what the invoice taxes and bills. */
export const discountedLineTotalMinor = (line: DiscountedLine): number => lineTotalMinor(line) - (line.discountMinor ?? 0);
