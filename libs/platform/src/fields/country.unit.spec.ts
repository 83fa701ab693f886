import { plainToInstance } from 'class-transformer';
import { isISO31661Alpha2, validateSync } from 'class-validator';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';
import { IsCountryCode } from '../validation/is-country-code.decorator';
import { COUNTRY_CODES, countryCodeOf, isCountryCode } from '@workbay/platform/fields';

class Addressed {
  @IsCountryCode() country!: unknown;
}
const problems = (country: unknown) =>
  validateSync(plainToInstance(Addressed, { country })).map((e) => [e.property, Object.values(e.constraints ?? {})[0]]);

describe('the country field rule', () => {
  it.each(['IN', 'US', 'DE', 'GB', 'GR', 'AQ'])('takes the assigned code %p', (code) => {
    expect(isCountryCode(code)).toBe(true);
  });

  it.each(['ZZ', 'XX', 'EU', 'UK', 'XK', 'EL', 'QO', 'AA'])('refuses %p: the right shape, but no assigned country', (code) => {
    expect(isCountryCode(code)).toBe(false);
  });

  it.each(['in', ' IN', 'IND', 'I', '', 356, null, undefined])('refuses %p as a code as it stands', (value) => {
    expect(isCountryCode(value)).toBe(false);
  });

  it('holds the same 249 codes as validator.js, but not its lower case: isISO31661Alpha2 takes "in"', () => {
    expect([...COUNTRY_CODES].sort()).toEqual([...(CountryCodes as Set<string>)].sort());
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(isISO31661Alpha2('in')).toBe(true);
    expect(isCountryCode('in')).toBe(false);
  });

  it('reads a command value trimmed, as the location decider always has', () => {
    expect(countryCodeOf(' IN ')).toBe('IN');
    expect(countryCodeOf(' ZZ ')).toBeUndefined();
  });

  it('is the rule of the DTO decorator too: a made-up code is refused naming the field', () => {
    expect(problems('IN')).toEqual([]);
    expect(problems('ZZ')).toEqual([['country', 'country must be an ISO 3166-1 alpha-2 country code in capitals, such as IN or US']]);
    expect(problems('in')).toHaveLength(1);
  });
});
