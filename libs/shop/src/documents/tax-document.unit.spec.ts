import { pdfText } from '../../../../test/support/pdf-text';
import type { InvoiceView } from '../invoices/invoice.dto';
import { formatMoney, formatRate, localDate } from './document-format.rules';
import { InvoiceDocumentInput, invoiceDocument } from './invoice-document.builder';
import { renderTaxDocument } from './tax-document.layout';

const jurisdiction = (kind: string, extra: Partial<InvoiceView['jurisdiction']> = {}) => ({ kind, stateCode: null, country: null, rateBps: null, reducedRateBps: null, ...extra });
const line = (lineId: string, description: string, quantity: number, unitPriceMinor: number, amountMinor: number, components: { name: string; rateBps: number; amountMinor: number }[], hsnSac: string | null = null, taxCategory = 'standard') => {
  const taxMinor = components.reduce((s, c) => s + c.amountMinor, 0);
  return { lineId, kind: 'labor', description, hsnSac, taxCategory, quantity, unitPriceMinor, taxable: components.length > 0, amountMinor, taxComponents: components, taxMinor, totalMinor: amountMinor + taxMinor };
};
const GSTIN = (value: string) => ({ scheme: 'IN_GSTIN', value, stateCode: value.slice(0, 2), country: 'IN' });

// The invoices e2e worked example: 1,800.00 labour + 3,500.00 pads at CGST 9% + SGST 9%, 337.88 fluid untaxed.
const karnataka: InvoiceView = {
  id: '7c1f4c2e-5a43-4e0a-9d0e-3f1d7a2b9c10', number: 'INV-000042', status: 'partially_paid', repairOrderId: 'r', customerId: 'c', vehicleId: 'v', locationId: 'l',
  currency: 'INR', currencyExponent: 2, jurisdiction: jurisdiction('IN_GST', { stateCode: '29' }), placeOfSupply: '29',
  lines: [
    line('line-1', 'Replace front brake pads', 1.5, 120_000, 180_000, [{ name: 'CGST', rateBps: 900, amountMinor: 16_200 }, { name: 'SGST', rateBps: 900, amountMinor: 16_200 }], '998714'),
    line('line-2', 'Brake pad set', 1, 350_000, 350_000, [{ name: 'CGST', rateBps: 900, amountMinor: 31_500 }, { name: 'SGST', rateBps: 900, amountMinor: 31_500 }], '8708'),
    line('line-3', 'Brake fluid (litres)', 0.75, 45_050, 33_788, [], '3819'),
  ],
  placeOfSupplySource: 'derived-from-gstin', sellerTaxId: GSTIN('29ABCDE1234F1ZW'), buyerTaxId: GSTIN('29AAACR5055K1Z5'),
  buyerBillingAddress: { line1: '12 Residency Road', line2: null, city: 'Bengaluru', postalCode: '560025', regionCode: '29', country: 'IN' },
  recipientSource: 'customer', recipientHouseholdId: null,
  reverseCharge: false, taxNote: null,
  taxSummary: [{ name: 'CGST', rateBps: 900, amountMinor: 47_700 }, { name: 'SGST', rateBps: 900, amountMinor: 47_700 }],
  subtotalMinor: 563_788, taxableSubtotalMinor: 530_000, taxTotalMinor: 95_400, grandTotalMinor: 659_188, paidMinor: 200_000, balanceDueMinor: 459_188, creditedMinor: 0, creditBalanceMinor: 0,
  payments: [], issuedAt: '2026-03-31T19:00:00.000Z', paidAt: null, voidedAt: null, voidReason: null, version: 2, pdfUrl: '/invoices/x/pdf',
};

const input = (invoice: InvoiceView, more: Partial<InvoiceDocumentInput> = {}): InvoiceDocumentInput => ({
  invoice, sellerName: 'Ravi Motors',
  location: { name: 'Indiranagar', timezone: 'Asia/Kolkata', address: { line1: '100 Feet Road', line2: 'Indiranagar', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' } },
  customer: { name: 'Zoë Ñúñez', phone: '+91 98450 12345' },
  vehicle: { year: 2019, make: 'Honda', model: 'City', vin: '1HGCM82633A004352' },
  ...more,
});

describe('amounts, rates and dates on a printed document', () => {
  it('prints each currency with its own decimals: JPY 0, INR 2 in lakhs, KWD 3, and negatives before the symbol', () => {
    expect(formatMoney(123_456, 'JPY', 0)).toBe('¥123,456');
    expect(formatMoney(12_345_678, 'INR', 2)).toBe('₹1,23,456.78');
    expect(formatMoney(659_188, 'INR', 2)).toBe('₹6,591.88');
    expect(formatMoney(1_235, 'KWD', 3)).toBe('KWD 1.235');
    expect(formatMoney(5, 'KWD', 3)).toBe('KWD 0.005');
    expect(formatMoney(-1_200, 'EUR', 2)).toBe('-€12.00');
    expect(formatMoney(123_456_789, 'USD', 2)).toBe('$1,234,567.89');
  });

  it('prints rates in percent without float noise: 9%, 8.875%, 25.5%', () => {
    expect([900, 887.5, 2550, 1800, 0].map(formatRate)).toEqual(['9%', '8.875%', '25.5%', '18%', '0%']);
  });

  it("dates an invoice by the location's calendar: 19:00 UTC on 31 March is 1 April in Bengaluru", () => {
    expect(localDate('2026-03-31T19:00:00.000Z', 'Asia/Kolkata')).toBe('1 Apr 2026');
    expect(localDate('2026-03-31T19:00:00.000Z', 'America/New_York')).toBe('31 Mar 2026');
  });
});

describe('the invoice PDF', () => {
  it('prints an intra-state GST tax invoice: parties, place of supply, lines, CGST + SGST split, totals, paid and due', async () => {
    const text = await pdfText(await renderTaxDocument(invoiceDocument(input(karnataka))));
    for (const expected of [
      'TAX INVOICE', 'Invoice no. INV-000042', 'Date 1 Apr 2026', 'Place of supply Karnataka (29)', 'Supply Intra-state', 'Reverse charge No',
      'Ravi Motors', 'Indiranagar', '100 Feet Road', 'Bengaluru 560038', 'GSTIN 29ABCDE1234F1ZW',
      'Zoë Ñúñez', '12 Residency Road', 'Bengaluru 560025', 'Karnataka (29)', 'GSTIN 29AAACR5055K1Z5', '+91 98450 12345', 'Vehicle: 2019 Honda City, VIN 1HGCM82633A004352',
      'Description HSN/SAC Qty Unit price Amount Tax Total', 'Replace front brake pads 998714 1.5 ₹1,200.00 ₹1,800.00 CGST 9% ₹162.00, SGST 9% ₹162.00 ₹2,124.00',
      'Brake pad set 8708 1 ₹3,500.00', 'Brake fluid (litres) 3819 0.75 ₹450.50 ₹337.88 exempt ₹337.88',
      'CGST 9% ₹477.00', 'SGST 9% ₹477.00', 'Subtotal ₹5,637.88', 'Taxable value ₹5,300.00', 'Total tax ₹954.00',
      'Grand total ₹6,591.88', 'Amount paid ₹2,000.00', 'Balance due ₹4,591.88', 'Invoice INV-000042 · page 1 of 1',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('VOID');
  });

  it('prints an inter-state supply with IGST at the full rate and the buyer state as place of supply', async () => {
    const igst = { ...karnataka, placeOfSupply: '27', buyerTaxId: GSTIN('27AAPFU0939F1ZV'), buyerBillingAddress: null, taxSummary: [{ name: 'IGST', rateBps: 1800, amountMinor: 95_400 }],
      lines: [line('line-1', 'Replace front brake pads', 1.5, 120_000, 180_000, [{ name: 'IGST', rateBps: 1800, amountMinor: 32_400 }])] };
    const text = await pdfText(await renderTaxDocument(invoiceDocument(input(igst))));
    expect(text).toContain('Place of supply Maharashtra (27)');
    expect(text).toContain('GSTIN 27AAPFU0939F1ZV');
    expect(text).toContain('Supply Inter-state');
    expect(text).toContain('IGST 18% ₹324.00');
    expect(text).toContain('IGST 18% ₹954.00');
    expect(text).not.toContain('CGST');
  });

  it("prints the household as buyer of an invoice billed to it, its GSTIN and address, with the member the work was for", async () => {
    const fleet = { ...karnataka, recipientSource: 'household', recipientHouseholdId: 'h-1', placeOfSupply: '27', buyerTaxId: GSTIN('27AAPFU0939F1ZV'),
      buyerBillingAddress: { line1: 'FC Road 14', line2: null, city: 'Pune', postalCode: '411004', regionCode: '27', country: 'IN' } };
    const text = await pdfText(await renderTaxDocument(invoiceDocument(input(fleet, { household: { name: 'Deccan Fleet Services' } }))));
    for (const expected of ['Deccan Fleet Services', 'Member: Zoë Ñúñez', 'GSTIN 27AAPFU0939F1ZV', 'FC Road 14', 'Pune 411004', 'Maharashtra (27)', 'Place of supply Maharashtra (27)']) {
      expect(text).toContain(expected);
    }
    // The customer's own invoice names them as buyer, never a household, even when one is read.
    const own = await pdfText(await renderTaxDocument(invoiceDocument(input(karnataka, { household: { name: 'Deccan Fleet Services' } }))));
    expect(own).not.toContain('Deccan Fleet Services');
    expect(own).not.toContain('Member:');
  });

  it('prints a US invoice with its sales tax at 8.875% and a KWD one with three decimals, neither with GST fields', async () => {
    const us = { ...karnataka, currency: 'USD', sellerTaxId: null, buyerTaxId: null, placeOfSupplySource: null, jurisdiction: jurisdiction('US_SALES_TAX', { rateBps: 887.5 }), placeOfSupply: null,
      lines: [line('line-1', 'Oil change', 1, 10_000, 10_000, [{ name: 'SALES_TAX', rateBps: 887.5, amountMinor: 888 }])],
      taxSummary: [{ name: 'SALES_TAX', rateBps: 887.5, amountMinor: 888 }], subtotalMinor: 10_000, taxableSubtotalMinor: 10_000, taxTotalMinor: 888,
      grandTotalMinor: 10_888, paidMinor: 0, balanceDueMinor: 10_888 };
    const usText = await pdfText(await renderTaxDocument(invoiceDocument(input(us, { location: { ...input(us).location, timezone: 'America/New_York' } }))));
    expect(usText).toMatch(/^INVOICE /);
    expect(usText).toContain('Sales tax 8.875% $8.88');
    expect(usText).toContain('Grand total $108.88');
    expect(usText).not.toContain('Place of supply');
    expect(usText).not.toContain('HSN/SAC');

    const kwd = { ...us, currency: 'KWD', currencyExponent: 3, jurisdiction: jurisdiction('NONE'), taxSummary: [],
      lines: [line('line-1', 'Oil change', 1, 12_345, 12_345, [])], subtotalMinor: 12_345, taxableSubtotalMinor: 0, taxTotalMinor: 0,
      grandTotalMinor: 12_345, balanceDueMinor: 12_345 };
    const kwdText = await pdfText(await renderTaxDocument(invoiceDocument(input(kwd))));
    expect(kwdText).toContain('Grand total KWD 12.345');
    expect(kwdText).toContain('No tax charged.');
  });

  it('prints a Japanese invoice in whole yen with the consumption tax per rate and the reduced-rate items marked', async () => {
    const jp = { ...karnataka, currency: 'JPY', currencyExponent: 0, jurisdiction: jurisdiction('JP_CONSUMPTION_TAX'), placeOfSupply: null, placeOfSupplySource: null,
      sellerTaxId: null, buyerTaxId: null, buyerBillingAddress: null,
      lines: [line('line-1', 'Oil change', 1, 5_000, 5_000, [{ name: 'CONSUMPTION_TAX', rateBps: 1000, amountMinor: 500 }]),
        line('line-2', 'Bottled tea', 2, 150, 300, [{ name: 'CONSUMPTION_TAX', rateBps: 800, amountMinor: 24 }], null, 'reduced')],
      taxSummary: [{ name: 'CONSUMPTION_TAX', rateBps: 1000, amountMinor: 500 }, { name: 'CONSUMPTION_TAX', rateBps: 800, amountMinor: 24 }],
      subtotalMinor: 5_300, taxableSubtotalMinor: 5_300, taxTotalMinor: 524, grandTotalMinor: 5_824, paidMinor: 0, balanceDueMinor: 5_824 };
    const text = await pdfText(await renderTaxDocument(invoiceDocument(input(jp, { location: { ...input(jp).location, timezone: 'Asia/Tokyo' } }))));
    for (const expected of ['Bottled tea (reduced rate) 2 ¥150 ¥300 Consumption tax 8% ¥24 ¥324', 'Consumption tax 10% ¥500', 'Consumption tax 8% ¥24', 'Grand total ¥5,824']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Oil change (reduced rate)');
  });

  it('prints an EU reverse-charge invoice: both VAT ids, VAT at 0, "Reverse charge Yes" and the legal mention', async () => {
    const vat = (value: string) => ({ scheme: 'EU_VAT', value, stateCode: null, country: value.slice(0, 2) });
    const note = 'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC)';
    const reverse = { ...karnataka, currency: 'EUR', jurisdiction: jurisdiction('EU_VAT', { country: 'DE', rateBps: 0 }), placeOfSupply: null, placeOfSupplySource: null,
      sellerTaxId: vat('DE136695976'), buyerTaxId: vat('FR40303265045'), reverseCharge: true, taxNote: note,
      buyerBillingAddress: { line1: '1 rue de Rivoli', line2: null, city: 'Paris', postalCode: '75001', regionCode: null, country: 'FR' },
      lines: [line('line-1', 'Oil change', 1, 10_000, 10_000, [{ name: 'VAT', rateBps: 0, amountMinor: 0 }])],
      taxSummary: [{ name: 'VAT', rateBps: 0, amountMinor: 0 }], subtotalMinor: 10_000, taxableSubtotalMinor: 10_000, taxTotalMinor: 0, grandTotalMinor: 10_000, paidMinor: 0, balanceDueMinor: 10_000 };
    const text = await pdfText(await renderTaxDocument(invoiceDocument(input(reverse, { location: { ...input(reverse).location, timezone: 'Europe/Berlin' } }))));
    for (const expected of ['VAT ID DE136695976', 'VAT ID FR40303265045', '1 rue de Rivoli', 'Paris 75001', 'Reverse charge Yes', 'VAT 0% €0.00', 'Grand total €100.00', note]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Place of supply');
  });

  it('shows credit notes against the invoice and what is owed back when they came after payment', async () => {
    const credited = { ...karnataka, status: 'paid', paidMinor: 659_188, creditedMinor: 413_000, balanceDueMinor: 0, creditBalanceMinor: 413_000 };
    const text = await pdfText(await renderTaxDocument(invoiceDocument(input(credited))));
    for (const expected of ['Grand total ₹6,591.88', 'Credit notes -₹4,130.00', 'Amount paid ₹6,591.88', 'Balance due ₹0.00', 'Owed to the customer ₹4,130.00']) {
      expect(text).toContain(expected);
    }
  });

  it('stamps a void invoice VOID on every page with the reason, and repeats the line header on a second page', async () => {
    const many = Array.from({ length: 60 }, (_, i) => line(`line-${i + 1}`, `Part number ${i + 1}`, 1, 100, 100, []));
    const voided = { ...karnataka, status: 'void', voidedAt: '2026-04-02T05:00:00.000Z', voidReason: 'issued to the wrong customer', lines: many };
    const text = await pdfText(await renderTaxDocument(invoiceDocument(input(voided))));
    expect(text).toContain('Voided on 2 Apr 2026: issued to the wrong customer');
    expect(text.match(/VOID/g)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('page 2 of 2');
    expect(text.match(/Description Qty Unit price Amount Tax Total/g)?.length).toBe(2);
    expect(text).toContain('Part number 60');
  });
});
