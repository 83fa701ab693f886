/**
 * How amounts, quantities, rates and dates read on a printed document. Amounts are formatted from
 * integer minor units with string arithmetic (never through a float), with the currency's own
 * number of decimals: JPY 0, INR 2, KWD 3.
 */

/** Symbols printed before an amount; a currency not listed prints its ISO code ("KWD 1.235"). */
const SYMBOLS: Readonly<Record<string, string>> = Object.freeze({
  INR: '₹', EUR: '€', USD: '$', GBP: '£', JPY: '¥',
});

/** India groups lakhs and crores (1,00,000.00), as Indian invoices are read; elsewhere thousands. */
function group(digits: string, currency: string): string {
  if (currency === 'INR' && digits.length > 3) {
    const head = digits.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
    return `${head},${digits.slice(-3)}`;
  }
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "6,591.88" for 659188 with 2 decimals; "-1.235" for -1235 with 3. */
export function formatMinor(amountMinor: number, exponent: number, currency = ''): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`amount ${amountMinor} is not an integer of minor units`);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const whole = group(digits.slice(0, digits.length - exponent), currency);
  return exponent > 0 ? `${sign}${whole}.${digits.slice(-exponent)}` : `${sign}${whole}`;
}

/** "₹6,591.88", "¥1,000", "KWD 1.235", "-€12.00". */
export function formatMoney(amountMinor: number, currency: string, exponent: number): string {
  const figure = formatMinor(Math.abs(amountMinor), exponent, currency);
  const sign = amountMinor < 0 ? '-' : '';
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${figure}` : `${sign}${currency} ${figure}`;
}

/** Basis points as a percentage: 900 -> "9%", 887.5 -> "8.875%", 2550 -> "25.5%". */
export function formatRate(rateBps: number): string {
  const percent = (Math.round(rateBps * 1000) / 100_000).toFixed(5).replace(/\.?0+$/, '');
  return `${percent}%`;
}

/** A quantity without trailing zeros: 1.5, 2, 0.75. */
export function formatQuantity(quantity: number): string {
  return String(Number(quantity.toFixed(3)));
}

/**
 * The calendar date of an instant in the location's time zone: an invoice issued at 20:00 UTC in
 * Bengaluru is dated the next day there, and the date on the paper is the one the tax return uses.
 */
export function localDate(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')} ${part('month')} ${part('year')}`;
}
