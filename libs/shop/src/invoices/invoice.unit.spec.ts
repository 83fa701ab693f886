import fc from 'fast-check';
import { given } from '@workbay/eventstore/testing';
import { QuoteLine } from '../quotes/quote.events';
import {
  balanceDueMinor,
  InvalidInvoiceField,
  InvoiceAlreadyIssued,
  InvoiceCommand,
  invoiceDecider,
  InvoiceHasPayments,
  InvoiceLocationRequired,
  InvoiceNotPayable,
  InvoiceState,
  IssueInvoice,
  Overpayment,
  PaymentFullyRefunded,
  PaymentNotFound,
  PaymentCurrencyMismatch,
  PaymentReferenceConflict,
  RecordPayment,
  RefundExceedsPayment,
  RefundPayment,
  RepairOrderNotInvoiceable,
} from './invoice.decider';
import { InvoiceEvent, InvoiceIssued, PaymentRecorded } from './invoice.events';
import { formatInvoiceNumber, invoiceNumberAssigned } from './invoice-number.rules';
import { TaxJurisdiction } from './tax.rules';

const at = (hhmm: string) => `2025-03-01T${hhmm}:00.000Z`;
const KARNATAKA: TaxJurisdiction = { kind: 'IN_GST', stateCode: '29' };

// The brake job of the tax engine's examples, as repair order lines (amounts in paise):
// labor 1.5 h x 1,200.00 = 1,800.00 and pads 3,500.00 taxable; fluid 0.75 l x 450.50 = 337.875 -> 337.88 untaxed.
const labor: QuoteLine = { lineId: 'l1', kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120_000, taxable: true };
const pads: QuoteLine = { lineId: 'l2', kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 350_000, taxable: true };
const fluid: QuoteLine = { lineId: 'l3', kind: 'part', description: 'Brake fluid (litres)', quantity: 0.75, unitPriceMinor: 45_050, taxable: false };

const issue = (overrides: Partial<IssueInvoice> = {}, ro: Partial<IssueInvoice['repairOrder']> = {}): IssueInvoice => ({
  type: 'IssueInvoice', invoiceId: 'inv-1', number: 'INV-000001',
  repairOrder: { repairOrderId: 'ro-1', status: 'approved', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1', currency: 'INR', lines: [labor, pads, fluid], ...ro },
  jurisdiction: KARNATAKA, issuedAt: at('12:00'), actor: 'advisor-asha', ...overrides,
});

/** The issued invoice flattened to numbers, so a table row reads like the paper invoice. */
const summary = ([event]: InvoiceEvent[]) => {
  const d = (event as InvoiceIssued).data;
  return {
    placeOfSupply: d.placeOfSupply,
    taxSummary: Object.fromEntries(d.taxSummary.map((c) => [c.name, [c.rateBps, c.amount.amountMinor]])),
    lines: Object.fromEntries(d.lines.map((l) => [l.lineId, [l.amount.amountMinor, Object.fromEntries(l.components.map((c) => [c.name, c.amount.amountMinor]))]])),
    subtotal: d.subtotal.amountMinor, taxTotal: d.taxTotal.amountMinor, grandTotal: d.grandTotal.amountMinor,
  };
};

const issuedEvents = (command = issue()) => invoiceDecider.decide(command, invoiceDecider.initialState());
const issued = issuedEvents()[0] as InvoiceIssued; // grand total 6,591.88 INR

const pay = (amountMinor: number, overrides: Partial<RecordPayment> = {}): RecordPayment => ({
  type: 'RecordPayment', paymentId: `pay-${amountMinor}`, method: 'cash', amountMinor, receivedAt: at('13:00'), actor: 'desk-dev', ...overrides,
});
const paid = (amountMinor: number, overrides: Partial<PaymentRecorded['data']> = {}): PaymentRecorded => ({
  type: 'PaymentRecorded',
  data: { invoiceId: 'inv-1', paymentId: `pay-${amountMinor}`, method: 'cash', amount: { amountMinor, currency: 'INR' }, reference: null, receivedAt: at('13:00'), ...overrides },
});
const refund = (paymentId: string, amountMinor?: number, overrides: Partial<RefundPayment> = {}): RefundPayment => ({
  type: 'RefundPayment', refundId: 'ref-1', paymentId, amountMinor, refundedAt: at('15:00'), actor: 'finance-fay', ...overrides,
});

const stateAfter = (history: InvoiceEvent[]): InvoiceState => given(invoiceDecider, history).state;
const existing = (state: InvoiceState) => {
  if (state.status === 'none') throw new Error('no invoice');
  return state;
};

describe('Invoice', () => {
  describe('issuing from an approved repair order', () => {
    it.each([
      {
        // Same state: taxable 5,300.00; CGST 9% = 477.00 and SGST 9% = 477.00; fluid untaxed; 5,637.88 + 954.00 = 6,591.88.
        name: 'charges CGST 9% + SGST 9% when the place of supply defaults to the location\'s state (Karnataka, 29)',
        command: issue(),
        expected: {
          placeOfSupply: '29', taxSummary: { CGST: [900, 47_700], SGST: [900, 47_700] },
          lines: { l1: [180_000, { CGST: 16_200, SGST: 16_200 }], l2: [350_000, { CGST: 31_500, SGST: 31_500 }], l3: [33_788, {}] },
          subtotal: 563_788, taxTotal: 95_400, grandTotal: 659_188,
        },
      },
      {
        // Supplied to Maharashtra (27) from Karnataka: IGST 18% on 5,300.00 = 954.00, one component.
        name: 'charges IGST 18% when the place of supply is another state (27, Maharashtra)',
        command: issue({ placeOfSupplyStateCode: '27' }),
        expected: {
          placeOfSupply: '27', taxSummary: { IGST: [1800, 95_400] },
          lines: { l1: [180_000, { IGST: 32_400 }], l2: [350_000, { IGST: 63_000 }], l3: [33_788, {}] },
          subtotal: 563_788, taxTotal: 95_400, grandTotal: 659_188,
        },
      },
      {
        // Two lines of 10.05 INR: 9% of 20.10 = 1.809 -> 1.81 per component (per-line rounding would give 0.90 + 0.90 = 1.80);
        // the extra paisa goes to the first line (equal remainders, earlier line first).
        name: 'rounds each component once on the invoice, half-up to the paisa, and shares it out over the lines',
        command: issue({}, {
          lines: [
            { lineId: 'a', kind: 'part', description: 'Valve cap', quantity: 1, unitPriceMinor: 1_005, taxable: true },
            { lineId: 'b', kind: 'part', description: 'Valve cap', quantity: 1, unitPriceMinor: 1_005, taxable: true },
          ],
        }),
        expected: {
          placeOfSupply: '29', taxSummary: { CGST: [900, 181], SGST: [900, 181] },
          lines: { a: [1_005, { CGST: 91, SGST: 91 }], b: [1_005, { CGST: 90, SGST: 90 }] },
          subtotal: 2_010, taxTotal: 362, grandTotal: 2_372,
        },
      },
      {
        // Germany: VAT 19% of 5,300.00 = 1,007.00; no place of supply outside Indian GST.
        name: 'charges EU VAT at the location country\'s rate, with no place of supply',
        command: issue({ jurisdiction: { kind: 'EU_VAT', country: 'DE' } }, { currency: 'EUR' }),
        expected: {
          placeOfSupply: null, taxSummary: { VAT: [1900, 100_700] },
          lines: { l1: [180_000, { VAT: 34_200 }], l2: [350_000, { VAT: 66_500 }], l3: [33_788, {}] },
          subtotal: 563_788, taxTotal: 100_700, grandTotal: 664_488,
        },
      },
    ])('$name', ({ command, expected }) => {
      const events = issuedEvents(command);
      expect(events).toHaveLength(1);
      expect(summary(events)).toEqual(expected);
    });

    it('records who, what and where on InvoiceIssued and leaves a balance of the grand total', () => {
      expect(issued.data).toMatchObject({
        invoiceId: 'inv-1', number: 'INV-000001', repairOrderId: 'ro-1', customerId: 'cus-1', vehicleId: 'veh-1', locationId: 'loc-1',
        currency: 'INR', currencyExponent: 2, jurisdiction: KARNATAKA, issuedAt: at('12:00'),
      });
      expect(issued.data.lines[2]).toMatchObject({ lineId: 'l3', description: 'Brake fluid (litres)', taxable: false, tax: { amountMinor: 0 }, total: { amountMinor: 33_788 } });
      const state = existing(given(invoiceDecider).when(issue()).then([issued]));
      expect([state.status, balanceDueMinor(state)]).toEqual(['issued', 659_188]);
    });

    it('is paid the moment it is issued when there is nothing to collect', () => {
      const free: QuoteLine = { ...labor, unitPriceMinor: 0 };
      const events = issuedEvents(issue({}, { lines: [free] }));
      expect(events.map((e) => e.type)).toEqual(['InvoiceIssued', 'InvoicePaid']);
    });

    it.each([
      { status: 'open' }, { status: 'awaiting_review' },
    ])('rejects invoicing a repair order that is $status with 409 naming its status', ({ status }) => {
      const error = given(invoiceDecider).when(issue({}, { status })).thenThrows(RepairOrderNotInvoiceable, { kind: 'conflict', message: new RegExp(`repair order is ${status}`) });
      expect(error.status).toBe(status);
    });

    it('rejects a second invoice for the same repair order with 409 naming the first', () => {
      given(invoiceDecider, [issued]).when(issue({ number: 'INV-000002' })).thenThrows(InvoiceAlreadyIssued, { kind: 'conflict', message: /INV-000001 is issued/ });
    });

    it('refuses a repair order with no location (no tax jurisdiction) with 422 naming locationId', () => {
      given(invoiceDecider).when(issue({ jurisdiction: null }, { locationId: null })).thenThrows(InvoiceLocationRequired, { kind: 'rule', field: 'locationId' });
    });

    it.each([
      { name: 'a state code that is not one', command: issue({ placeOfSupplyStateCode: '99' }) },
      { name: 'a place of supply outside Indian GST', command: issue({ jurisdiction: { kind: 'US_SALES_TAX', rateBps: 725 }, placeOfSupplyStateCode: '29' }, { currency: 'USD' }) },
    ])('names placeOfSupplyStateCode for $name (422)', ({ command }) => {
      given(invoiceDecider).when(command).thenThrows(InvalidInvoiceField, { kind: 'rule', field: 'placeOfSupplyStateCode' });
    });
  });

  describe('payments', () => {
    it('takes a partial cash payment, then a check settling the balance, and is paid', () => {
      const partial = existing(given(invoiceDecider, [issued]).when(pay(200_000)).then([paid(200_000)]));
      expect([partial.status, partial.paidMinor, balanceDueMinor(partial)]).toEqual(['partially_paid', 200_000, 459_188]);

      const check = pay(459_188, { method: 'check', reference: 'chq 004512', receivedAt: at('14:00') });
      const settled = existing(given(invoiceDecider, [issued, paid(200_000)]).when(check).then([
        paid(459_188, { method: 'check', reference: 'chq 004512', receivedAt: at('14:00') }),
        { type: 'InvoicePaid', data: { invoiceId: 'inv-1', amountPaid: { amountMinor: 659_188, currency: 'INR' }, paidAt: at('14:00') } },
      ]));
      expect([settled.status, balanceDueMinor(settled), settled.paidAt]).toEqual(['paid', 0, at('14:00')]);
    });

    it.each<{ name: string; history: InvoiceEvent[]; command: InvoiceCommand; error: Function; expected: Record<string, unknown> }>([
      { name: 'more than the balance (422 naming amountMinor)', history: [issued, paid(200_000)], command: pay(459_189), error: Overpayment, expected: { field: 'amountMinor', balanceDueMinor: 459_188 } },
      { name: 'anything once paid (422: the balance is 0)', history: [issued, paid(659_188)], command: pay(1, { paymentId: 'p2' }), error: Overpayment, expected: { field: 'amountMinor' } },
      { name: 'nothing (422 naming amountMinor)', history: [issued], command: pay(0), error: InvalidInvoiceField, expected: { field: 'amountMinor' } },
      { name: 'a fraction of a paisa (422 naming amountMinor)', history: [issued], command: pay(10.5), error: InvalidInvoiceField, expected: { field: 'amountMinor' } },
      { name: 'a Stripe payment without its PaymentIntent id (422 naming reference)', history: [issued], command: pay(100, { method: 'stripe' }), error: InvalidInvoiceField, expected: { field: 'reference' } },
      { name: 'Stripe money in another currency than the invoice (422 naming currency)', history: [issued], command: pay(100, { method: 'stripe', reference: 'pi_usd', currency: 'USD' }), error: PaymentCurrencyMismatch, expected: { field: 'currency' } },
      { name: 'an unknown method (422 naming method)', history: [issued], command: pay(100, { method: 'barter' as never }), error: InvalidInvoiceField, expected: { field: 'method' } },
      {
        name: 'a void invoice (409)', history: [issued, { type: 'InvoiceVoided', data: { invoiceId: 'inv-1', reason: 'wrong customer', voidedAt: at('12:30') } }],
        command: pay(100), error: InvoiceNotPayable, expected: { kind: 'conflict', status: 'void' },
      },
    ])('refuses $name', ({ history, command, error, expected }) => {
      given(invoiceDecider, history).when(command).thenThrows(error as never, expected);
    });

    it('records a payment with an external reference once: the same reference again records nothing', () => {
      const stripe = (paymentId: string) => pay(100_000, { paymentId, method: 'stripe', reference: 'pi_3Nabc' });
      const first = paid(100_000, { paymentId: 'p1', method: 'stripe', reference: 'pi_3Nabc' });
      given(invoiceDecider, [issued]).when(stripe('p1')).then([first]);
      given(invoiceDecider, [issued, first]).when(stripe('p2')).then([]);
      given(invoiceDecider, [issued, first]).when({ ...stripe('p2'), amountMinor: 99_000 }).thenThrows(PaymentReferenceConflict, { kind: 'conflict', field: 'reference' });
    });

    it('takes two card payments with the same last4 as two payments (a last4 names a card, not a payment)', () => {
      const card = paid(100_000, { paymentId: 'p1', method: 'card_present', reference: '4242' });
      const again = given(invoiceDecider, [issued, card]).when(pay(100_000, { paymentId: 'p2', method: 'card_present', reference: '4242' }));
      expect(again.then([paid(100_000, { paymentId: 'p2', method: 'card_present', reference: '4242' })])).toMatchObject({ paidMinor: 200_000 });
    });
  });

  describe('refunds', () => {
    const fullyPaid: InvoiceEvent[] = [
      issued, paid(659_188),
      { type: 'InvoicePaid', data: { invoiceId: 'inv-1', amountPaid: { amountMinor: 659_188, currency: 'INR' }, paidAt: at('13:00') } },
    ];

    it('re-opens the balance of a paid invoice by the amount refunded', () => {
      const state = existing(given(invoiceDecider, fullyPaid).when(refund('pay-659188', 50_000, { reason: 'pads returned' })).then([{
        type: 'PaymentRefunded',
        data: { invoiceId: 'inv-1', paymentId: 'pay-659188', refundId: 'ref-1', amount: { amountMinor: 50_000, currency: 'INR' }, method: 'cash', reason: 'pads returned', reference: null, refundedAt: at('15:00') },
      }]));
      expect([state.status, state.paidMinor, balanceDueMinor(state), state.paidAt]).toEqual(['partially_paid', 609_188, 50_000, null]);
    });

    it('refunds what is left of the payment when no amount is given, and the invoice is back to issued', () => {
      const state = existing(stateAfter([...fullyPaid, ...invoiceDecider.decide(refund('pay-659188'), stateAfter(fullyPaid))]));
      expect([state.status, state.paidMinor, balanceDueMinor(state)]).toEqual(['issued', 0, 659_188]);
      given(invoiceDecider, [...fullyPaid, ...invoiceDecider.decide(refund('pay-659188'), stateAfter(fullyPaid))])
        .when(refund('pay-659188', undefined, { refundId: 'ref-2' })).thenThrows(PaymentFullyRefunded, { kind: 'conflict' });
    });

    it.each<{ name: string; command: RefundPayment; error: Function; expected: Record<string, unknown> }>([
      { name: 'more than the payment (422 naming amountMinor)', command: refund('pay-659188', 659_189), error: RefundExceedsPayment, expected: { field: 'amountMinor', refundableMinor: 659_188 } },
      { name: 'a payment of another invoice (404)', command: refund('pay-elsewhere', 1), error: PaymentNotFound, expected: { kind: 'not-found' } },
    ])('refuses to refund $name', ({ command, error, expected }) => {
      given(invoiceDecider, fullyPaid).when(command).thenThrows(error as never, expected);
    });

    it('records a retried refund (same refund id) once', () => {
      const first = invoiceDecider.decide(refund('pay-659188', 1_000), stateAfter(fullyPaid));
      given(invoiceDecider, [...fullyPaid, ...first]).when(refund('pay-659188', 1_000)).then([]);
    });
  });

  describe('void', () => {
    const voidIt = { type: 'VoidInvoice' as const, reason: 'issued to the wrong customer', voidedAt: at('12:30'), actor: 'manager-mo' };

    it('voids an invoice nothing is paid on, once', () => {
      const state = given(invoiceDecider, [issued]).when(voidIt).then([{ type: 'InvoiceVoided', data: { invoiceId: 'inv-1', reason: voidIt.reason, voidedAt: at('12:30') } }]);
      given(invoiceDecider, [issued, { type: 'InvoiceVoided', data: { invoiceId: 'inv-1', reason: voidIt.reason, voidedAt: at('12:30') } }])
        .when(voidIt).thenThrows(InvoiceNotPayable, { kind: 'conflict' });
      expect(state.status).toBe('void');
    });

    it('refuses to void an invoice with money on it (409)', () => {
      given(invoiceDecider, [issued, paid(1_000)]).when(voidIt).thenThrows(InvoiceHasPayments, { kind: 'conflict', message: /1000 minor units paid/ });
    });
  });

  describe('Stripe deliveries: duplicated, shuffled, racing the counter', () => {
    const GRAND_TOTAL = issued.data.grandTotal.amountMinor;
    // Each webhook delivery becomes a RecordPayment with a payment id of its own (the event id);
    // the PaymentIntent id is the reference that makes a redelivery the same payment.
    const delivery = (intent: number, amountMinor: number, copy: number): RecordPayment =>
      pay(amountMinor, { paymentId: `evt-${intent}-${copy}`, method: 'stripe', reference: `pi_${intent}` });
    const intents = fc.array(fc.integer({ min: 1, max: 300_000 }), { minLength: 1, maxLength: 5 });
    const deliveries = (amounts: number[]) =>
      fc.tuple(...amounts.map(() => fc.integer({ min: 1, max: 3 }))).chain((copies) =>
        fc.shuffledSubarray(amounts.flatMap((amount, i) => Array.from({ length: copies[i] }, (_, c) => delivery(i, amount, c))), {
          minLength: copies.reduce((a, b) => a + b, 0),
        }));

    it('books each PaymentIntent once, whatever the order and the number of deliveries, and never more than the invoice total (property)', () => {
      fc.assert(fc.property(intents.chain((amounts) => fc.tuple(fc.constant(amounts), deliveries(amounts))), ([amounts, shuffled]) => {
        const history: InvoiceEvent[] = [issued];
        const refusedIntents = new Set<string>();
        for (const command of shuffled) {
          try {
            history.push(...invoiceDecider.decide(command, stateAfter(history)));
          } catch (error) {
            if (!(error instanceof Overpayment)) throw error;
            refusedIntents.add(command.reference!);
          }
        }
        const invoice = existing(stateAfter(history));
        const booked = invoice.payments.map((p) => p.reference);
        expect(new Set(booked).size).toBe(booked.length);
        expect(invoice.paidMinor).toBeLessThanOrEqual(GRAND_TOTAL);
        // What was refused (to be given back at Stripe) was never booked, and everything else was.
        for (const [i] of amounts.entries()) expect(booked.includes(`pi_${i}`) !== refusedIntents.has(`pi_${i}`)).toBe(true);
        expect(invoice.status).toBe(invoice.paidMinor === GRAND_TOTAL ? 'paid' : invoice.paidMinor > 0 ? 'partially_paid' : 'issued');
        // When everything fits, the order cannot matter: all of it is booked.
        if (amounts.reduce((a, b) => a + b, 0) <= GRAND_TOTAL) expect(invoice.paidMinor).toBe(amounts.reduce((a, b) => a + b, 0));
      }));
    });
  });

  describe('invoice numbers', () => {
    it('formats the sequence as INV- and six digits, more once past 999999', () => {
      expect(formatInvoiceNumber(1)).toBe('INV-000001');
      expect(formatInvoiceNumber(123)).toBe('INV-000123');
      expect(formatInvoiceNumber(1_234_567)).toBe('INV-1234567');
    });

    it('records the number with the invoice it was given to', () => {
      expect(invoiceNumberAssigned('inv-3', 3, at('12:00'))).toEqual({
        type: 'InvoiceNumberAssigned', data: { invoiceId: 'inv-3', sequence: 3, number: 'INV-000003', assignedAt: at('12:00') },
      });
    });
  });
});
