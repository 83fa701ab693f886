import { given } from '@workbay/eventstore/testing';
import { balanceDueMinor, ExistingInvoice, invoiceDecider, InvoiceState, Overpayment } from '../invoices/invoice.decider';
import { InvoiceEvent, InvoiceIssued } from '../invoices/invoice.events';
import { TaxJurisdiction } from '../invoices/tax.rules';
import { QuoteLine } from '../quotes/quote.events';
import {
  creditNoteDecider, CreditNoteState, InvalidCreditNoteField, invoiceEventsFor, InvoiceNotCreditable, IssueCreditNoteDecision, LineOverCredited,
} from './credit-note.decider';
import { CreditNoteIssued } from './credit-note.events';
import { CreditLineRequest } from './credit-note.rules';

const at = (hhmm: string) => `2025-03-01T${hhmm}:00.000Z`;

// The brake job of the invoice's examples (paise): labor 1.5 h x 1,200.00 = 1,800.00 and pads
// 3,500.00 taxable; fluid 0.75 l x 450.50 = 337.88 untaxed. Karnataka: CGST 477.00 + SGST 477.00,
// grand total 6,591.88.
const labor: QuoteLine = { lineId: 'l1', kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true };
const pads: QuoteLine = { lineId: 'l2', kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true };
const fluid: QuoteLine = { lineId: 'l3', kind: 'part', description: 'Brake fluid (litres)', quantity: 0.75, unitPriceMinor: 45_050, taxable: false };

function invoiceWith(jurisdiction: TaxJurisdiction, lines: QuoteLine[], currency = 'INR', placeOfSupplyStateCode: string | null = null): InvoiceEvent[] {
  return invoiceDecider.decide({
    type: 'IssueInvoice', invoiceId: 'inv-1', number: 'INV-000001', jurisdiction, placeOfSupplyStateCode, issuedAt: at('12:00'), actor: 'advisor-asha',
    repairOrder: { repairOrderId: 'ro-1', status: 'approved', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1', currency, lines },
  }, invoiceDecider.initialState());
}

const KARNATAKA: TaxJurisdiction = { kind: 'IN_GST', stateCode: '29' };
const brakeJob = () => invoiceWith(KARNATAKA, [labor, pads, fluid]);

const stateOf = (history: InvoiceEvent[]): ExistingInvoice => {
  const s = given(invoiceDecider, history).state;
  if (s.status === 'none') throw new Error('no invoice');
  return s;
};

let n = 0;
function credit(history: InvoiceEvent[], lines: CreditLineRequest[], reason: unknown = 'goodwill'): { issued: CreditNoteIssued['data']; after: InvoiceEvent[] } {
  const invoice = stateOf(history);
  n += 1;
  const command: IssueCreditNoteDecision = {
    type: 'IssueCreditNote', creditNoteId: `cn-${n}`, number: `CN-00000${n}`, invoice, reason, lines, issuedAt: at('16:00'), actor: 'finance-fay',
  };
  const [event] = creditNoteDecider.decide(command, creditNoteDecider.initialState());
  const issued = (event as CreditNoteIssued).data;
  return { issued, after: [...history, ...invoiceEventsFor(issued, invoice)] };
}

const refuse = (history: InvoiceEvent[], lines: CreditLineRequest[], reason: unknown = 'goodwill') => () => credit(history, lines, reason);

/** A credit note flattened to numbers, like the paper one. */
const figures = (d: CreditNoteIssued['data']) => ({
  lines: Object.fromEntries(d.lines.map((l) => [l.lineId, [l.amount.amountMinor, Object.fromEntries(l.components.map((c) => [c.name, c.amount.amountMinor]))]])),
  taxSummary: Object.fromEntries(d.taxSummary.map((c) => [c.name, c.amount.amountMinor])),
  subtotal: d.subtotal.amountMinor, taxTotal: d.taxTotal.amountMinor, grandTotal: d.grandTotal.amountMinor,
});

describe('CreditNote', () => {
  describe('GST intra-state (Karnataka): CGST and SGST reversed in equal halves', () => {
    it('credits 500.00 goodwill off the labor line with 45.00 CGST + 45.00 SGST: 590.00 in all', () => {
      const { issued } = credit(brakeJob(), [{ lineId: 'l1', amountMinor: 50_000 }]);
      expect(figures(issued)).toEqual({
        lines: { l1: [50_000, { CGST: 4_500, SGST: 4_500 }] }, taxSummary: { CGST: 4_500, SGST: 4_500 }, subtotal: 50_000, taxTotal: 9_000, grandTotal: 59_000,
      });
      expect(issued).toMatchObject({ invoiceNumber: 'INV-000001', currency: 'INR', placeOfSupply: '29', reason: 'goodwill' });
    });

    it('rounds each half half-up on the amount credited so far: 0.50 then 0.50 reverse 5 + 5 then 4 + 4 paise (18 paise on 1.00, as charged)', () => {
      const first = credit(brakeJob(), [{ lineId: 'l1', amountMinor: 50 }]);
      expect(figures(first.issued).taxSummary).toEqual({ CGST: 5, SGST: 5 }); // 9% of 0.50 = 4.5 paise -> 5
      const second = credit(first.after, [{ lineId: 'l1', amountMinor: 50 }]);
      expect(figures(second.issued).taxSummary).toEqual({ CGST: 4, SGST: 4 }); // 9% of 1.00 = 9 paise, 5 already reversed
    });

    it('returns the pads and half an hour of labor: 5,100.00 taxable, CGST 459.00 = SGST 459.00, the untaxed fluid line untouched', () => {
      const { issued } = credit(brakeJob(), [{ lineId: 'l2', quantity: 1 }, { lineId: 'l1', quantity: 0.5 }], 'return');
      // 0.5 of 1.5 h of 1,800.00 = 600.00; 9% of 4,100.00 = 369.00 per half
      expect(figures(issued)).toEqual({
        lines: { l2: [350_000, { CGST: 31_500, SGST: 31_500 }], l1: [60_000, { CGST: 5_400, SGST: 5_400 }] },
        taxSummary: { CGST: 36_900, SGST: 36_900 }, subtotal: 410_000, taxTotal: 73_800, grandTotal: 483_800,
      });
      expect(issued.lines.map((l) => l.quantity)).toEqual([1, 0.5]);
    });

    it('prices returned litres of fluid so that returning all of them gives back exactly the line: 112.63 then 225.25 of 337.88, no tax', () => {
      const first = credit(brakeJob(), [{ lineId: 'l3', quantity: 0.25 }], 'return'); // 337.88 x 0.25/0.75 = 112.6267 -> 112.63
      expect(figures(first.issued)).toMatchObject({ lines: { l3: [11_263, {}] }, taxTotal: 0, grandTotal: 11_263 });
      const second = credit(first.after, [{ lineId: 'l3', quantity: 0.5 }], 'return');
      expect(figures(second.issued)).toMatchObject({ lines: { l3: [22_525, {}] }, grandTotal: 22_525 });
    });

    it('reverses the whole invoice to the paisa when every line is credited, and that settles it (InvoicePaid, receivable 0)', () => {
      const { issued, after } = credit(brakeJob(), [{ lineId: 'l1', quantity: 1.5 }, { lineId: 'l2', quantity: 1 }, { lineId: 'l3', quantity: 0.75 }], 'error');
      expect(figures(issued)).toMatchObject({ taxSummary: { CGST: 47_700, SGST: 47_700 }, subtotal: 563_788, grandTotal: 659_188 });
      expect(after.slice(-2).map((e) => e.type)).toEqual(['InvoiceCredited', 'InvoicePaid']);
      expect(balanceDueMinor(stateOf(after))).toBe(0);
      expect(stateOf(after).status).toBe('paid');
    });

    it('keeps CGST and SGST on UTGST territory equal too (Chandigarh: CGST 9% + UTGST 9%)', () => {
      const { issued } = credit(invoiceWith({ kind: 'IN_GST', stateCode: '04' }, [labor, pads, fluid]), [{ lineId: 'l1', amountMinor: 33_333 }]);
      expect(figures(issued).taxSummary).toEqual({ CGST: 3_000, UTGST: 3_000 }); // 9% of 333.33 = 29.99997 -> 30.00
    });
  });

  it('reverses IGST 18% as invoiced for an inter-state supply (Karnataka shop, place of supply Maharashtra 27)', () => {
    const history = invoiceWith(KARNATAKA, [labor, pads, fluid], 'INR', '27');
    expect((history[0] as InvoiceIssued).data.taxSummary.map((c) => [c.name, c.amount.amountMinor])).toEqual([['IGST', 95_400]]);
    const { issued } = credit(history, [{ lineId: 'l2', quantity: 1 }, { lineId: 'l1', amountMinor: 50 }], 'return');
    // 18% of 3,500.50 = 630.09; shared 630.00 to the pads and 0.09 to the 0.50 off labor
    expect(figures(issued)).toEqual({
      lines: { l2: [350_000, { IGST: 63_000 }], l1: [50, { IGST: 9 }] }, taxSummary: { IGST: 63_009 }, subtotal: 350_050, taxTotal: 63_009, grandTotal: 413_059,
    });
    expect(issued.placeOfSupply).toBe('27');
  });

  it('reduces the taxable amount and the VAT of a German invoice (19%): a returned part, then 10.00 goodwill on labor', () => {
    const history = invoiceWith({ kind: 'EU_VAT', country: 'DE' }, [
      { lineId: 'a', kind: 'labor', description: 'Inspektion', quantity: 2, unitPriceMinor: 8_500, taxable: true },
      { lineId: 'b', kind: 'part', description: 'Ölfilter', quantity: 1, unitPriceMinor: 4_999, taxable: true },
    ], 'EUR');
    // invoice: 219.99 net, VAT 19% = 41.7981 -> 41.80, 261.79 gross
    expect((history[0] as InvoiceIssued).data.grandTotal.amountMinor).toBe(26_179);
    const part = credit(history, [{ lineId: 'b', quantity: 1 }], 'return'); // 49.99 x 19% = 9.4981 -> 9.50
    expect(figures(part.issued)).toEqual({ lines: { b: [4_999, { VAT: 950 }] }, taxSummary: { VAT: 950 }, subtotal: 4_999, taxTotal: 950, grandTotal: 5_949 });
    const goodwill = credit(part.after, [{ lineId: 'a', amountMinor: 1_000 }]); // 59.99 x 19% = 11.3981 -> 11.40, less 9.50 = 1.90
    expect(figures(goodwill.issued)).toMatchObject({ taxSummary: { VAT: 190 }, grandTotal: 1_190 });
    expect(balanceDueMinor(stateOf(goodwill.after))).toBe(26_179 - 5_949 - 1_190);
  });

  it('credits yen without decimals: a 10% tax on ¥1,234 returned is ¥123 (123.4), then ¥5 goodwill reverses ¥1 (223.9 -> 224, less 223)', () => {
    const history = invoiceWith({ kind: 'US_SALES_TAX', rateBps: 1000 }, [
      { lineId: 'p', kind: 'part', description: 'Wiper blade', quantity: 1, unitPriceMinor: 1_234, taxable: true },
      { lineId: 'w', kind: 'labor', description: 'Fitting', quantity: 2, unitPriceMinor: 3_333, taxable: true },
    ], 'JPY');
    expect((history[0] as InvoiceIssued).data.taxTotal.amountMinor).toBe(790); // 10% of 7,900
    const returned = credit(history, [{ lineId: 'p', quantity: 1 }], 'return');
    expect(figures(returned.issued)).toMatchObject({ taxSummary: { SALES_TAX: 123 }, grandTotal: 1_357 });
    const goodwill1 = credit(returned.after, [{ lineId: 'w', amountMinor: 1_000 }]); // 2,234 -> 223.4 -> 223: 100
    expect(figures(goodwill1.issued)).toMatchObject({ taxSummary: { SALES_TAX: 100 }, grandTotal: 1_100 });
    const goodwill2 = credit(goodwill1.after, [{ lineId: 'w', amountMinor: 5 }]); // 2,239 -> 223.9 -> 224: 1
    expect(figures(goodwill2.issued)).toMatchObject({ taxSummary: { SALES_TAX: 1 }, grandTotal: 6 });
    expect(goodwill2.issued.currencyExponent).toBe(0);
  });

  it('credits fils (KWD, 3 decimals) under US sales tax 8.875%: returning the one part reverses the invoice exactly, 13.441 KWD', () => {
    const history = invoiceWith({ kind: 'US_SALES_TAX', rateBps: 887.5 }, [
      { lineId: 'x', kind: 'part', description: 'Battery', quantity: 1, unitPriceMinor: 12_345, taxable: true },
    ], 'KWD');
    const { issued } = credit(history, [{ lineId: 'x', quantity: 1 }], 'return'); // 12.345 x 8.875% = 1.09561875 -> 1.096
    expect(figures(issued)).toEqual({ lines: { x: [12_345, { SALES_TAX: 1_096 }] }, taxSummary: { SALES_TAX: 1_096 }, subtotal: 12_345, taxTotal: 1_096, grandTotal: 13_441 });
    expect(issued.grandTotal).toEqual((history[0] as InvoiceIssued).data.grandTotal);
  });

  describe('never more than is left on a line', () => {
    it('refuses goodwill above the line\'s pre-tax amount (422 naming lines[0].amountMinor)', () => {
      expect(refuse(brakeJob(), [{ lineId: 'l1', amountMinor: 180_001 }])).toThrow(LineOverCredited);
      expect(refuse(brakeJob(), [{ lineId: 'l1', amountMinor: 180_001 }])).toThrow(/lines\[0\]\.amountMinor/);
    });

    it('refuses returning more than was billed, counting earlier returns (lines[0].quantity)', () => {
      const first = credit(brakeJob(), [{ lineId: 'l1', quantity: 1 }], 'return');
      expect(refuse(first.after, [{ lineId: 'l1', quantity: 0.75 }], 'return')).toThrow(/lines\[0\]\.quantity: 0.75 is more than the 0.5/);
    });

    it('refuses a return whose amount was already credited as goodwill', () => {
      const goodwill = credit(brakeJob(), [{ lineId: 'l1', amountMinor: 100_000 }]);
      expect(refuse(goodwill.after, [{ lineId: 'l1', quantity: 1.5 }], 'return')).toThrow(/lines\[0\]\.quantity: 180000 INR minor units is more than the 80000/);
    });

    it('refuses unknown and twice-named lines, and a line with both or neither of quantity and amount', () => {
      expect(refuse(brakeJob(), [{ lineId: 'nope', amountMinor: 1 }])).toThrow(/lines\[0\]\.lineId/);
      expect(refuse(brakeJob(), [{ lineId: 'l1', amountMinor: 1 }, { lineId: 'l1', amountMinor: 1 }])).toThrow(/lines\[1\]\.lineId/);
      expect(refuse(brakeJob(), [{ lineId: 'l1', amountMinor: 1, quantity: 1 }])).toThrow(InvalidCreditNoteField);
      expect(refuse(brakeJob(), [{ lineId: 'l1' }])).toThrow(InvalidCreditNoteField);
      expect(refuse(brakeJob(), [])).toThrow(/^lines:/);
    });
  });

  it('needs a reason from the list', () => {
    expect(refuse(brakeJob(), [{ lineId: 'l1', amountMinor: 1 }], null)).toThrow(/^reason: say why/);
    expect(refuse(brakeJob(), [{ lineId: 'l1', amountMinor: 1 }], 'because')).toThrow(/^reason: must be one of/);
  });

  it('refuses to credit a void invoice (void is for invoices nothing is paid on; a credit note for issued ones)', () => {
    const voided = [...brakeJob(), { type: 'InvoiceVoided', data: { invoiceId: 'inv-1', reason: 'wrong customer', voidedAt: at('13:00') } } as InvoiceEvent];
    expect(refuse(voided, [{ lineId: 'l1', amountMinor: 1 }])).toThrow(InvoiceNotCreditable);
  });

  it('issues a credit note once', () => {
    const { issued } = credit(brakeJob(), [{ lineId: 'l1', amountMinor: 100 }]);
    const state: CreditNoteState = given(creditNoteDecider, [{ type: 'CreditNoteIssued' as const, data: issued }]).state;
    expect(() => creditNoteDecider.decide({
      type: 'IssueCreditNote', creditNoteId: issued.creditNoteId, number: 'CN-9', invoice: stateOf(brakeJob()), reason: 'goodwill', lines: [{ lineId: 'l1', amountMinor: 1 }], issuedAt: at('17:00'), actor: 'x',
    }, state)).toThrow(/already issued/);
  });

  describe('the receivable: grand total - credited - (paid - refunded)', () => {
    const paidInFull = (): InvoiceEvent[] => [...brakeJob(), ...invoiceDecider.decide(
      { type: 'RecordPayment', paymentId: 'p1', method: 'cash', amountMinor: 659_188, receivedAt: at('13:00'), actor: 'desk' }, stateOf(brakeJob()))];

    it('a goodwill credit after payment in full is a credit balance, and refunding it leaves the invoice paid at 0 owed', () => {
      const { after } = credit(paidInFull(), [{ lineId: 'l1', amountMinor: 50_000 }]);
      expect(after[after.length - 1].type).toBe('InvoiceCredited');
      expect(balanceDueMinor(stateOf(after))).toBe(-59_000);
      const refunded = [...after, ...invoiceDecider.decide(
        { type: 'RefundPayment', refundId: 'r1', paymentId: 'p1', amountMinor: 59_000, refundedAt: at('17:00'), actor: 'finance' }, stateOf(after))];
      const state = stateOf(refunded);
      expect([balanceDueMinor(state), state.status, state.paidMinor, state.creditedMinor]).toEqual([0, 'paid', 600_188, 59_000]);
      expect(state.paidAt).toBe(at('13:00'));
    });

    it('a refund citing the credit note gives back at most the credit balance, by default all of it', () => {
      const { after, issued } = credit(paidInFull(), [{ lineId: 'l1', amountMinor: 50_000 }]);
      const refundCredit = (amountMinor?: number) => invoiceDecider.decide(
        { type: 'RefundPayment', refundId: 'r1', paymentId: 'p1', amountMinor, creditNoteId: issued.creditNoteId, refundedAt: at('17:00'), actor: 'finance' }, stateOf(after));
      expect(() => refundCredit(59_001)).toThrow(/^amountMinor: 59001 is more than the credit balance of 59000/);
      const [refunded] = refundCredit();
      expect(refunded).toMatchObject({ type: 'PaymentRefunded', data: { amount: { amountMinor: 59_000 }, creditNoteId: issued.creditNoteId } });
      expect(() => invoiceDecider.decide({ type: 'RefundPayment', refundId: 'r2', paymentId: 'p1', creditNoteId: issued.creditNoteId, refundedAt: at('18:00'), actor: 'f' },
        stateOf([...after, refunded]))).toThrow(/credit balance of 0/);
    });

    it('a money refund with no credit note behind it re-opens the receivable as before', () => {
      const history = paidInFull();
      const refunded = [...history, ...invoiceDecider.decide(
        { type: 'RefundPayment', refundId: 'r1', paymentId: 'p1', amountMinor: 59_000, refundedAt: at('17:00'), actor: 'finance' }, stateOf(history))];
      expect([balanceDueMinor(stateOf(refunded)), stateOf(refunded).status]).toEqual([59_000, 'partially_paid']);
    });

    it('a credit before payment lowers what can be paid: paying the old total is an overpayment', () => {
      const { after } = credit(brakeJob(), [{ lineId: 'l1', amountMinor: 50_000 }]);
      const state: InvoiceState = stateOf(after);
      expect(balanceDueMinor(stateOf(after))).toBe(600_188);
      expect(() => invoiceDecider.decide({ type: 'RecordPayment', paymentId: 'p1', method: 'cash', amountMinor: 659_188, receivedAt: at('17:00'), actor: 'desk' }, state))
        .toThrow(Overpayment);
      const settled = invoiceDecider.decide({ type: 'RecordPayment', paymentId: 'p1', method: 'cash', amountMinor: 600_188, receivedAt: at('17:00'), actor: 'desk' }, state);
      expect(settled.map((e) => e.type)).toEqual(['PaymentRecorded', 'InvoicePaid']);
    });
  });
});
