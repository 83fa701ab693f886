/**
 * The one rule for a quantity (issue #9 item 10): sold hours, part units, line quantities. The
 * edge used `@IsNumber({ maxDecimalPlaces: 2 })`, which reads the number's decimal text, so 1e-7
 * (written without a '.') passed and was refused by the deciders' own tolerance check (a 422 for
 * what should have been a 400), while the deciders let through values such as 1.000000001 and
 * stored them unrounded; quotes capped a quantity at 100000 only at the edge.
 *
 * A quantity is a positive number of hundredths: exactly the double nearest some n / 100, no more
 * than the field's maximum.
 */
export interface QuantityRule {
  /** The largest value allowed, inclusive. */
  readonly max: number;
}

export const QUANTITY_DECIMALS = 2;

/** What is wrong with a quantity, phrased to follow the field's name; undefined when it is fine. */
export function quantityProblem(value: unknown, rule: QuantityRule): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (value <= 0) return 'must be more than 0';
  if (Math.round(value * 100) / 100 !== value) return `must have at most ${QUANTITY_DECIMALS} decimals`;
  if (value > rule.max) return `must be at most ${rule.max}`;
  return undefined;
}

export const isQuantity = (value: unknown, rule: QuantityRule): value is number => quantityProblem(value, rule) === undefined;

/** A valid quantity in whole hundredths: 1.5 -> 150. */
export const hundredthsOf = (quantity: number): number => Math.round(quantity * 100);

/** A line's quantity: hours of labor or units of a part on a quote, repair order or invoice line. */
export const LINE_QUANTITY: QuantityRule = { max: 100_000 };
/** Sold hours of one labor operation (a canned job's). */
export const LABOR_HOURS: QuantityRule = { max: 1_000 };
