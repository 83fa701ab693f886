/**
 * The one rule for a currency field (issue #9 item 10): an upper-case ISO 4217 code that exists.
 * A shape check alone (`/^[A-Z]{3}$/`) let a quote in 'ABC' be created, sent and approved, only
 * to fail at invoicing; every decider and DTO asks this module instead.
 *
 * Minor-unit exponents are an explicit table rather than
 * `Intl.NumberFormat(..., { style: 'currency' }).resolvedOptions().maximumFractionDigits`: Intl
 * follows CLDR display digits, not ISO minor units, and in Node 20 it answers 0 for IQD (ISO: 3)
 * and HUF (ISO: 2), so it would misstate what an amount in minor units means. Intl is only used to
 * tell a real currency code from a made-up one.
 */
const EXPONENT_0 = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const EXPONENT_3 = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const EXPONENT_4 = ['CLF', 'UYW'];

const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...EXPONENT_0.map((c) => [c, 0] as const),
  ...EXPONENT_3.map((c) => [c, 3] as const),
  ...EXPONENT_4.map((c) => [c, 4] as const),
]);

/** The shape, as published in the OpenAPI document; the rule itself is stricter (a known code). */
export const CURRENCY_CODE_PATTERN = '^[A-Z]{3}$';
export const CURRENCY_CODE_MESSAGE = 'must be an ISO 4217 currency code such as INR or USD';

let known: ReadonlySet<string> | undefined;
function knownCurrencies(): ReadonlySet<string> {
  known ??= new Set([...Intl.supportedValuesOf('currency'), ...EXPONENTS.keys()]);
  return known;
}

/** Exactly an upper-case, known ISO 4217 code: 'INR' yes; 'inr', ' INR', 'ABC' no. */
export function isCurrencyCode(currency: unknown): currency is string {
  return typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) && knownCurrencies().has(currency);
}

/**
 * The code a command's raw value stands for (trimmed, upper-cased, as the deciders have always
 * accepted it), or undefined when it is no known ISO 4217 code.
 */
export function currencyCodeOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const code = raw.trim().toUpperCase();
  return isCurrencyCode(code) ? code : undefined;
}

/** Decimal places of a known currency's minor unit: 'INR' 2 (paise), 'JPY' 0, 'BHD' 3 (fils). */
export function minorUnitExponent(currency: string): number | undefined {
  return isCurrencyCode(currency) ? (EXPONENTS.get(currency) ?? 2) : undefined;
}
