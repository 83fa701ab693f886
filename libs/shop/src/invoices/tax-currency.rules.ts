import { isCurrencyCode, minorUnitExponent } from '@workbay/platform/fields';
import { InvalidTaxCurrency } from './tax.errors';

export { isCurrencyCode };

/**
 * Decimal places of the currency's minor unit: 'INR' 2 (paise), 'JPY' 0, 'BHD' 3 (fils).
 * Throws InvalidTaxCurrency for anything but an upper-case ISO 4217 code.
 */
export function currencyExponent(currency: string): number {
  const exponent = minorUnitExponent(currency);
  if (exponent === undefined) throw new InvalidTaxCurrency(currency);
  return exponent;
}
