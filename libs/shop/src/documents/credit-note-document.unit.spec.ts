import { pdfText } from '../../../../test/support/pdf-text';
import { CreditNoteSource, creditNoteDocument } from './credit-note-document.builder';
import { renderTaxDocument } from './tax-document.layout';

const parties = {
  sellerName: 'Ravi Motors',
  location: { name: 'Indiranagar', timezone: 'Asia/Kolkata', address: { line1: '100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' }, taxId: { scheme: 'IN_GSTIN', value: '29AAACR5055K1Z5' } },
  customer: { name: 'Asha Rao', taxId: { scheme: 'IN_GSTIN', value: '27AAPFU0939F1ZV' } },
  vehicle: null,
};

// The brake pad set (3,500.00 at CGST 9% + SGST 9%) of the invoices e2e example comes back.
const returned: CreditNoteSource = {
  number: 'CN-000007', invoiceNumber: 'INV-000042', reason: 'return', note: 'pads did not fit', currency: 'INR', currencyExponent: 2,
  jurisdiction: { kind: 'IN_GST', stateCode: '29' }, placeOfSupply: '29',
  lines: [{ description: 'Brake pad set', hsnSac: '8708', quantity: 1, taxable: true, amountMinor: 350_000,
    taxComponents: [{ name: 'CGST', rateBps: 900, amountMinor: 31_500 }, { name: 'SGST', rateBps: 900, amountMinor: 31_500 }], totalMinor: 413_000 }],
  taxSummary: [{ name: 'CGST', rateBps: 900, amountMinor: 31_500 }, { name: 'SGST', rateBps: 900, amountMinor: 31_500 }],
  subtotalMinor: 350_000, taxableSubtotalMinor: 350_000, taxTotalMinor: 63_000, grandTotalMinor: 413_000, issuedAt: '2026-04-03T06:00:00.000Z',
};

describe('the credit note PDF', () => {
  it('prints its own number, the invoice it credits with its date, the reason, the GSTINs and the CGST + SGST it reverses', async () => {
    const text = await pdfText(await renderTaxDocument(creditNoteDocument({ ...parties, creditNote: returned, invoiceIssuedAt: '2026-03-31T19:00:00.000Z' })));
    for (const expected of [
      'CREDIT NOTE', 'Credit note no. CN-000007', 'Date 3 Apr 2026', 'Against invoice INV-000042', 'Invoice date 1 Apr 2026', 'Reason Goods returned',
      'Place of supply Karnataka (29)', 'GSTIN 29AAACR5055K1Z5', 'GSTIN 27AAPFU0939F1ZV', 'Ravi Motors', 'Asha Rao',
      'Brake pad set 8708 1 ₹3,500.00 CGST 9% ₹315.00, SGST 9% ₹315.00 ₹4,130.00',
      'Tax reversed CGST 9% ₹315.00 SGST 9% ₹315.00', 'Taxable value credited ₹3,500.00', 'Tax reversed ₹630.00', 'Total credited ₹4,130.00',
      'This credit note reduces invoice INV-000042 by ₹4,130.00.', 'pads did not fit',
    ]) expect(text).toContain(expected);
    expect(text).not.toContain('TAX INVOICE');
  });

  it('prints a goodwill credit of an amount (no quantity) under EU VAT with the VAT id and the VAT reversed', async () => {
    const goodwill: CreditNoteSource = {
      ...returned, reason: 'goodwill', note: null, currency: 'EUR', jurisdiction: { kind: 'EU_VAT', stateCode: null }, placeOfSupply: null,
      lines: [{ description: 'Labour', quantity: null, taxable: true, amountMinor: 1_000, taxComponents: [{ name: 'VAT', rateBps: 1900, amountMinor: 190 }], totalMinor: 1_190 }],
      taxSummary: [{ name: 'VAT', rateBps: 1900, amountMinor: 190 }], subtotalMinor: 1_000, taxableSubtotalMinor: 1_000, taxTotalMinor: 190, grandTotalMinor: 1_190,
    };
    const text = await pdfText(await renderTaxDocument(creditNoteDocument({ ...parties, location: { ...parties.location, taxId: { scheme: 'EU_VAT', value: 'DE123456789' }, timezone: 'Europe/Berlin' }, creditNote: goodwill, invoiceIssuedAt: null })));
    for (const expected of ['Reason Goodwill', 'VAT ID DE123456789', 'Labour €10.00 VAT 19% €1.90 €11.90', 'VAT 19% €1.90', 'Total credited €11.90']) expect(text).toContain(expected);
    expect(text).not.toContain('Place of supply');
    expect(text).not.toContain('Invoice date');
  });
});
