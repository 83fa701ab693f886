/**
 * Pure money arithmetic for quotes, in integer minor units of the quote's currency.
 *
 * No tax here: tax rates depend on the shop location (and on whether parts and labor are taxed
 * there), so tax is computed later, per location, from `taxableSubtotalMinor` and
 * `approvedTaxableSubtotalMinor`. These totals are pre-tax and pre-discount.
 */

export interface TotalsLine {
  lineId: string;
  /** Positive, at most 2 decimals (e.g. 1.5 labor hours); the quote decider enforces this. */
  quantity: number;
  /** Integer >= 0. */
  unitPriceMinor: number;
  taxable: boolean;
}

export interface QuoteTotals {
  currency: string;
  /** Sum of all line totals. */
  subtotalMinor: number;
  /** Sum of the taxable lines' totals. */
  taxableSubtotalMinor: number;
  /** Sum of the approved lines' totals. approved + declined = subtotal. */
  approvedSubtotalMinor: number;
  declinedSubtotalMinor: number;
  /** Sum of the approved taxable lines' totals: what tax will be charged on. */
  approvedTaxableSubtotalMinor: number;
}

/** Rounds half away from zero (2.5 -> 3, -2.5 -> -3), unlike Math.round (-2.5 -> -2). */
export function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value)) + 0;
}

/**
 * round(quantity * unitPriceMinor), half away from zero, computed exactly: the quantity is taken in
 * hundredths so 0.29 x 50 is 15 (14.5 rounded up), though 0.29 * 50 is 14.4999... in floating point.
 */
export function lineTotalMinor(line: Pick<TotalsLine, 'quantity' | 'unitPriceMinor'>): number {
  const hundredths = Math.round(line.quantity * 100);
  const product = hundredths * line.unitPriceMinor; // exact: both are integers well below 2^53
  const magnitude = Math.floor((Math.abs(product) + 50) / 100);
  return product < 0 ? -magnitude : magnitude;
}

/**
 * Totals of a quote's lines. `approvedLineIds` undefined means every line is approved; an empty
 * array means none is (ApproveQuote resolves "omitted or empty = all" before calling this).
 * Ids that are not lines of the quote are ignored.
 */
export function quoteTotals(
  quote: { currency: string; lines: readonly TotalsLine[] },
  approvedLineIds?: readonly string[],
): QuoteTotals {
  const approved = approvedLineIds === undefined ? undefined : new Set(approvedLineIds);
  const totals: QuoteTotals = {
    currency: quote.currency,
    subtotalMinor: 0,
    taxableSubtotalMinor: 0,
    approvedSubtotalMinor: 0,
    declinedSubtotalMinor: 0,
    approvedTaxableSubtotalMinor: 0,
  };
  for (const line of quote.lines) {
    const total = lineTotalMinor(line);
    const isApproved = approved === undefined || approved.has(line.lineId);
    totals.subtotalMinor += total;
    if (line.taxable) totals.taxableSubtotalMinor += total;
    if (isApproved) totals.approvedSubtotalMinor += total;
    else totals.declinedSubtotalMinor += total;
    if (isApproved && line.taxable) totals.approvedTaxableSubtotalMinor += total;
  }
  return totals;
}
