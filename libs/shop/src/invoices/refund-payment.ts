import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError, RequestContext } from '@workbay/platform';
import { PaymentGateway, RefundView, StripeAccounts } from '@workbay/payments/contract';
import { creditNoteDecider } from '../credit-notes/credit-note.decider';
import { creditNoteStreamCategory } from '../credit-notes/credit-note.events';
import { loadReferenced, UnknownReference } from '../shared/references';
import { creditBalanceMinor, invoiceDecider, PaymentState, RefundExceedsCredit } from './invoice.decider';
import { RefundPaymentInput, RefundResultView } from './invoice.dto';
import { StripeRefundReferenceInvalid } from './invoice.errors';
import { invoiceStreamCategory } from './invoice.events';
import { retryOnConflict } from './retry-on-conflict';
import { StripeAccountNotConnected } from './start-online-payment';

/**
 * Gives money back on one payment, up to what of it is not yet refunded; the invoice's balance
 * re-opens by that much. A Stripe payment's money always moves at Stripe: without a reference it is
 * refunded there (on the shop's connected account, keyed so a retry refunds once); with one, the
 * reference must name a refund of that very payment that Stripe holds (made in the shop's Stripe
 * dashboard, say). Either way what is booked is Stripe's refund: its id and its amount. Any other
 * method is only recorded, the money having gone back at the counter.
 * Refunds made at Stripe without either reach the invoice through the verified webhook inbox
 * (stripe-refunds.ts); both paths book a Stripe refund under the same id, so it is booked once.
 *
 * Money and receivables are kept apart: a refund lowers what was paid, and the receivable is grand
 * total - credited - (paid - refunded). After a credit note on a paid invoice the customer has a
 * credit balance, and refunding it brings the receivable back to 0, not above. With `creditNoteId`
 * the refund says it gives back that credit note's money: it must be one of this invoice's credit
 * notes, and it may not exceed the credit balance (422 naming `amountMinor`, checked before Stripe
 * is asked), so it can never re-open what is owed; omitted, its amount is as much of the credit
 * balance as the payment holds. A refund without one (a duplicate, an excess, a Stripe-dashboard
 * refund) behaves as before: past any credit balance it re-opens the receivable.
 */
export class RefundPayment extends Command<RefundResultView> {
  constructor(readonly invoiceId: string, readonly paymentId: string, readonly input: RefundPaymentInput = {}) {
    super();
  }
}

@CommandHandler(RefundPayment)
export class RefundPaymentHandler implements ICommandHandler<RefundPayment> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly gateway: PaymentGateway,
    private readonly accounts: StripeAccounts,
    private readonly context: RequestContext,
  ) {}

  async execute({ invoiceId, paymentId, input }: RefundPayment): Promise<RefundResultView> {
    let reference = input.reference?.trim() || null;
    let amountMinor = input.amountMinor ?? null;
    const creditNoteId = input.creditNoteId ?? null;
    if (creditNoteId) amountMinor = await this.creditToGiveBack(invoiceId, paymentId, creditNoteId, amountMinor);
    const stripe = await this.stripePayment(invoiceId, paymentId);
    if (stripe) {
      const refund = reference
        ? await this.refundHeldAtStripe(stripe.payment, reference, amountMinor)
        : await this.refundAtStripe(invoiceId, stripe.payment, stripe.currency, amountMinor);
      if (refund) ({ id: reference, amountMinor } = refund);
    }
    const refundId = reference
      ? stripeRefundId(this.aggregates, invoiceId, paymentId, reference)
      : this.aggregates.newId('invoice-refund');
    const result = await retryOnConflict(() =>
      this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, (_, { now, actor }) => ({
        type: 'RefundPayment', refundId, paymentId, amountMinor, reason: input.reason ?? null, reference, creditNoteId,
        refundedAt: now, actor,
      })));
    return { ...result, refundId };
  }

  /**
   * The amount of a refund that gives back a credit note's money, checked before any money moves:
   * the credit note must be this invoice's, the amount at most the credit balance (the decider checks
   * both again on the state it appends to). Null leaves a refusal to the decider.
   */
  private async creditToGiveBack(invoiceId: string, paymentId: string, creditNoteId: string, amountMinor: number | null): Promise<number | null> {
    const note = await loadReferenced(this.aggregates, creditNoteDecider, creditNoteStreamCategory, creditNoteId, 'creditNoteId', 'credit note');
    if (note.status !== 'issued' || note.invoiceId !== invoiceId) throw new UnknownReference('creditNoteId', 'credit note of this invoice');
    const { state } = await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId, { what: 'invoice' });
    if (state.status === 'none') return amountMinor;
    const payment = state.payments.find((p) => p.paymentId === paymentId);
    const credit = creditBalanceMinor(state);
    const amount = amountMinor ?? (payment ? Math.min(payment.amountMinor - payment.refundedMinor, credit) : null);
    if (amount !== null && (amount > credit || credit === 0)) throw new RefundExceedsCredit(amount, credit);
    return amount;
  }

  /** The payment when it went through Stripe; otherwise (or unknown: the decider names what is wrong) null. */
  private async stripePayment(invoiceId: string, paymentId: string): Promise<{ payment: PaymentState; currency: string } | null> {
    const { state } = await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId, { what: 'invoice' });
    if (state.status === 'none') return null;
    const payment = state.payments.find((p) => p.paymentId === paymentId);
    return payment && payment.method === 'stripe' && payment.reference ? { payment, currency: state.currency } : null;
  }

  private async connectedAccount(): Promise<string> {
    const { accountId } = await this.accounts.current();
    if (!accountId) throw new StripeAccountNotConnected();
    return accountId;
  }

  /** A refund the caller says was made at Stripe: it must be one of this payment's there, and the amount (when given) its amount. */
  private async refundHeldAtStripe(payment: PaymentState, refundReference: string, amountMinor: number | null): Promise<RefundView> {
    const accountId = await this.connectedAccount();
    let refund: RefundView;
    try {
      refund = await this.gateway.retrieveRefund(accountId, refundReference);
    } catch (error) {
      if (error instanceof NotFoundError) throw new StripeRefundReferenceInvalid('reference', `Stripe holds no refund ${refundReference} on the shop's account`);
      throw error;
    }
    if (refund.paymentIntentId !== payment.reference) {
      throw new StripeRefundReferenceInvalid('reference', `${refundReference} is a refund of another payment at Stripe, not of ${payment.reference}`);
    }
    if (refund.status === 'failed' || refund.status === 'canceled') {
      throw new StripeRefundReferenceInvalid('reference', `${refundReference} is ${refund.status} at Stripe: no money went back`);
    }
    if (amountMinor !== null && amountMinor !== refund.amountMinor) {
      throw new StripeRefundReferenceInvalid('amountMinor', `${amountMinor} is not the ${refund.amountMinor} that Stripe refunded as ${refundReference}`);
    }
    return refund;
  }

  /**
   * Refunds at Stripe and answers Stripe's refund; null when there is nothing Stripe could refund
   * (the decider then refuses with the reason). The key is the request's Idempotency-Key when it
   * has one, else what the payment has had refunded so far: a retry of the same request asks
   * Stripe with the same key and gets the same refund back.
   */
  private async refundAtStripe(invoiceId: string, payment: PaymentState, currency: string, amountMinor: number | null): Promise<RefundView | null> {
    const refundable = payment.amountMinor - payment.refundedMinor;
    const amount = amountMinor ?? refundable;
    if (amount <= 0 || amount > refundable || !Number.isInteger(amount)) return null;
    const accountId = await this.connectedAccount();
    const requestKey = this.context.idempotencyKey;
    // A failed refund gives its amount back to refundedMinor: without the count of failures, the next refund of the
    // same amount would reuse the failed one's key and Stripe would answer the failed refund again.
    const failures = payment.refunds.filter((r) => r.failed).length;
    return this.gateway.refund({
      connectedAccountId: accountId, paymentIntentId: payment.reference!, amountMinor: amount, currency,
      reason: 'requested_by_customer', metadata: { invoiceId, paymentId: payment.paymentId },
      idempotencyKey: requestKey
        ? `workbay-refund-${invoiceId}-${payment.paymentId}-key-${requestKey}`
        : `workbay-refund-${invoiceId}-${payment.paymentId}-${payment.refundedMinor}-${amount}${failures > 0 ? `-after-${failures}-failed` : ''}`,
    });
  }
}

/** The booked refund's id for a Stripe refund (or any external reference): the same on every path that books it. */
export const stripeRefundId = (aggregates: AggregateStore, invoiceId: string, paymentId: string, reference: string): string =>
  aggregates.derivedId('invoice-refund', invoiceId, paymentId, reference);
