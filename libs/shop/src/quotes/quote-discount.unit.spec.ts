import fc from 'fast-check';
import { given } from '@workbay/eventstore/testing';
import { invoiceDecider, IssueInvoice } from '../invoices/invoice.decider';
import { InvoiceIssued } from '../invoices/invoice.events';
import { CreateQuote, quoteDecider, QuoteState, SendQuote } from './quote.decider';
import { DiscountAlreadyApplied, DiscountCurrencyMismatch, DiscountNeedsApproval, InvalidQuoteDiscount } from './quote.errors';
import { QuoteEvent, QuoteLine, QuoteRevised } from './quote.events';
import { allocateDiscount, discountNeedsApproval, discountOf } from './quote-discount.rules';
import { quoteDiscountThresholdDecider, thresholdFor } from './quote-discount-threshold.decider';
import { lineTotalMinor } from './quote-totals.rules';

// 1.5 h x 1,200.00 = 1,800.00 and pads 3,500.00 taxable; fluid 0.75 l x 450.50 = 337.88 untaxed: subtotal 5,637.88 INR.
const labor: QuoteLine = { lineId: 'l1', kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true };
const pads: QuoteLine = { lineId: 'l2', kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true };
const fluid: QuoteLine = { lineId: 'l3', kind: 'part', description: 'Brake fluid (litres)', quantity: 0.75, unitPriceMinor: 45_050, taxable: false };
const SUBTOTAL = 563_788;

const create = (discountMinor?: number): CreateQuote => ({
  type: 'CreateQuote', quoteId: 'q-1', customerId: 'cus-1', vehicleId: 'veh-1', currency: 'INR', lines: [labor, pads, fluid],
  discountMinor, createdAt: '2025-03-01T09:00:00.000Z', actor: 'advisor-asha',
});
const send = (maxPercent: number | null, maxAmountMinor: number | null = null): SendQuote => ({
  type: 'SendQuote', sentAt: '2025-03-01T10:00:00.000Z', actor: 'advisor-asha', discountThreshold: { maxPercent, maxAmountMinor },
});
const apply = (amountMinor: number, requestId = 'req-1', currency = 'INR') => ({
  type: 'ApplyApprovedDiscount' as const, requestId, discount: { amountMinor, currency }, appliedAt: '2025-03-01T09:30:00.000Z', actor: 'system:approvals.routing',
});
const history = (...commands: Parameters<typeof quoteDecider.decide>[0][]): QuoteEvent[] => {
  const events: QuoteEvent[] = [];
  for (const command of commands) events.push(...quoteDecider.decide(command, given(quoteDecider, events).state));
  return events;
};
const stateOf = (events: QuoteEvent[]): QuoteState => given(quoteDecider, events).state;
const linesOf = (state: QuoteState) => (state.status === 'none' ? [] : state.lines);

describe('Quote discounts', () => {
  it('shares a discount out over the lines in proportion to their totals, adding up to it exactly', () => {
    const lines = linesOf(stateOf(history(create(100_000))));
    expect(lines.map((l) => l.discountMinor)).toEqual([31_927, 62_080, 5_993]);
    expect(discountOf(lines)).toBe(100_000);
  });

  it('keeps lines without a discount as they were before discounts existed', () => {
    const [created] = history(create());
    expect(created.data).not.toHaveProperty('discountMinor');
    expect((created as Extract<QuoteEvent, { type: 'QuoteCreated' }>).data.lines).toEqual([labor, pads, fluid]);
  });

  it('refuses a discount above the subtotal or not whole, naming discountMinor', () => {
    expect(() => quoteDecider.decide(create(SUBTOTAL + 1), { status: 'none' })).toThrow(InvalidQuoteDiscount);
    expect(() => quoteDecider.decide(create(10.5), { status: 'none' })).toThrow(InvalidQuoteDiscount);
    expect(() => quoteDecider.decide(create(-1), { status: 'none' })).toThrow(expect.objectContaining({ field: 'discountMinor' }));
  });

  it('refuses to send a quote whose discount is above the percent threshold, naming the request to file', () => {
    const events = history(create(100_000)); // 17.7 %
    const refusal = (() => { try { quoteDecider.decide(send(10), stateOf(events)); } catch (e) { return e; } })();
    expect(refusal).toBeInstanceOf(DiscountNeedsApproval);
    expect(refusal).toMatchObject({ code: 'DISCOUNT_NEEDS_APPROVAL', field: 'discountMinor', discountMinor: 100_000 });
    expect((refusal as Error).message).toContain("type: 'discount', link: { kind: 'quote', id: 'q-1' }");
  });

  it('sends a discounted quote at or under the threshold, and any discount when the shop set none', () => {
    expect(quoteDecider.decide(send(20), stateOf(history(create(100_000))))[0].type).toBe('QuoteSent');
    expect(quoteDecider.decide(send(null, 100_000), stateOf(history(create(100_000))))[0].type).toBe('QuoteSent');
    expect(() => quoteDecider.decide(send(null, 99_999), stateOf(history(create(100_000))))).toThrow(DiscountNeedsApproval);
    expect(quoteDecider.decide({ ...send(null), discountThreshold: null }, stateOf(history(create(100_000))))[0].type).toBe('QuoteSent');
  });

  it('applies an approved discount as a revision (back to draft), after which the quote sends', () => {
    const events = history(create(100_000), apply(100_000));
    const revised = events[1] as QuoteRevised;
    expect(revised.data).toMatchObject({ revision: 2, approvedDiscount: { requestId: 'req-1', amountMinor: 100_000 } });
    expect(discountOf(revised.data.lines)).toBe(100_000);
    expect(quoteDecider.decide(send(10), stateOf(events))[0].type).toBe('QuoteSent');
  });

  it('applies the approved amount even to a quote that carried another discount or none', () => {
    const events = history(create(), apply(50_000));
    expect(discountOf(linesOf(stateOf(events)))).toBe(50_000);
  });

  it('asks for approval again when a revision raises the discount past the approved amount', () => {
    const approved = history(create(100_000), apply(100_000));
    const raised = history(create(100_000), apply(100_000), { type: 'ReviseQuote', lines: [labor, pads, fluid], discountMinor: 120_000, revisedAt: '2025-03-01T09:40:00.000Z', actor: 'advisor-asha' });
    expect(() => quoteDecider.decide(send(10), stateOf(raised))).toThrow(DiscountNeedsApproval);
    const lowered = history(create(100_000), apply(100_000), { type: 'ReviseQuote', lines: [labor, pads], discountMinor: 80_000, revisedAt: '2025-03-01T09:40:00.000Z', actor: 'advisor-asha' });
    expect(quoteDecider.decide(send(10), stateOf(lowered))[0].type).toBe('QuoteSent');
    expect(approved).toHaveLength(2);
  });

  it('keeps the current discount when a revision does not name one', () => {
    const events = history(create(100_000), { type: 'ReviseQuote', lines: [labor, pads], revisedAt: '2025-03-01T09:40:00.000Z', actor: 'advisor-asha' });
    expect(discountOf(linesOf(stateOf(events)))).toBe(100_000);
  });

  it('refuses the same approval twice (409) and an approval in another currency (422)', () => {
    const events = history(create(100_000), apply(100_000));
    expect(() => quoteDecider.decide(apply(100_000), stateOf(events))).toThrow(DiscountAlreadyApplied);
    expect(() => quoteDecider.decide(apply(100_000, 'req-2', 'USD'), stateOf(events))).toThrow(DiscountCurrencyMismatch);
  });

  it('never gives a line more discount than its total, and the shares always add up (any lines, any discount)', () => {
    const line = fc.record({ quantity: fc.integer({ min: 1, max: 10_000 }).map((h) => h / 100), unitPriceMinor: fc.integer({ min: 0, max: 1_000_000 }) });
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (raw, fraction) => {
      const lines = raw.map((l, i) => ({ ...l, lineId: `l${i}`, taxable: i % 2 === 0 }));
      const subtotal = lines.reduce((sum, l) => sum + lineTotalMinor(l), 0);
      const discount = Math.floor(subtotal * fraction);
      const shared = allocateDiscount(lines, discount);
      expect(discountOf(shared)).toBe(discount);
      for (const l of shared) expect((l.discountMinor ?? 0) <= lineTotalMinor(l) && (l.discountMinor ?? 0) >= 0).toBe(true);
    }));
  });

  it('compares the percent limit exactly in integers', () => {
    expect(discountNeedsApproval(1_000, 10_000, { maxPercent: 10, maxAmountMinor: null })).toBe(false);
    expect(discountNeedsApproval(1_001, 10_000, { maxPercent: 10, maxAmountMinor: null })).toBe(true);
    expect(discountNeedsApproval(1_250, 10_000, { maxPercent: 12.5, maxAmountMinor: null })).toBe(false);
  });

  it("does not hold a quote in another currency to the shop's amount limit", () => {
    const state = given(quoteDiscountThresholdDecider, quoteDiscountThresholdDecider.decide(
      { type: 'SetQuoteDiscountThreshold', maxPercent: 5, maxAmountMinor: 1_000, currency: 'INR', setAt: '2025-03-01T08:00:00.000Z', actor: 'owner' },
      { status: 'none' },
    )).state;
    expect(thresholdFor(state, 'INR')).toEqual({ maxPercent: 5, maxAmountMinor: 1_000 });
    expect(thresholdFor(state, 'USD')).toEqual({ maxPercent: 5, maxAmountMinor: null });
  });
});

describe('Invoice of a discounted quote', () => {
  it('taxes and bills each line after its share of the discount', () => {
    const lines = linesOf(stateOf(history(create(100_000))));
    const command: IssueInvoice = {
      type: 'IssueInvoice', invoiceId: 'inv-1', number: 'INV-000001',
      repairOrder: { repairOrderId: 'ro-1', status: 'approved', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1', currency: 'INR', lines },
      jurisdiction: { kind: 'IN_GST', stateCode: '29' }, issuedAt: '2025-03-01T12:00:00.000Z', actor: 'advisor-asha',
    };
    const { data } = invoiceDecider.decide(command, invoiceDecider.initialState())[0] as InvoiceIssued;
    // Taxable base: 1,800.00 - 319.27 + 3,500.00 - 620.80 = 4,359.93; CGST and SGST 9 % each = 392.39 (392.3937 rounded) each.
    expect(data.lines.map((l) => [l.lineId, l.discountMinor, l.amount.amountMinor])).toEqual([['l1', 31_927, 148_073], ['l2', 62_080, 287_920], ['l3', 5_993, 27_795]]);
    expect(data.subtotal.amountMinor).toBe(SUBTOTAL - 100_000);
    expect(data.taxableSubtotal.amountMinor).toBe(435_993);
    expect(data.taxSummary.map((c) => [c.name, c.amount.amountMinor])).toEqual([['CGST', 39_239], ['SGST', 39_239]]);
    expect(data.grandTotal.amountMinor).toBe(SUBTOTAL - 100_000 + 2 * 39_239);
  });
});
