import { given } from '@workbay/eventstore/testing';
import { at, issued, TOTAL } from './invoice-spec.fixtures';
import { balanceDueMinor, DisputeExceedsPayment, invoiceDecider, InvoiceState, NoteStripeDispute, PaymentFullyRefunded, RefundExceedsPayment } from './invoice.decider';
import { InvoiceEvent, PaymentRecorded } from './invoice.events';

const paidByCard: InvoiceEvent[] = [
  { type: 'PaymentRecorded', data: { invoiceId: 'inv-1', paymentId: 'pay-1', method: 'stripe', amount: { amountMinor: TOTAL, currency: 'INR' }, reference: 'pi_1', receivedAt: at('13:00') } } satisfies PaymentRecorded,
  { type: 'InvoicePaid', data: { invoiceId: 'inv-1', amountPaid: { amountMinor: TOTAL, currency: 'INR' }, paidAt: at('13:00') } },
];

const dispute = (overrides: Partial<NoteStripeDispute> = {}): NoteStripeDispute => ({
  type: 'NoteStripeDispute', paymentId: 'pay-1', disputeId: 'du_1', amountMinor: TOTAL, currency: 'INR', reason: 'fraudulent',
  status: 'needs_response', fundsWithdrawn: true, openedAt: at('14:00'), at: at('14:01'), actor: 'system:stripe', ...overrides,
});

/** Decides each command on the state the ones before it left, as the webhooks arrive. */
function run(history: InvoiceEvent[], commands: NoteStripeDispute[]) {
  const events = [...history];
  for (const command of commands) events.push(...invoiceDecider.decide(command, given(invoiceDecider, events).state));
  const state = given(invoiceDecider, events).state as Exclude<InvoiceState, { status: 'none' }>;
  return { state, booked: events.slice(history.length) };
}

describe('Invoice: disputes of a Stripe payment', () => {
  const history = [...issued, ...paidByCard];

  it('reopens the receivable by what Stripe withdrew when the customer disputes the payment, and shows the dispute', () => {
    const { state, booked } = run(history, [dispute()]);
    expect(booked.map((e) => e.type)).toEqual(['PaymentDisputed']);
    expect(state).toMatchObject({ status: 'issued', paidMinor: 0, paidAt: null });
    expect(balanceDueMinor(state)).toBe(TOTAL);
    expect(state.payments[0]).toMatchObject({
      amountMinor: TOTAL, refundedMinor: 0, disputedMinor: TOTAL,
      disputes: [{ disputeId: 'du_1', amountMinor: TOTAL, reason: 'fraudulent', status: 'needs_response', withdrawnMinor: TOTAL, openedAt: at('14:00'), closedAt: null }],
    });
  });

  it('a partial dispute leaves the invoice partially paid', () => {
    const { state } = run(history, [dispute({ amountMinor: 100_000 })]);
    expect(state).toMatchObject({ status: 'partially_paid', paidMinor: TOTAL - 100_000 });
    expect(balanceDueMinor(state)).toBe(100_000);
  });

  it('won: the reinstated funds settle the invoice again (paid, with the instant)', () => {
    const { state, booked } = run(history, [dispute(), dispute({ status: 'under_review' }), dispute({ status: 'won', fundsWithdrawn: false, at: at('16:00') })]);
    expect(booked.map((e) => e.type)).toEqual(['PaymentDisputed', 'PaymentDisputeUpdated', 'PaymentDisputeUpdated', 'InvoicePaid']);
    expect(state).toMatchObject({ status: 'paid', paidMinor: TOTAL, paidAt: at('16:00') });
    expect(balanceDueMinor(state)).toBe(0);
    expect(state.payments[0]).toMatchObject({ disputedMinor: 0, disputes: [expect.objectContaining({ status: 'won', withdrawnMinor: 0, closedAt: at('16:00') })] });
  });

  it('lost: the funds stay withdrawn and the amount stays due', () => {
    const { state, booked } = run(history, [dispute(), dispute({ status: 'lost', at: at('16:00') })]);
    expect(booked.map((e) => e.type)).toEqual(['PaymentDisputed', 'PaymentDisputeUpdated']);
    expect(state).toMatchObject({ status: 'issued', paidMinor: 0 });
    expect(balanceDueMinor(state)).toBe(TOTAL);
    expect(state.payments[0].disputes).toEqual([expect.objectContaining({ status: 'lost', withdrawnMinor: TOTAL, closedAt: at('16:00') })]);
  });

  it('books each dispute state once however often Stripe announces it, and a late earlier state does not reopen a closed one', () => {
    const { state, booked } = run(history, [
      dispute(), dispute(), dispute({ at: at('14:30') }),
      dispute({ status: 'won', fundsWithdrawn: false }), dispute({ status: 'won', fundsWithdrawn: false }),
      dispute({ status: 'needs_response' }), // created/funds_withdrawn redelivered after the close
    ]);
    expect(booked.map((e) => e.type)).toEqual(['PaymentDisputed', 'PaymentDisputeUpdated', 'InvoicePaid']);
    expect(state).toMatchObject({ status: 'paid', paidMinor: TOTAL });
  });

  it('an inquiry before any withdrawal shows the dispute but moves no money', () => {
    const { state } = run(history, [dispute({ status: 'warning_needs_response', fundsWithdrawn: false })]);
    expect(state).toMatchObject({ status: 'paid', paidMinor: TOTAL });
    expect(state.payments[0].disputes).toEqual([expect.objectContaining({ status: 'warning_needs_response', withdrawnMinor: 0 })]);
  });

  it('refuses a dispute larger than what of the payment is still collected (refunded or already disputed money)', () => {
    const refunded: InvoiceEvent = { type: 'PaymentRefunded', data: {
      invoiceId: 'inv-1', paymentId: 'pay-1', refundId: 'ref-1', amount: { amountMinor: 13_000, currency: 'INR' }, method: 'stripe', reason: null, reference: 're_1', refundedAt: at('13:30'),
    } };
    expect(() => run([...history, refunded], [dispute()])).toThrow(DisputeExceedsPayment);
    expect(() => run(history, [dispute({ amountMinor: 300_000 }), dispute({ disputeId: 'du_2', amountMinor: 200_000 })])).toThrow(DisputeExceedsPayment);
    expect(run([...history, refunded], [dispute({ amountMinor: TOTAL - 13_000 })]).state.paidMinor).toBe(0);
  });

  it('money withdrawn for a dispute cannot be refunded as well', () => {
    const { booked } = run(history, [dispute({ amountMinor: 300_000 })]);
    const state = given(invoiceDecider, [...history, ...booked]).state;
    const refund = (amountMinor?: number) => invoiceDecider.decide({ type: 'RefundPayment', refundId: 'ref-9', paymentId: 'pay-1', amountMinor, refundedAt: at('17:00'), actor: 'finance-fay' }, state);
    expect(() => refund(113_001)).toThrow(RefundExceedsPayment);
    expect((refund()[0] as Extract<InvoiceEvent, { type: 'PaymentRefunded' }>).data.amount.amountMinor).toBe(113_000);
    const all = given(invoiceDecider, [...history, ...run(history, [dispute()]).booked]).state;
    expect(() => invoiceDecider.decide({ type: 'RefundPayment', refundId: 'ref-9', paymentId: 'pay-1', refundedAt: at('17:00'), actor: 'finance-fay' }, all)).toThrow(PaymentFullyRefunded);
  });
});

