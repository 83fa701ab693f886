import { gstinCheckCharacter, InvalidTaxId, validEuVatId, validGstin, validTaxId } from './tax-id.rules';

const problem = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidTaxId) return `${error.field} | ${error.message}`;
    throw error;
  }
  throw new Error('accepted');
};

describe('GSTIN', () => {
  it('computes the check character by hand: 29ABCDE1234F1Z -> W', () => {
    // Values x factors (1, 2, 1, 2, ...), each product adding quotient + remainder by 36:
    // 2x1=2, 9x2=18, A 10x1=10, B 11x2=22, C 12x1=12, D 13x2=26, E 14x1=14, 1x2=2, 2x1=2, 3x2=6,
    // 4x1=4, F 15x2=30, 1x1=1, Z 35x2=70 -> 1 + 34 = 35. Sum 184; 184 mod 36 = 4; (36 - 4) mod 36 = 32 = 'W'.
    expect(gstinCheckCharacter('29ABCDE1234F1Z')).toBe('W');
    // A GSTIN published in GSTN's own examples: sum 221, 221 mod 36 = 5, 36 - 5 = 31 = 'V'.
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V');
  });

  it.each([
    ['29ABCDE1234F1ZW', '29'],
    ['27AAPFU0939F1ZV', '27'],
    [' 27aapfu0939f1zv ', '27'],
  ])('accepts %s, registered in state %s', (raw, stateCode) => {
    expect(validGstin('taxId', raw.trim())).toEqual({ scheme: 'IN_GSTIN', value: raw.trim().toUpperCase(), stateCode });
  });

  it.each([
    ['29ABCDE1234F1ZX', 'taxId | taxId: GSTIN check digit does not match (expected \'W\' for 29ABCDE1234F1Z)'],
    ['27AAPFU0939F1ZM', 'taxId | taxId: GSTIN check digit does not match (expected \'V\' for 27AAPFU0939F1Z)'],
    // Two PAN digits swapped: 1x2 + 2x1 = 4 becomes 2x2 + 1x1 = 5, sum 185, 185 mod 36 = 5, 36 - 5 = 31 = 'V'.
    ['29ABCDE2134F1ZW', 'taxId | taxId: GSTIN check digit does not match (expected \'V\' for 29ABCDE2134F1Z)'],
  ])('refuses %s whose check digit does not match', (raw, message) => {
    expect(problem(() => validGstin('taxId', raw))).toBe(message);
  });

  it('refuses a state code GST does not use (25, Daman and Diu, merged in 2020; 99)', () => {
    const with25 = `25ABCDE1234F1Z${gstinCheckCharacter('25ABCDE1234F1Z')}`;
    expect(problem(() => validGstin('taxId', with25))).toBe("taxId | taxId: GSTIN state code '25' is not an Indian GST state code");
    const with99 = `99ABCDE1234F1Z${gstinCheckCharacter('99ABCDE1234F1Z')}`;
    expect(problem(() => validGstin('taxId', with99))).toMatch(/state code '99'/);
  });

  it.each(['29ABCDE1234F1Z', '29ABCD1234F1ZW5', '29ABCDE1234F0ZW', '29ABCDE1234F1YW', '2AABCDE1234F1ZW'])('refuses the malformed %s', (raw) => {
    expect(problem(() => validGstin('taxId', raw))).toMatch(/is not a GSTIN/);
  });
});

describe('EU VAT id (VIES formats, no network)', () => {
  it.each([
    ['DE123456789', 'DE'], ['FRAB123456789', 'FR'], ['FR40303265045', 'FR'], ['NL123456789B01', 'NL'], ['ATU12345678', 'AT'],
    ['BE0123456789', 'BE'], ['ESX1234567L', 'ES'], ['IE1234567WA', 'IE'], ['SE123456789001', 'SE'], ['EL123456789', 'GR'],
    ['IT12345678901', 'IT'], ['de 123.456.789', 'DE'],
  ])('accepts %s as a VAT id of %s', (raw, country) => {
    expect(validEuVatId('taxId', raw)).toMatchObject({ scheme: 'EU_VAT', country });
  });

  it.each([
    ['DE12345678', 'does not have the format of a DE VAT id'],
    ['FRIO123456789', 'does not have the format of a FR VAT id'],
    ['NL123456789A01', 'does not have the format of a NL VAT id'],
    ['ATE12345678', 'does not have the format of a AT VAT id'],
    ['SE123456789012', 'does not have the format of a SE VAT id'],
    ['GR123456789', "Greek VAT ids begin with 'EL'"],
    ['GB123456789', "'GB' is not an EU member state's VAT prefix"],
  ])('refuses %s (%s)', (raw, message) => {
    expect(problem(() => validEuVatId('taxId', raw))).toContain(message);
  });
});

describe('a tax id of either kind', () => {
  it('tells a GSTIN (leading state code) from a VAT id (leading country prefix)', () => {
    expect(validTaxId('taxId', '29ABCDE1234F1ZW').scheme).toBe('IN_GSTIN');
    expect(validTaxId('taxId', 'FR40303265045').scheme).toBe('EU_VAT');
    expect(problem(() => validTaxId('taxId', '#123'))).toMatch(/neither a GSTIN/);
    expect(problem(() => validTaxId('taxId', '  '))).toMatch(/must be a GSTIN or an EU VAT id/);
  });
});
