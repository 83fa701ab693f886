import { given } from '@workbay/eventstore/testing';
import { at, issued, TOTAL } from './invoice-spec.fixtures';
import {
  balanceDueMinor, creditBalanceMinor, ExistingInvoice, InvalidInvoiceField, invoiceDecider, InvoiceState, NoteRefundFailed, PaymentNotFound, RefundNotFound,
} from './invoice.decider';
import { InvoiceCredited, InvoiceEvent, PaymentRecorded, PaymentRefunded } from './invoice.events';

const inr = (amountMinor: number) => ({ amountMinor, currency: 'INR' });

const paid = (amountMinor: number): InvoiceEvent[] => [
  { type: 'PaymentRecorded', data: { invoiceId: 'inv-1', paymentId: 'pay-1', method: 'stripe', amount: inr(amountMinor), reference: 'pi_1', receivedAt: at('13:00') } } satisfies PaymentRecorded,
  ...(amountMinor === TOTAL ? [{ type: 'InvoicePaid', data: { invoiceId: 'inv-1', amountPaid: inr(TOTAL), paidAt: at('13:00') } } as InvoiceEvent] : []),
];
const refunded = (refundId: string, amountMinor: number, extra: Partial<PaymentRefunded['data']> = {}): PaymentRefunded => ({
  type: 'PaymentRefunded', data: {
    invoiceId: 'inv-1', paymentId: 'pay-1', refundId, amount: inr(amountMinor), method: 'stripe', reason: 'goodwill', reference: `re_${refundId}`, refundedAt: at('14:00'), ...extra,
  },
});
// A credit note of 500.00 + 18% GST after the invoice was paid: a credit balance of 590.00.
const credited: InvoiceCredited = {
  type: 'InvoiceCredited', data: {
    invoiceId: 'inv-1', creditNoteId: 'cn-1', number: 'CN-000001', lines: [{ lineId: 'l1', quantityHundredths: 0, amountMinor: 50_000 }],
    taxSummary: [{ name: 'CGST', rateBps: 900, amount: inr(4_500) }, { name: 'SGST', rateBps: 900, amount: inr(4_500) }],
    subtotal: inr(50_000), taxTotal: inr(9_000), grandTotal: inr(59_000), creditedAt: at('13:30'),
  },
};

const failure = (overrides: Partial<NoteRefundFailed> = {}): NoteRefundFailed => ({
  type: 'NoteRefundFailed', paymentId: 'pay-1', refundId: 'r1', status: 'failed', reason: 'expired_or_canceled_card', failedAt: at('18:00'), actor: 'system:stripe-webhook',
  ...overrides,
});
const stateOf = (events: InvoiceEvent[]) => given(invoiceDecider, events).state as ExistingInvoice;

describe('Invoice: a refund that fails at Stripe after it was booked', () => {
  it('paid, refunded in part, the refund fails: it is reversed and the invoice is paid again, with the failure\'s instant', () => {
    const after = given(invoiceDecider, [...issued, ...paid(TOTAL), refunded('r1', 25_000)]).when(failure()).then([
      { type: 'PaymentRefundFailed', data: {
        invoiceId: 'inv-1', paymentId: 'pay-1', refundId: 'r1', reference: 're_r1', amount: inr(25_000), method: 'stripe', status: 'failed',
        reason: 'expired_or_canceled_card', failedAt: at('18:00'),
      } },
      { type: 'InvoicePaid', data: { invoiceId: 'inv-1', amountPaid: inr(TOTAL), paidAt: at('18:00') } },
    ]) as ExistingInvoice;
    expect(after).toMatchObject({ status: 'paid', paidMinor: TOTAL, paidAt: at('18:00') });
    expect(balanceDueMinor(after)).toBe(0);
    expect(after.payments[0]).toMatchObject({
      refundedMinor: 0,
      refunds: [expect.objectContaining({ refundId: 'r1', amountMinor: 25_000, failed: { status: 'failed', reason: 'expired_or_canceled_card', failedAt: at('18:00') } })],
    });
  });

  it('partly paid: the failed refund closes the receivable by its amount and the invoice stays partially paid', () => {
    const after = given(invoiceDecider, [...issued, ...paid(100_000), refunded('r1', 40_000)]).when(failure({ status: 'canceled', reason: null }))
      .then([expect.objectContaining({ type: 'PaymentRefundFailed', data: expect.objectContaining({ status: 'canceled', reason: 'unknown', amount: inr(40_000) }) })]) as ExistingInvoice;
    expect(after).toMatchObject({ status: 'partially_paid', paidMinor: 100_000, paidAt: null });
    expect(balanceDueMinor(after)).toBe(TOTAL - 100_000);
  });

  it('reverses exactly the refund that failed, not the other refunds of the payment', () => {
    const after = given(invoiceDecider, [...issued, ...paid(TOTAL), refunded('r1', 10_000), refunded('r2', 30_000)]).when(failure({ refundId: 'r2' }))
      .then([expect.objectContaining({ type: 'PaymentRefundFailed', data: expect.objectContaining({ refundId: 'r2', amount: inr(30_000) }) })]) as ExistingInvoice;
    expect(after).toMatchObject({ status: 'partially_paid', paidMinor: TOTAL - 10_000 });
    expect(after.payments[0].refundedMinor).toBe(10_000);
    expect(after.payments[0].refunds.map((r) => [r.refundId, r.failed?.status ?? null])).toEqual([['r1', null], ['r2', 'failed']]);
  });

  it('books a second notice of the same failure (a redelivery, refund.failed after refund.updated, canceled later) as nothing', () => {
    const history = [...issued, ...paid(TOTAL), refunded('r1', 25_000)];
    const once = [...history, ...invoiceDecider.decide(failure(), stateOf(history))];
    given(invoiceDecider, once).when(failure()).then([]);
    given(invoiceDecider, once).when(failure({ status: 'canceled', failedAt: at('19:00') })).then([]);
    expect(stateOf(once)).toMatchObject({ status: 'paid', paidMinor: TOTAL });
  });

  it('refuses a failure of a refund the payment never booked, naming refundId, and of an unknown payment', () => {
    const history = [...issued, ...paid(TOTAL), refunded('r1', 25_000)];
    given(invoiceDecider, history).when(failure({ refundId: 'r-unknown' })).thenThrows(RefundNotFound, { field: 'refundId', kind: 'not-found' });
    given(invoiceDecider, history).when(failure({ paymentId: 'pay-9' })).thenThrows(PaymentNotFound);
    given(invoiceDecider, [...issued, ...paid(TOTAL)]).when(failure()).thenThrows(RefundNotFound);
  });

  it('refuses a status that is not a failure, naming it', () => {
    given(invoiceDecider, [...issued, ...paid(TOTAL), refunded('r1', 25_000)])
      .when(failure({ status: 'succeeded' as NoteRefundFailed['status'] })).thenThrows(InvalidInvoiceField, { field: 'status' });
  });

  it('after the failure the payment can be refunded again up to what is collected', () => {
    const history = [...issued, ...paid(TOTAL), refunded('r1', TOTAL)];
    const failed = [...history, ...invoiceDecider.decide(failure(), stateOf(history))];
    const again = invoiceDecider.decide({ type: 'RefundPayment', refundId: 'r2', paymentId: 'pay-1', reference: 're_r2', refundedAt: at('19:00'), actor: 'finance' }, stateOf(failed));
    expect(again).toEqual([expect.objectContaining({ type: 'PaymentRefunded', data: expect.objectContaining({ refundId: 'r2', amount: inr(TOTAL) }) })]);
    // The failed refund's Stripe id is still known: re-announcing it books nothing.
    expect(invoiceDecider.decide({ type: 'RefundPayment', refundId: 'r3', paymentId: 'pay-1', reference: 're_r1', refundedAt: at('19:00'), actor: 'x' }, stateOf(failed))).toEqual([]);
  });

  it('a refund of a credit note\'s money that fails gives the customer their credit balance back; the invoice stays paid', () => {
    const history = [...issued, ...paid(TOTAL), credited, refunded('r1', 59_000, { creditNoteId: 'cn-1' })];
    expect(creditBalanceMinor(stateOf(history))).toBe(0);
    const after = given(invoiceDecider, history).when(failure())
      .then([expect.objectContaining({ type: 'PaymentRefundFailed', data: expect.objectContaining({ creditNoteId: 'cn-1', amount: inr(59_000) }) })]) as ExistingInvoice;
    expect(after).toMatchObject({ status: 'paid', paidMinor: TOTAL, paidAt: at('13:00') });
    expect(creditBalanceMinor(after)).toBe(59_000);
    expect(balanceDueMinor(after)).toBe(-59_000);
    // And the credit can be given back again with another refund.
    const again = invoiceDecider.decide({ type: 'RefundPayment', refundId: 'r2', paymentId: 'pay-1', creditNoteId: 'cn-1', refundedAt: at('19:00'), actor: 'finance' }, after as InvoiceState);
    expect(again).toEqual([expect.objectContaining({ data: expect.objectContaining({ amount: inr(59_000), creditNoteId: 'cn-1' }) })]);
  });
});
