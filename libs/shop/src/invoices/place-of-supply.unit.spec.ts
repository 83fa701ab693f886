import { QuoteLine } from '../quotes/quote.events';
import { InvalidInvoiceField, invoiceDecider, IssueInvoice } from './invoice.decider';
import { InvoiceIssued } from './invoice.events';
import { REVERSE_CHARGE_NOTE, Recipient } from './place-of-supply.rules';
import { validTaxId } from './tax-id.rules';
import { TaxJurisdiction } from './tax.rules';

const MAHARASHTRA: TaxJurisdiction = { kind: 'IN_GST', stateCode: '27' };
const GERMANY: TaxJurisdiction = { kind: 'EU_VAT', country: 'DE' };

// Labor 1.5 h x 1,200.00 = 1,800.00 and pads 3,500.00 taxable (5,300.00); fluid 0.75 x 450.50 = 337.88 untaxed.
const lines: QuoteLine[] = [
  { lineId: 'l1', kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true, hsnSac: '998714' },
  { lineId: 'l2', kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true, hsnSac: '87083000' },
  { lineId: 'l3', kind: 'part', description: 'Brake fluid (litres)', quantity: 0.75, unitPriceMinor: 45_050, taxable: false },
];

const KARNATAKA_GSTIN = validTaxId('taxId', '29ABCDE1234F1ZW');
const MAHARASHTRA_GSTIN = validTaxId('taxId', '27AAPFU0939F1ZV');
const bengaluru = { line1: '12 Residency Road', line2: null, city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' };

const issue = (jurisdiction: TaxJurisdiction, recipient: Recipient, extra: Partial<IssueInvoice> = {}, currency = 'INR', soldLines: QuoteLine[] = lines): InvoiceIssued['data'] => {
  const command: IssueInvoice = {
    type: 'IssueInvoice', invoiceId: 'inv-1', number: 'INV-000001',
    repairOrder: { repairOrderId: 'ro-1', status: 'approved', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1', currency, lines: soldLines },
    jurisdiction, recipient, issuedAt: '2025-03-01T12:00:00.000Z', actor: 'advisor-asha', ...extra,
  };
  return (invoiceDecider.decide(command, invoiceDecider.initialState())[0] as InvoiceIssued).data;
};
const taxes = (d: InvoiceIssued['data']) => Object.fromEntries(d.taxSummary.map((c) => [c.name, [c.rateBps, c.amount.amountMinor]]));

describe('place of supply from the customer\'s records (Indian GST, location in Maharashtra 27)', () => {
  it.each([
    {
      name: 'B2B: a customer with a Karnataka GSTIN is supplied in 29, so IGST 18% = 954.00',
      recipient: { taxId: KARNATAKA_GSTIN, billingAddress: null }, override: null,
      placeOfSupply: '29', source: 'derived-from-gstin', taxes: { IGST: [1800, 95_400] }, grandTotal: 659_188,
    },
    {
      name: 'B2B: the GSTIN wins over a billing address elsewhere (registered state, IGST Act s. 12(2)(a))',
      recipient: { taxId: MAHARASHTRA_GSTIN, billingAddress: bengaluru }, override: null,
      placeOfSupply: '27', source: 'derived-from-gstin', taxes: { CGST: [900, 47_700], SGST: [900, 47_700] }, grandTotal: 659_188,
    },
    {
      name: 'B2C: a private customer with a Bengaluru billing address is supplied in 29 (IGST 954.00)',
      recipient: { taxId: null, billingAddress: bengaluru }, override: null,
      placeOfSupply: '29', source: 'derived-from-address', taxes: { IGST: [1800, 95_400] }, grandTotal: 659_188,
    },
    {
      name: 'neither on record: the supplier\'s state, CGST 477.00 + SGST 477.00',
      recipient: { taxId: null, billingAddress: null }, override: null,
      placeOfSupply: '27', source: 'location-of-supplier', taxes: { CGST: [900, 47_700], SGST: [900, 47_700] }, grandTotal: 659_188,
    },
    {
      name: 'an explicit state overrides the GSTIN and is recorded as override',
      recipient: { taxId: KARNATAKA_GSTIN, billingAddress: null }, override: '27',
      placeOfSupply: '27', source: 'override', taxes: { CGST: [900, 47_700], SGST: [900, 47_700] }, grandTotal: 659_188,
    },
  ])('$name', ({ recipient, override, placeOfSupply, source, taxes: expected, grandTotal }) => {
    const d = issue(MAHARASHTRA, recipient as Recipient, { placeOfSupplyStateCode: override, sellerTaxId: MAHARASHTRA_GSTIN });
    expect({ placeOfSupply: d.placeOfSupply, source: d.placeOfSupplySource, taxes: taxes(d), grandTotal: d.grandTotal.amountMinor })
      .toEqual({ placeOfSupply, source, taxes: expected, grandTotal });
    expect(d.buyerTaxId).toEqual(recipient.taxId);
    expect(d.sellerTaxId?.value).toBe('27AAPFU0939F1ZV');
    expect(d.reverseCharge).toBe(false);
  });

  it('a customer from abroad (a Dubai address) is invoiced with CGST + SGST: repair of a vehicle in India, or a haircut, is supplied where performed (IGST Act s. 13(3)), not exported', () => {
    const dubai = { line1: 'Sheikh Zayed Road 1', line2: null, city: 'Dubai', postalCode: null, regionCode: null, country: 'AE' };
    const d = issue(MAHARASHTRA, { taxId: null, billingAddress: dubai }, { sellerTaxId: MAHARASHTRA_GSTIN });
    expect({ placeOfSupply: d.placeOfSupply, source: d.placeOfSupplySource, taxes: taxes(d) })
      .toEqual({ placeOfSupply: '27', source: 'location-of-supplier', taxes: { CGST: [900, 47_700], SGST: [900, 47_700] } });
  });

  describe('a salon\'s services are supplied where performed (IGST Act s. 12(4))', () => {
    // Haircut 800.00 (SAC 999721), facial 1,200.00 (999722), a shampoo bottle sold 450.00 (HSN 3305): 2,450.00 at 18%.
    const salon: QuoteLine[] = [
      { lineId: 's1', kind: 'labor', description: 'Haircut and styling', quantity: 1, unitPriceMinor: 80_000, taxable: true, hsnSac: '999721' },
      { lineId: 's2', kind: 'labor', description: 'Facial', quantity: 1, unitPriceMinor: 120_000, taxable: true, hsnSac: '999722' },
      { lineId: 's3', kind: 'part', description: 'Shampoo 250 ml', quantity: 1, unitPriceMinor: 45_000, taxable: true, hsnSac: '33051090' },
    ];
    const salonIssue = (recipient: Recipient, extra: Partial<IssueInvoice> = {}, soldLines = salon) =>
      issue(MAHARASHTRA, recipient, { sellerTaxId: MAHARASHTRA_GSTIN, ...extra }, 'INR', soldLines);

    it('to a business registered in Karnataka: still the location\'s state, CGST + SGST, not IGST', () => {
      const d = salonIssue({ taxId: KARNATAKA_GSTIN, billingAddress: null });
      expect({ placeOfSupply: d.placeOfSupply, source: d.placeOfSupplySource, taxes: taxes(d) })
        .toEqual({ placeOfSupply: '27', source: 'location-of-performance', taxes: { CGST: [900, 22_050], SGST: [900, 22_050] } });
    });

    it('to a private customer with a Bengaluru address, likewise', () => {
      const d = salonIssue({ taxId: null, billingAddress: bengaluru });
      expect([d.placeOfSupply, d.placeOfSupplySource]).toEqual(['27', 'location-of-performance']);
    });

    it('an explicit state still wins', () => {
      const d = salonIssue({ taxId: KARNATAKA_GSTIN, billingAddress: null }, { placeOfSupplyStateCode: '29' });
      expect([d.placeOfSupply, d.placeOfSupplySource]).toEqual(['29', 'override']);
    });

    it('a labour line of another service (vehicle repair, 998714) keeps the general rule for the whole invoice', () => {
      const mixed = [...salon, { ...lines[0], lineId: 's4' }];
      const d = salonIssue({ taxId: KARNATAKA_GSTIN, billingAddress: null }, {}, mixed);
      expect([d.placeOfSupply, d.placeOfSupplySource]).toEqual(['29', 'derived-from-gstin']);
    });

    it('lines with no SAC code at all keep the general rule', () => {
      const d = salonIssue({ taxId: KARNATAKA_GSTIN, billingAddress: null }, {}, salon.map(({ hsnSac: _, ...l }) => l));
      expect([d.placeOfSupply, d.placeOfSupplySource]).toEqual(['29', 'derived-from-gstin']);
    });
  });

  it('carries each line\'s HSN/SAC code onto the invoice', () => {
    const d = issue(MAHARASHTRA, { taxId: KARNATAKA_GSTIN, billingAddress: null });
    expect(d.lines.map((l) => l.hsnSac ?? null)).toEqual(['998714', '87083000', null]);
  });

  it('refuses an override that is no GST state code with 422 naming placeOfSupplyStateCode', () => {
    expect(() => issue(MAHARASHTRA, { taxId: null, billingAddress: null }, { placeOfSupplyStateCode: '99' })).toThrow(
      expect.objectContaining({ constructor: InvalidInvoiceField, field: 'placeOfSupplyStateCode' }),
    );
  });
});

describe('EU reverse charge (location in Germany, 19%)', () => {
  const SELLER = validTaxId('taxId', 'DE123456789');
  const paris = { line1: '8 rue de Rivoli', line2: null, city: 'Paris', postalCode: '75004', regionCode: null, country: 'FR' };

  it('B2B to a French VAT id: 0 VAT, says "reverse charge", carries both VAT ids (5,637.88 EUR due)', () => {
    const d = issue(GERMANY, { taxId: validTaxId('taxId', 'FR40303265045'), billingAddress: paris }, { sellerTaxId: SELLER }, 'EUR');
    expect(taxes(d)).toEqual({ VAT: [0, 0] });
    expect(d.grandTotal.amountMinor).toBe(563_788);
    expect(d.reverseCharge).toBe(true);
    expect(d.taxNote).toBe(REVERSE_CHARGE_NOTE);
    expect([d.sellerTaxId?.value, d.buyerTaxId?.value]).toEqual(['DE123456789', 'FR40303265045']);
    // The invoice keeps the location's jurisdiction; only what was charged is 0.
    expect(d.jurisdiction).toEqual(GERMANY);
  });

  it('under the reverse charge a reduced line is at 0 too, where the location has a reduced rate', () => {
    const reducedLines: QuoteLine[] = [{ ...lines[0], taxCategory: 'reduced' }, lines[1]];
    const d = issue({ ...GERMANY, reducedRateBps: 700 }, { taxId: validTaxId('taxId', 'FR40303265045'), billingAddress: paris }, { sellerTaxId: SELLER }, 'EUR', reducedLines);
    expect(d.taxSummary.map((c) => [c.name, c.rateBps, c.amount.amountMinor])).toEqual([['VAT', 0, 0], ['VAT', 0, 0]]);
    expect(d.reverseCharge).toBe(true);
    // Issued at home, the same lines take 19% and 7%: 3,500.00 x 19% = 665.00, 1,800.00 x 7% = 126.00.
    const home = issue({ ...GERMANY, reducedRateBps: 700 }, { taxId: null, billingAddress: paris }, {}, 'EUR', reducedLines);
    expect(home.taxSummary.map((c) => [c.rateBps, c.amount.amountMinor])).toEqual([[1900, 66_500], [700, 12_600]]);
  });

  it.each([
    { name: 'domestic B2B (a German VAT id)', recipient: { taxId: validTaxId('taxId', 'DE987654321'), billingAddress: null } },
    { name: 'B2C in France (no VAT id)', recipient: { taxId: null, billingAddress: paris } },
  ])('$name is charged 19% as before: 5,300.00 x 19% = 1,007.00', ({ recipient }) => {
    const d = issue(GERMANY, recipient, { sellerTaxId: SELLER }, 'EUR');
    expect(taxes(d)).toEqual({ VAT: [1900, 100_700] });
    expect(d.reverseCharge).toBe(false);
    expect(d.taxNote).toBeNull();
  });

  it('refuses a reverse-charge invoice while the location has no VAT id (422 naming locationId)', () => {
    expect(() => issue(GERMANY, { taxId: validTaxId('taxId', 'FR40303265045'), billingAddress: null }, {}, 'EUR')).toThrow(
      expect.objectContaining({ field: 'locationId' }),
    );
  });

  it('refuses a place of supply outside Indian GST, as before', () => {
    expect(() => issue(GERMANY, { taxId: null, billingAddress: null }, { placeOfSupplyStateCode: '29' }, 'EUR')).toThrow(
      expect.objectContaining({ field: 'placeOfSupplyStateCode' }),
    );
  });
});
