import { given } from '@workbay/eventstore/testing';
import { computeCredit } from '../credit-notes/credit-note.rules';
import { invoiceDecider } from './invoice.decider';
import { computeInvoiceTax, InvalidTaxLine, InvoiceTaxLine, TaxJurisdiction } from './tax.rules';

const JAPAN: TaxJurisdiction = { kind: 'JP_CONSUMPTION_TAX' };
const yen = (amountMinor: number) => ({ amountMinor, currency: 'JPY' });

// A Tokyo shop's invoice (JPY has no minor unit): labour 1.5 h x 8,000 = 12,000 and brake pads
// 3,335 at the standard 10%; take-away bottled tea 3 x 150 = 450 and rice crackers 199 at the
// reduced 8%; a disposal fee of 500 outside the tax.
const lines: InvoiceTaxLine[] = [
  { lineId: 'labour', amount: yen(12_000), taxable: true },
  { lineId: 'pads', amount: yen(3_335), taxable: true, category: 'standard' },
  { lineId: 'tea', amount: yen(450), taxable: true, category: 'reduced' },
  { lineId: 'crackers', amount: yen(199), taxable: true, category: 'reduced' },
  { lineId: 'disposal', amount: yen(500), taxable: false },
];

describe('a tax rate per line category (Japan: 10% standard, 8% reduced)', () => {
  it('rounds once per rate on its own base and shares each out over its own lines only', () => {
    const tax = computeInvoiceTax({ currency: 'JPY', jurisdiction: JAPAN, lines });
    // Standard: 12,000 + 3,335 = 15,335 x 10% = 1,533.5 -> 1,534 (half up); shares 1,200 and 333.5 -> 334 (largest remainder).
    // Reduced: 450 + 199 = 649 x 8% = 51.92 -> 52; shares 36 and 15.92 -> 16.
    expect(tax.components).toEqual([
      { name: 'CONSUMPTION_TAX', rateBps: 1000, amount: yen(1_534) },
      { name: 'CONSUMPTION_TAX', rateBps: 800, amount: yen(52) },
    ]);
    expect(tax.lines.map((l) => [l.lineId, l.components.map((c) => `${c.rateBps}:${c.amount.amountMinor}`), l.total.amountMinor])).toEqual([
      ['labour', ['1000:1200'], 13_200],
      ['pads', ['1000:334'], 3_669],
      ['tea', ['800:36'], 486],
      ['crackers', ['800:16'], 215],
      ['disposal', [], 500],
    ]);
    // 15,335 + 649 + 500 = 16,484; tax 1,534 + 52 = 1,586; 18,070 due. All at 10% would have been 1,598.
    expect([tax.subtotal.amountMinor, tax.taxableSubtotal.amountMinor, tax.taxTotal.amountMinor, tax.grandTotal.amountMinor]).toEqual([16_484, 15_984, 1_586, 18_070]);
  });

  it('lists only the standard rate when no line is reduced (a configured 10% as before)', () => {
    const tax = computeInvoiceTax({ currency: 'JPY', jurisdiction: { kind: 'JP_CONSUMPTION_TAX', rateBps: 1000 }, lines: lines.slice(0, 2) });
    expect(tax.components).toEqual([{ name: 'CONSUMPTION_TAX', rateBps: 1000, amount: yen(1_534) }]);
  });

  it('refuses a reduced line where the jurisdiction has one rate, naming lines[i].taxCategory', () => {
    const call = () => computeInvoiceTax({
      currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'DE' },
      lines: [{ lineId: 'a', amount: { amountMinor: 100, currency: 'EUR' }, taxable: true }, { lineId: 'b', amount: { amountMinor: 100, currency: 'EUR' }, taxable: true, category: 'reduced' }],
    });
    expect(call).toThrow(InvalidTaxLine);
    expect(call).toThrow(expect.objectContaining({ field: 'lines[1].taxCategory' }));
  });
});

describe('EU VAT with the reduced rate the location configures', () => {
  const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
  // A Dutch salon: a haircut 45.00 at the 9% reduced rate (hairdressing), hair wax 18.50 at 21%.
  const salon = [
    { lineId: 'cut', amount: eur(4_500), taxable: true, category: 'reduced' as const },
    { lineId: 'wax', amount: eur(1_850), taxable: true },
  ];

  it('charges reduced lines the configured rate and the rest the standard rate, one rounding per rate', () => {
    const tax = computeInvoiceTax({ currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'NL', reducedRateBps: 900 }, lines: salon });
    expect(tax.components).toEqual([{ name: 'VAT', rateBps: 2100, amount: eur(389) }, { name: 'VAT', rateBps: 900, amount: eur(405) }]);
    expect(tax.lines.map((l) => l.components.map((c) => c.rateBps))).toEqual([[900], [2100]]);
  });

  it('refuses a reduced line while the location has no reduced rate, saying how to configure one', () => {
    const call = () => computeInvoiceTax({ currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'NL' }, lines: salon });
    expect(call).toThrow(expect.objectContaining({ field: 'lines[0].taxCategory', message: expect.stringContaining('reducedRateBps') }));
  });

  it('refuses a reduced rate above the standard rate, naming jurisdiction.reducedRateBps', () => {
    const call = () => computeInvoiceTax({ currency: 'EUR', jurisdiction: { kind: 'EU_VAT', country: 'NL', reducedRateBps: 2500 }, lines: salon });
    expect(call).toThrow(expect.objectContaining({ field: 'jurisdiction.reducedRateBps' }));
  });
});

describe('a credit note on a mixed-rate invoice', () => {
  it('reverses only the rate each credited line was charged: the tea back is 450 + 8% = 36 yen, no 10%', () => {
    const roLines = [
      { lineId: 'labour', kind: 'labor' as const, description: 'Brake pads fitted', quantity: 1.5, unitPriceMinor: 8_000, taxable: true },
      { lineId: 'tea', kind: 'part' as const, description: 'Bottled tea', quantity: 3, unitPriceMinor: 150, taxable: true, taxCategory: 'reduced' as const },
    ];
    const events = invoiceDecider.decide({
      type: 'IssueInvoice', invoiceId: 'inv-jp', number: 'INV-000001', jurisdiction: JAPAN, issuedAt: '2026-04-01T01:00:00.000Z', actor: 'advisor',
      repairOrder: { repairOrderId: 'ro-jp', status: 'approved', customerId: 'c', vehicleId: 'v', locationId: 'l', currency: 'JPY', lines: roLines },
    }, invoiceDecider.initialState());
    const state = given(invoiceDecider, events).state;
    if (state.status === 'none') throw new Error('not issued');
    // Issued: 12,000 x 10% = 1,200 and 450 x 8% = 36.
    expect(state.taxSummary.map((c) => [c.rateBps, c.amount.amountMinor])).toEqual([[1000, 1_200], [800, 36]]);
    const credit = computeCredit(state, [{ lineId: 'tea', quantity: 3 }]);
    expect(credit.taxSummary.map((c) => [c.rateBps, c.amount.amountMinor])).toEqual([[1000, 0], [800, 36]]);
    expect(credit.lines[0].components.map((c) => [c.rateBps, c.amount.amountMinor])).toEqual([[800, 36]]);
    expect(credit.grandTotal.amountMinor).toBe(486);
  });
});
