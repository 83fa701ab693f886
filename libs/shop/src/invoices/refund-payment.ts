import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore } from '@workbay/platform';
import { PaymentGateway, StripeAccounts } from '@workbay/payments/contract';
import { invoiceDecider } from './invoice.decider';
import { RefundPaymentInput, RefundResultView } from './invoice.dto';
import { invoiceStreamCategory } from './invoice.events';
import { retryOnConflict } from './retry-on-conflict';
import { StripeAccountNotConnected } from './start-online-payment';

/**
 * Gives money back on one payment, up to what of it is not yet refunded; the invoice's balance
 * re-opens by that much. A Stripe payment is refunded at Stripe first (on the shop's connected
 * account, keyed so a retry refunds once) and recorded with Stripe's refund id; any other
 * method is only recorded, the money having gone back at the counter.
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
  ) {}

  async execute({ invoiceId, paymentId, input }: RefundPayment): Promise<RefundResultView> {
    const reference = input.reference?.trim() || (await this.refundAtStripe(invoiceId, paymentId, input.amountMinor ?? null));
    const refundId = reference
      ? this.aggregates.derivedId('invoice-refund', invoiceId, paymentId, reference)
      : this.aggregates.newId('invoice-refund');
    const result = await retryOnConflict(() =>
      this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, (_, { now, actor }) => ({
        type: 'RefundPayment', refundId, paymentId, amountMinor: input.amountMinor ?? null, reason: input.reason ?? null, reference,
        refundedAt: now, actor,
      })));
    return { ...result, refundId };
  }

  /** Stripe's refund id when the payment went through Stripe; null for other methods. */
  private async refundAtStripe(invoiceId: string, paymentId: string, amountMinor: number | null): Promise<string | null> {
    const { state } = await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId, { what: 'invoice' });
    const payment = state.status === 'none' ? undefined : state.payments.find((p) => p.paymentId === paymentId);
    if (!payment || payment.method !== 'stripe' || !payment.reference) return null; // the decider names what is wrong
    const amount = amountMinor ?? payment.amountMinor - payment.refundedMinor;
    if (amount <= 0 || amount > payment.amountMinor - payment.refundedMinor) return null;
    const { accountId } = await this.accounts.current();
    if (!accountId) throw new StripeAccountNotConnected();
    const refund = await this.gateway.refund({
      connectedAccountId: accountId, paymentIntentId: payment.reference, amountMinor: amount, currency: state.status === 'none' ? undefined : state.currency,
      reason: 'requested_by_customer', metadata: { invoiceId, paymentId },
      idempotencyKey: `workbay-refund-${invoiceId}-${paymentId}-${payment.refundedMinor}-${amount}`,
    });
    return refund.id;
  }
}
