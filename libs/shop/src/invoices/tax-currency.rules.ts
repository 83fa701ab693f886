/**
 * ISO 4217 minor-unit exponents. An explicit table rather than
 * `Intl.NumberFormat(..., { style: 'currency' }).resolvedOptions().maximumFractionDigits`: Intl
 * follows CLDR display digits, not ISO minor units, and in Node 20 it answers 0 for IQD (ISO: 3)
 * and HUF (ISO: 2), so it would misstate what an amount in minor units means. Intl is only used to
 * tell a real currency code from a made-up one.
 */
import { InvalidTaxCurrency } from './tax.errors';

const EXPONENT_0 = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const EXPONENT_3 = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const EXPONENT_4 = ['CLF', 'UYW'];

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...EXPONENT_0.map((c) => [c, 0] as const),
  ...EXPONENT_3.map((c) => [c, 3] as const),
  ...EXPONENT_4.map((c) => [c, 4] as const),
]);

let known: ReadonlySet<string> | undefined;
function knownCurrencies(): ReadonlySet<string> {
  known ??= new Set([...Intl.supportedValuesOf('currency'), ...EXPONENTS.keys()]);
  return known;
}

export function isCurrencyCode(currency: unknown): currency is string {
  return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) && knownCurrencies().has(currency);
}

/**
 * Decimal places of the currency's minor unit: 'INR' 2 (paise), 'JPY' 0, 'BHD' 3 (fils).
 * Throws InvalidTaxCurrency for anything but an upper-case ISO 4217 code.
 */
export function currencyExponent(currency: string): number {
  if (!isCurrencyCode(currency)) throw new InvalidTaxCurrency(currency);
  return EXPONENTS.get(currency) ?? 2;
}
