import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsCurrencyCode } from '../validation/is-currency-code.decorator';
import { currencyCodeOf, isCurrencyCode, minorUnitExponent } from '@workbay/platform/fields';

class Priced {
  @IsCurrencyCode() currency!: unknown;
}
const problems = (currency: unknown) =>
  validateSync(plainToInstance(Priced, { currency })).map((e) => [e.property, Object.values(e.constraints ?? {})[0]]);

describe('the currency field rule', () => {
  it.each(['INR', 'USD', 'EUR', 'JPY', 'BHD', 'CLF', 'UYW'])('takes the ISO 4217 code %p', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
    expect(currencyCodeOf(code)).toBe(code);
  });

  it.each(['ABC', 'XYZ', 'QQQ'])('refuses %p: the right shape, but no currency', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
    expect(currencyCodeOf(code)).toBeUndefined();
    expect(minorUnitExponent(code)).toBeUndefined();
  });

  it.each(['inr', ' INR', 'RUPEES', 'IN', '12A', '', 356, null, undefined])('refuses %p as a code as it stands', (value) => {
    expect(isCurrencyCode(value)).toBe(false);
  });

  it('reads a command value trimmed and upper-cased, as the deciders always have, and nothing else', () => {
    expect(currencyCodeOf(' inr ')).toBe('INR');
    expect(currencyCodeOf(' abc ')).toBeUndefined();
    expect(currencyCodeOf(356)).toBeUndefined();
  });

  it('knows the minor unit of a code by ISO 4217, not by display digits', () => {
    expect([minorUnitExponent('INR'), minorUnitExponent('JPY'), minorUnitExponent('IQD'), minorUnitExponent('HUF'), minorUnitExponent('CLF')])
      .toEqual([2, 0, 3, 2, 4]);
  });

  it('is the rule of the DTO decorator too: a made-up code is refused naming the field', () => {
    expect(problems('INR')).toEqual([]);
    expect(problems('ABC')).toEqual([['currency', 'currency must be an ISO 4217 currency code such as INR or USD']]);
    expect(problems('inr')).toHaveLength(1);
    expect(problems(undefined)).toHaveLength(1);
  });
});
