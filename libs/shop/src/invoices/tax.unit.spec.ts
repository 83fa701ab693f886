import fc from 'fast-check';
import {
  computeInvoiceTax,
  currencyExponent,
  DuplicateTaxLineId,
  EU_VAT_STANDARD_RATES_BPS,
  GstPlaceOfSupplyRequired,
  InvalidGstStateCode,
  InvalidTaxCurrency,
  InvalidTaxLine,
  InvalidTaxRate,
  InvoiceTax,
  InvoiceTaxInput,
  TaxComponentName,
  TaxCurrencyMismatch,
  TaxJurisdiction,
  UnknownTaxJurisdiction,
  UnknownVatCountry,
} from './tax.rules';

/** [lineId, amountMinor, taxable] */
type Row = [string, number, boolean];

/** The DomainError `compute` throws, checked for its class and fields. */
const expectRejection = (compute: () => unknown, errorClass: Function, fields: Record<string, unknown>) => {
  let thrown: unknown;
  try {
    compute();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(errorClass);
  expect(thrown).toMatchObject(fields);
};

const input = (currency: string, jurisdiction: TaxJurisdiction, rows: Row[], placeOfSupply?: string): InvoiceTaxInput => ({
  currency,
  jurisdiction,
  placeOfSupply,
  lines: rows.map(([lineId, amountMinor, taxable]) => ({ lineId, amount: { amountMinor, currency }, taxable })),
});

/** The invoice flattened to numbers so a table row reads like the invoice it describes. */
const summary = (tax: InvoiceTax) => ({
  subtotal: tax.subtotal.amountMinor,
  taxable: tax.taxableSubtotal.amountMinor,
  components: Object.fromEntries(tax.components.map((c) => [c.name, [c.rateBps, c.amount.amountMinor]])),
  lineTax: Object.fromEntries(tax.lines.map((l) => [l.lineId, Object.fromEntries(l.components.map((c) => [c.name, c.amount.amountMinor]))])),
  taxTotal: tax.taxTotal.amountMinor,
  grandTotal: tax.grandTotal.amountMinor,
});

type Summary = ReturnType<typeof summary>;
interface Example {
  name: string;
  currency: string;
  jurisdiction: TaxJurisdiction;
  placeOfSupply?: string;
  rows: Row[];
  expected: Summary;
}

const karnataka: TaxJurisdiction = { kind: 'IN_GST', stateCode: '29' };
// A brake job: labor 1,800.00 and pads 3,500.00 are taxable, brake fluid 337.88 is not (in paise).
const brakeJob: Row[] = [['labor', 180_000, true], ['pads', 350_000, true], ['fluid', 33_788, false]];

describe('Invoice tax', () => {
  describe('India GST', () => {
    it.each<Example>([
      {
        // Same state: taxable 1,800.00 + 3,500.00 = 5,300.00; CGST 9% = 477.00 and SGST 9% = 477.00;
        // per line 1,800.00 x 9% = 162.00, 3,500.00 x 9% = 315.00; fluid untaxed.
        // Grand total 5,637.88 + 954.00 = 6,591.88.
        name: 'charges CGST 9% and SGST 9% within Karnataka and leaves the untaxed fluid alone',
        currency: 'INR', jurisdiction: karnataka, placeOfSupply: '29', rows: brakeJob,
        expected: {
          subtotal: 563_788, taxable: 530_000,
          components: { CGST: [900, 47_700], SGST: [900, 47_700] },
          lineTax: { labor: { CGST: 16_200, SGST: 16_200 }, pads: { CGST: 31_500, SGST: 31_500 }, fluid: {} },
          taxTotal: 95_400, grandTotal: 659_188,
        },
      },
      {
        // Karnataka shop, customer in Maharashtra (27): IGST 18% of 5,300.00 = 954.00;
        // per line 1,800.00 x 18% = 324.00, 3,500.00 x 18% = 630.00.
        name: 'charges IGST 18% when the place of supply is another state',
        currency: 'INR', jurisdiction: karnataka, placeOfSupply: '27', rows: brakeJob,
        expected: {
          subtotal: 563_788, taxable: 530_000,
          components: { IGST: [1800, 95_400] },
          lineTax: { labor: { IGST: 32_400 }, pads: { IGST: 63_000 }, fluid: {} },
          taxTotal: 95_400, grandTotal: 659_188,
        },
      },
      {
        // Rounding edge: 0.50 x 9% = 4.5 paise -> 5 (half-up) for CGST and again for SGST = 10 paise,
        // one paisa more than a rounded 18% (0.50 x 18% = 9 paise, see the next row).
        name: 'rounds CGST and SGST separately so a half paisa each makes 10 paise on a 0.50 base',
        currency: 'INR', jurisdiction: karnataka, placeOfSupply: '29', rows: [['washer', 50, true]],
        expected: {
          subtotal: 50, taxable: 50, components: { CGST: [900, 5], SGST: [900, 5] },
          lineTax: { washer: { CGST: 5, SGST: 5 } }, taxTotal: 10, grandTotal: 60,
        },
      },
      {
        // Same base across states: 0.50 x 18% = 9 paise exactly, no rounding.
        name: 'charges 9 paise of IGST on the same 0.50 base across states',
        currency: 'INR', jurisdiction: karnataka, placeOfSupply: '33', rows: [['washer', 50, true]],
        expected: { subtotal: 50, taxable: 50, components: { IGST: [1800, 9] }, lineTax: { washer: { IGST: 9 } }, taxTotal: 9, grandTotal: 59 },
      },
      {
        // Rounded per invoice, not per line: 3 x 0.50 = 1.50; 1.50 x 9% = 13.5 paise -> 14 per component
        // (per line it would be 3 x 5 = 15). Shared out: floors 4 + 4 + 4 = 12, the 2 missing paise go to
        // the first two lines on the tie of remainders (0.5 each): 5, 5, 4.
        name: 'rounds each component once per invoice and shares it out by largest remainder',
        currency: 'INR', jurisdiction: karnataka, placeOfSupply: '29', rows: [['w1', 50, true], ['w2', 50, true], ['w3', 50, true]],
        expected: {
          subtotal: 150, taxable: 150, components: { CGST: [900, 14], SGST: [900, 14] },
          lineTax: { w1: { CGST: 5, SGST: 5 }, w2: { CGST: 5, SGST: 5 }, w3: { CGST: 4, SGST: 4 } },
          taxTotal: 28, grandTotal: 178,
        },
      },
      {
        // Chandigarh (04) is a union territory without a legislature: CGST + UTGST.
        // 999.99 x 9% = 89.9991 -> 90.00 each.
        name: 'charges UTGST instead of SGST within a union territory like Chandigarh',
        currency: 'INR', jurisdiction: { kind: 'IN_GST', stateCode: '04' }, placeOfSupply: '04', rows: [['service', 99_999, true]],
        expected: {
          subtotal: 99_999, taxable: 99_999, components: { CGST: [900, 9_000], UTGST: [900, 9_000] },
          lineTax: { service: { CGST: 9_000, UTGST: 9_000 } }, taxTotal: 18_000, grandTotal: 117_999,
        },
      },
      {
        // Tenant-configured 28% (e.g. a part in a higher slab): 1,000.00 x 14% = 140.00 each.
        name: 'splits a configured GST rate into equal central and state halves',
        currency: 'INR', jurisdiction: { kind: 'IN_GST', stateCode: '07', rateBps: 2800 }, placeOfSupply: '07', rows: [['part', 100_000, true]],
        expected: {
          subtotal: 100_000, taxable: 100_000, components: { CGST: [1400, 14_000], SGST: [1400, 14_000] },
          lineTax: { part: { CGST: 14_000, SGST: 14_000 } }, taxTotal: 28_000, grandTotal: 128_000,
        },
      },
    ])('$name', ({ currency, jurisdiction, placeOfSupply, rows, expected }) => {
      expect(summary(computeInvoiceTax(input(currency, jurisdiction, rows, placeOfSupply)))).toEqual(expected);
    });
  });

  describe('EU VAT', () => {
    it.each<Example>([
      {
        // Germany 19%: taxable 100.00 + 19.99 = 119.99; 119.99 x 19% = 22.7981 -> 22.80.
        // Lines: 100.00 x 19% = 19.00 exactly; 19.99 x 19% = 3.7981 -> floor 3.79 + the missing cent = 3.80.
        // Grand total 124.99 + 22.80 = 147.79.
        name: 'charges German VAT at 19% and rounds 22.7981 up to 22.80',
        currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'DE' },
        rows: [['labor', 10_000, true], ['wipers', 1_999, true], ['disposal', 500, false]],
        expected: {
          subtotal: 12_499, taxable: 11_999, components: { VAT: [1900, 2_280] },
          lineTax: { labor: { VAT: 1_900 }, wipers: { VAT: 380 }, disposal: {} }, taxTotal: 2_280, grandTotal: 14_779,
        },
      },
      {
        // France 20%: 12.34 x 20% = 2.468 -> 2.47.
        name: 'charges French VAT at 20%',
        currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'FR' }, rows: [['bulb', 1_234, true]],
        expected: { subtotal: 1_234, taxable: 1_234, components: { VAT: [2000, 247] }, lineTax: { bulb: { VAT: 247 } }, taxTotal: 247, grandTotal: 1_481 },
      },
      {
        // Hungary 27% in forint (ISO exponent 2): 12,345.50 Ft x 27% = 3,333.285 Ft = 333,328.5 fillér -> 333,329.
        name: 'charges Hungarian VAT at 27% and rounds a half fillér up',
        currency: 'HUF', jurisdiction: { kind: 'EU_VAT', country: 'HU' }, rows: [['tyres', 1_234_550, true]],
        expected: {
          subtotal: 1_234_550, taxable: 1_234_550, components: { VAT: [2700, 333_329] },
          lineTax: { tyres: { VAT: 333_329 } }, taxTotal: 333_329, grandTotal: 1_567_879,
        },
      },
      {
        // Ireland 23%: 0.50 x 23% = 11.5 cents -> 12 (half-up).
        name: 'rounds half a cent of Irish VAT up',
        currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'IE' }, rows: [['clip', 50, true]],
        expected: { subtotal: 50, taxable: 50, components: { VAT: [2300, 12] }, lineTax: { clip: { VAT: 12 } }, taxTotal: 12, grandTotal: 62 },
      },
      {
        // Tenant override: Luxembourg configured at 16% instead of the table's 17%; 1,000.00 x 16% = 160.00.
        name: 'uses a rate configured for the tenant over the standard rate',
        currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'LU', rateBps: 1600 }, rows: [['service', 100_000, true]],
        expected: { subtotal: 100_000, taxable: 100_000, components: { VAT: [1600, 16_000] }, lineTax: { service: { VAT: 16_000 } }, taxTotal: 16_000, grandTotal: 116_000 },
      },
      {
        // Greece as VIES spells it (EL) at 24%: 10.00 x 24% = 2.40.
        name: "accepts 'EL' for Greece",
        currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'EL' }, rows: [['oil', 1_000, true]],
        expected: { subtotal: 1_000, taxable: 1_000, components: { VAT: [2400, 240] }, lineTax: { oil: { VAT: 240 } }, taxTotal: 240, grandTotal: 1_240 },
      },
      {
        // A country the table lacks, with a configured rate: Norway 25%; 80.00 x 25% = 20.00.
        name: 'accepts a country outside the table when the tenant configures its rate',
        currency: 'NOK', jurisdiction: { kind: 'EU_VAT', country: 'NO', rateBps: 2500 }, rows: [['service', 8_000, true]],
        expected: { subtotal: 8_000, taxable: 8_000, components: { VAT: [2500, 2_000] }, lineTax: { service: { VAT: 2_000 } }, taxTotal: 2_000, grandTotal: 10_000 },
      },
    ])('$name', ({ currency, jurisdiction, rows, expected }) => {
      expect(summary(computeInvoiceTax(input(currency, jurisdiction, rows)))).toEqual(expected);
    });

    it('knows a standard rate for all 27 member states', () => {
      expect(Object.keys(EU_VAT_STANDARD_RATES_BPS).sort()).toEqual([
        'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
        'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
      ]);
      expect(EU_VAT_STANDARD_RATES_BPS).toMatchObject({ DE: 1900, FR: 2000, IE: 2300, HU: 2700, LU: 1700, FI: 2550 });
    });
  });

  describe('US sales tax', () => {
    it.each<Example>([
      {
        // No rate configured for the location: 0%, shown as a 0.00 sales tax line.
        name: 'charges no sales tax until a rate is configured for the location',
        currency: 'USD', jurisdiction: { kind: 'US_SALES_TAX' }, rows: [['labor', 10_000, true], ['fee', 250, false]],
        expected: { subtotal: 10_250, taxable: 10_000, components: { SALES_TAX: [0, 0] }, lineTax: { labor: { SALES_TAX: 0 }, fee: {} }, taxTotal: 0, grandTotal: 10_250 },
      },
      {
        // New York City 8.875% (887.5 bps): taxable 49.99 + 120.00 = 169.99; 169.99 x 8.875% = 15.0866125 -> 15.09.
        // Lines: 49.99 x 8.875% = 4.4366125 -> floor 4.43 + the missing cent = 4.44; 120.00 x 8.875% = 10.65 exactly.
        // Grand total 184.99 + 15.09 = 200.08.
        name: 'charges a configured 8.875% New York City rate exactly, with no float drift',
        currency: 'USD', jurisdiction: { kind: 'US_SALES_TAX', rateBps: 887.5 },
        rows: [['filter', 4_999, true], ['labor', 12_000, true], ['recycling', 1_500, false]],
        expected: {
          subtotal: 18_499, taxable: 16_999, components: { SALES_TAX: [887.5, 1_509] },
          lineTax: { filter: { SALES_TAX: 444 }, labor: { SALES_TAX: 1_065 }, recycling: {} }, taxTotal: 1_509, grandTotal: 20_008,
        },
      },
      {
        // 4.00 x 8.875% = 35.5 cents -> 36 (half-up).
        name: 'rounds half a cent of 8.875% sales tax up',
        currency: 'USD', jurisdiction: { kind: 'US_SALES_TAX', rateBps: 887.5 }, rows: [['valve', 400, true]],
        expected: { subtotal: 400, taxable: 400, components: { SALES_TAX: [887.5, 36] }, lineTax: { valve: { SALES_TAX: 36 } }, taxTotal: 36, grandTotal: 436 },
      },
    ])('$name', ({ currency, jurisdiction, rows, expected }) => {
      expect(summary(computeInvoiceTax(input(currency, jurisdiction, rows)))).toEqual(expected);
    });
  });

  describe('currencies with other minor units', () => {
    it.each<Example & { exponent: number }>([
      {
        // Yen has no minor unit: ¥1,234 x 19% = ¥234.46 -> ¥234; ¥1,250 x 19% = ¥237.5 -> ¥238 on its own,
        // but per invoice: ¥2,484 x 19% = ¥471.96 -> ¥472; floors 234 + 237 = 471, the missing yen goes to the
        // larger remainder (.5 over .46): 234 + 238.
        name: 'rounds German VAT on a yen invoice to whole yen',
        exponent: 0, currency: 'JPY', jurisdiction: { kind: 'EU_VAT', country: 'DE' }, rows: [['a', 1_234, true], ['b', 1_250, true]],
        expected: { subtotal: 2_484, taxable: 2_484, components: { VAT: [1900, 472] }, lineTax: { a: { VAT: 234 }, b: { VAT: 238 } }, taxTotal: 472, grandTotal: 2_956 },
      },
      {
        // Bahraini dinar, 3 decimals (fils): 12.345 BHD x 23% = 2.83935 -> 2.839; 1.250 x 23% = 0.2875 -> 0.288 alone;
        // per invoice 13.595 x 23% = 3.12685 -> 3.127 = floors 2.839 + 0.287 + the missing fils to the .5 remainder.
        name: 'rounds Irish VAT on a Bahraini dinar invoice to the fils',
        exponent: 3, currency: 'BHD', jurisdiction: { kind: 'EU_VAT', country: 'IE' }, rows: [['a', 12_345, true], ['b', 1_250, true]],
        expected: { subtotal: 13_595, taxable: 13_595, components: { VAT: [2300, 3_127] }, lineTax: { a: { VAT: 2_839 }, b: { VAT: 288 } }, taxTotal: 3_127, grandTotal: 16_722 },
      },
    ])('$name', ({ exponent, currency, jurisdiction, rows, expected }) => {
      const tax = computeInvoiceTax(input(currency, jurisdiction, rows));
      expect(summary(tax)).toEqual(expected);
      expect(tax.currencyExponent).toBe(exponent);
    });

    it.each([
      ['INR', 2], ['EUR', 2], ['USD', 2], ['HUF', 2], ['JPY', 0], ['KRW', 0], ['BHD', 3], ['KWD', 3], ['OMR', 3], ['JOD', 3], ['TND', 3], ['IQD', 3], ['CLF', 4],
    ])('knows that %s has %i decimal places (ISO 4217, not CLDR display digits)', (currency, exponent) => {
      expect(currencyExponent(currency)).toBe(exponent);
    });

    it.each(['XYZ', 'inr', 'RUPEES', ''])('rejects %p as not an ISO 4217 currency code', (currency) => {
      expect(() => currencyExponent(currency)).toThrow(InvalidTaxCurrency);
    });
  });

  describe('no tax', () => {
    it('charges nothing and lists no component for a shop that charges no tax', () => {
      const tax = computeInvoiceTax(input('GBP', { kind: 'NONE' }, [['labor', 5_000, true]]));
      expect(summary(tax)).toEqual({ subtotal: 5_000, taxable: 5_000, components: {}, lineTax: { labor: {} }, taxTotal: 0, grandTotal: 5_000 });
    });

    it('charges nothing on an invoice without taxable lines', () => {
      const tax = computeInvoiceTax(input('INR', karnataka, [['fluid', 33_788, false]], '29'));
      expect(summary(tax)).toMatchObject({ taxable: 0, components: { CGST: [900, 0], SGST: [900, 0] }, taxTotal: 0, grandTotal: 33_788 });
    });

    it('returns every amount as money in the invoice currency', () => {
      const tax = computeInvoiceTax(input('EUR', { kind: 'EU_VAT', country: 'DE' }, [['labor', 10_000, true]]));
      expect(tax.grandTotal).toEqual({ amountMinor: 11_900, currency: 'EUR' });
      expect(tax.lines[0]).toEqual({
        lineId: 'labor', taxable: true, amount: { amountMinor: 10_000, currency: 'EUR' },
        components: [{ name: 'VAT', rateBps: 1900, amount: { amountMinor: 1_900, currency: 'EUR' } }],
        tax: { amountMinor: 1_900, currency: 'EUR' }, total: { amountMinor: 11_900, currency: 'EUR' },
      });
    });
  });

  describe('rejecting invalid input', () => {
    const de: TaxJurisdiction = { kind: 'EU_VAT', country: 'DE' };
    const good = { lineId: 'l1', amount: { amountMinor: 1_000, currency: 'EUR' }, taxable: true };

    it.each<[string, Record<string, unknown>, string]>([
      ['a negative amount', { amount: { amountMinor: -1, currency: 'EUR' } }, 'amount.amountMinor'],
      ['a fractional amount of minor units', { amount: { amountMinor: 10.5, currency: 'EUR' } }, 'amount.amountMinor'],
      ['a non-finite amount', { amount: { amountMinor: Number.NaN, currency: 'EUR' } }, 'amount.amountMinor'],
      ['a blank line id', { lineId: '  ' }, 'lineId'],
      ['a non-boolean taxable flag', { taxable: 'yes' }, 'taxable'],
    ])('rejects a line with %s, naming the field', (_, change, field) => {
      const lines = [good, { ...good, lineId: 'l2', ...change }] as InvoiceTaxInput['lines'];
      expectRejection(() => computeInvoiceTax({ currency: 'EUR', jurisdiction: de, lines }), InvalidTaxLine, { code: 'TAX_LINE_INVALID', kind: 'rule', field: `lines[1].${field}` });
    });

    it('rejects a line priced in another currency than the invoice', () => {
      const lines = [good, { ...good, lineId: 'l2', amount: { amountMinor: 1_000, currency: 'USD' } }];
      expectRejection(() => computeInvoiceTax({ currency: 'EUR', jurisdiction: de, lines }), TaxCurrencyMismatch, { code: 'TAX_CURRENCY_MISMATCH', field: 'lines[1].amount.currency' });
    });

    it('rejects two lines with the same id, naming the second one', () => {
      expectRejection(() => computeInvoiceTax({ currency: 'EUR', jurisdiction: de, lines: [good, good] }), DuplicateTaxLineId, { code: 'TAX_LINE_ID_DUPLICATE', field: 'lines[1].lineId' });
    });

    it('rejects an invoice whose total would pass the largest safe integer', () => {
      const lines = [{ ...good, amount: { amountMinor: Number.MAX_SAFE_INTEGER - 10, currency: 'EUR' } }];
      expectRejection(() => computeInvoiceTax({ currency: 'EUR', jurisdiction: de, lines }), InvalidTaxLine, { field: 'lines' });
    });

    it('rejects an invoice currency that is not an ISO 4217 code', () => {
      expectRejection(() => computeInvoiceTax({ currency: 'EURO', jurisdiction: de, lines: [] }), InvalidTaxCurrency, { code: 'TAX_CURRENCY_INVALID', field: 'currency' });
    });

    it.each<[string, TaxJurisdiction, string | undefined, Function, string]>([
      ['an EU country without a known rate or a configured one', { kind: 'EU_VAT', country: 'US' }, undefined, UnknownVatCountry, 'jurisdiction.country'],
      ['a lower-case EU country code', { kind: 'EU_VAT', country: 'de' }, undefined, UnknownVatCountry, 'jurisdiction.country'],
      ['a configured rate for something that is not a country code', { kind: 'EU_VAT', country: 'Norway', rateBps: 2500 }, undefined, UnknownVatCountry, 'jurisdiction.country'],
      ['a retired GST state code for the shop', { kind: 'IN_GST', stateCode: '28' }, '29', InvalidGstStateCode, 'jurisdiction.stateCode'],
      ['a GST state code that is not two digits', { kind: 'IN_GST', stateCode: '9' }, '29', InvalidGstStateCode, 'jurisdiction.stateCode'],
      ['a place of supply that is not a GST state code', karnataka, '00', InvalidGstStateCode, 'placeOfSupply'],
      ['no place of supply for Indian GST', karnataka, undefined, GstPlaceOfSupplyRequired, 'placeOfSupply'],
      ['a negative sales-tax rate', { kind: 'US_SALES_TAX', rateBps: -1 }, undefined, InvalidTaxRate, 'jurisdiction.rateBps'],
      ['a rate above 100%', { kind: 'EU_VAT', country: 'DE', rateBps: 10_001 }, undefined, InvalidTaxRate, 'jurisdiction.rateBps'],
      ['a rate with more than 2 decimal basis points', { kind: 'US_SALES_TAX', rateBps: 887.125 }, undefined, InvalidTaxRate, 'jurisdiction.rateBps'],
      ['a non-finite rate', { kind: 'US_SALES_TAX', rateBps: Number.POSITIVE_INFINITY }, undefined, InvalidTaxRate, 'jurisdiction.rateBps'],
      ['a GST rate that cannot split into equal halves', { kind: 'IN_GST', stateCode: '29', rateBps: 0.01 }, '29', InvalidTaxRate, 'jurisdiction.rateBps'],
      ['an unknown jurisdiction kind', { kind: 'AU_GST' } as unknown as TaxJurisdiction, undefined, UnknownTaxJurisdiction, 'jurisdiction.kind'],
    ])('rejects %s, naming the field', (_, jurisdiction, placeOfSupply, errorClass, field) => {
      const currency = jurisdiction.kind === 'IN_GST' ? 'INR' : 'EUR';
      const lines = [{ ...good, amount: { amountMinor: 1_000, currency } }];
      expectRejection(() => computeInvoiceTax({ currency, jurisdiction, placeOfSupply, lines }), errorClass, { kind: 'rule', field });
    });
  });

  describe('properties for any lines', () => {
    const row = fc.tuple(fc.nat({ max: 10_000_000_000 }), fc.boolean());
    const rows = fc.array(row, { maxLength: 12 }).map((r) => r.map(([amount, taxable], i): Row => [`l${i}`, amount, taxable]));
    const rateBps = fc.integer({ min: 0, max: 1_000_000 }).map((hundredths) => hundredths / 100);
    const jurisdiction: fc.Arbitrary<[TaxJurisdiction, string | undefined]> = fc.oneof(
      fc.tuple(fc.constant<TaxJurisdiction>(karnataka), fc.constantFrom('29', '27', '07')),
      fc.tuple(fc.constantFrom(...Object.keys(EU_VAT_STANDARD_RATES_BPS)).map((country): TaxJurisdiction => ({ kind: 'EU_VAT', country })), fc.constant(undefined)),
      fc.tuple(rateBps.map((r): TaxJurisdiction => ({ kind: 'US_SALES_TAX', rateBps: r })), fc.constant(undefined)),
      fc.tuple(fc.constant<TaxJurisdiction>({ kind: 'NONE' }), fc.constant(undefined)),
    );
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    /** Exact base x rate in millionths of a minor unit, as [floor, remainder]. */
    const exact = (base: number, rateBps: number) => {
      const product = BigInt(base) * BigInt(Math.round(rateBps * 100));
      return [Number(product / 1_000_000n), Number(product % 1_000_000n)];
    };

    it('adds up: grand total = subtotal + tax, components sum to the tax, lines sum to the invoice', () => {
      fc.assert(fc.property(rows, jurisdiction, (r, [j, pos]) => {
        const tax = computeInvoiceTax(input('INR', j, r, pos));
        expect(tax.grandTotal.amountMinor).toBe(tax.subtotal.amountMinor + tax.taxTotal.amountMinor);
        expect(sum(tax.components.map((c) => c.amount.amountMinor))).toBe(tax.taxTotal.amountMinor);
        expect(sum(tax.lines.map((l) => l.total.amountMinor))).toBe(tax.grandTotal.amountMinor);
        expect(sum(r.filter(([, , taxable]) => taxable).map(([, amount]) => amount))).toBe(tax.taxableSubtotal.amountMinor);
        tax.components.forEach((component, k) => {
          expect(sum(tax.lines.filter((l) => l.taxable).map((l) => l.components[k].amount.amountMinor))).toBe(component.amount.amountMinor);
        });
        for (const line of tax.lines) {
          expect(line.tax.amountMinor).toBe(sum(line.components.map((c) => c.amount.amountMinor)));
          if (!line.taxable) expect(line.tax.amountMinor).toBe(0);
        }
      }));
    });

    it('rounds each component half-up once per invoice and gives each line the floor or ceiling of its share', () => {
      fc.assert(fc.property(rows, jurisdiction, (r, [j, pos]) => {
        const tax = computeInvoiceTax(input('INR', j, r, pos));
        for (const [k, component] of tax.components.entries()) {
          const [floor, remainder] = exact(tax.taxableSubtotal.amountMinor, component.rateBps);
          expect(component.amount.amountMinor).toBe(remainder >= 500_000 ? floor + 1 : floor);
          for (const line of tax.lines.filter((l) => l.taxable)) {
            const [lineFloor, lineRemainder] = exact(line.amount.amountMinor, component.rateBps);
            const allocated = line.components[k].amount.amountMinor;
            expect(lineRemainder === 0 ? [lineFloor] : [lineFloor, lineFloor + 1]).toContain(allocated);
          }
        }
      }));
    });

    it('charges equal CGST and SGST within a state, within one paisa of IGST across states', () => {
      const gstRate = fc.integer({ min: 0, max: 5_000 }).map((half) => half * 2);
      fc.assert(fc.property(rows, gstRate, (r, rate) => {
        const shop: TaxJurisdiction = { kind: 'IN_GST', stateCode: '29', rateBps: rate };
        const intra = computeInvoiceTax(input('INR', shop, r, '29'));
        const inter = computeInvoiceTax(input('INR', shop, r, '27'));
        const [cgst, sgst] = intra.components;
        expect([cgst.name, sgst.name]).toEqual<TaxComponentName[]>(['CGST', 'SGST']);
        expect(cgst.amount).toEqual(sgst.amount);
        for (const line of intra.lines.filter((l) => l.taxable)) expect(line.components[0].amount).toEqual(line.components[1].amount);
        expect(inter.components.map((c) => c.name)).toEqual(['IGST']);
        expect(Math.abs(inter.taxTotal.amountMinor - intra.taxTotal.amountMinor)).toBeLessThanOrEqual(1);
      }));
    });
  });
});
