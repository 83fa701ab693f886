import { normalizeVin, validateVin, vinCheckDigit } from './vin.rules';

const enforced = { enforceCheckDigit: true };
const relaxed = { enforceCheckDigit: false };

describe('VIN validation', () => {
  describe('check digit (ISO 3779 / 49 CFR 565, position 9)', () => {
    it.each([
      ['1HGCM82633A004352', '3'],
      ['1M8GDM9AXKP042788', 'X'],
      ['11111111111111111', '1'],
      ['JH4KA7561PC008269', '1'],
    ])('computes the check digit of %s as %s', (vin, digit) => {
      expect(vinCheckDigit(vin)).toBe(digit);
    });

    it.each(['1HGCM82633A004352', '1M8GDM9AXKP042788', 'JH4KA7561PC008269'])(
      'accepts the real North American VIN %s when the check digit is enforced',
      (vin) => {
        expect(validateVin(vin, enforced)).toEqual({ valid: true, vin });
      },
    );

    it.each([
      ['1HGCM82643A004352', 'a wrong check digit'],
      ['1HGCM82633A004353', 'a mistyped serial number'],
      ['1M8GDM9A9KP042788', 'a digit where X is expected'],
    ])('rejects %s (%s) when the check digit is enforced', (vin) => {
      expect(validateVin(vin, enforced)).toMatchObject({ valid: false, problem: 'check-digit' });
    });

    it('names the found and the expected check digit in the message', () => {
      expect(validateVin('1HGCM82643A004352', enforced)).toMatchObject({
        message: 'VIN check digit (position 9) is 4, expected 3',
      });
    });

    it('accepts a European VIN without a check digit when the check digit is not enforced', () => {
      expect(validateVin('WP0ZZZ99ZTS392124', relaxed)).toEqual({ valid: true, vin: 'WP0ZZZ99ZTS392124' });
      expect(validateVin('WP0ZZZ99ZTS392124', enforced)).toMatchObject({ valid: false, problem: 'check-digit' });
    });

    it('refuses to compute a check digit for a malformed VIN', () => {
      expect(() => vinCheckDigit('1HGCM8263')).toThrow(RangeError);
      expect(() => vinCheckDigit('1HGCM82633A00435O')).toThrow(RangeError);
    });
  });

  describe('shape', () => {
    it('normalizes surrounding spaces and lower case', () => {
      expect(normalizeVin('  1hgcm82633a004352 ')).toBe('1HGCM82633A004352');
      expect(validateVin(' 1hgcm82633a004352', enforced)).toEqual({ valid: true, vin: '1HGCM82633A004352' });
    });

    it.each(['1HGCM82633A00435', '1HGCM82633A0043521', ''])('rejects %p because a VIN has exactly 17 characters', (vin) => {
      expect(validateVin(vin, relaxed)).toMatchObject({ valid: false, problem: 'length' });
    });

    it.each([
      ['1HGCM82633A00435I', 'I'],
      ['1HGCM82633A00435O', 'O'],
      ['1HGCM82633A00435Q', 'Q'],
      ['1HGCM82633A00435-', 'a dash'],
      ['1HGCM 82633A00435', 'an inner space'],
    ])('rejects %s because it contains %s', (vin) => {
      expect(validateVin(vin, relaxed)).toMatchObject({ valid: false, problem: 'characters' });
    });
  });
});
