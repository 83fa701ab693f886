import { Logger } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StoredEvent } from '@workbay/eventstore';
import { AggregateStore, ProcessManager } from '@workbay/platform';
import { PaymentGateway, PaymentRejected, StripeAccounts } from '@workbay/payments/contract';
import { invoiceDecider } from './invoice.decider';
import { InvoicePaid, invoiceStreamCategory } from './invoice.events';
import { retryOnConflict } from './retry-on-conflict';

/**
 * Once an invoice is paid, the payment links still open for it are cancelled at Stripe, so a
 * customer holding a stale link cannot pay twice. An intent the customer paid in the meantime
 * cannot be cancelled (Stripe refuses); its webhook books what the invoice can take and refunds
 * the rest (stripe-invoice-payments.ts). Keyed per intent, so a redelivery cancels nothing twice.
 */
export class CancelOpenOnlinePayments extends Command<void> {
  constructor(readonly invoiceId: string) {
    super();
  }
}

@CommandHandler(CancelOpenOnlinePayments)
export class CancelOpenOnlinePaymentsHandler implements ICommandHandler<CancelOpenOnlinePayments> {
  private readonly log = new Logger(CancelOpenOnlinePaymentsHandler.name);

  constructor(private readonly aggregates: AggregateStore, private readonly gateway: PaymentGateway, private readonly accounts: StripeAccounts) {}

  async execute({ invoiceId }: CancelOpenOnlinePayments): Promise<void> {
    const { state } = await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId, { what: 'invoice' });
    if (state.status !== 'paid' || state.openIntents.length === 0) return;
    const { accountId } = await this.accounts.current();
    if (!accountId) return;
    const cancelled: string[] = [];
    for (const paymentIntentId of state.openIntents) {
      try {
        await this.gateway.cancelPaymentIntent(accountId, paymentIntentId, `workbay-cancel-${paymentIntentId}`);
        cancelled.push(paymentIntentId);
      } catch (error) {
        if (!(error instanceof PaymentRejected)) throw error;
        this.log.warn({ msg: 'open payment link could not be cancelled at Stripe (paid meanwhile?); its webhook settles it', invoiceId, paymentIntentId, error: error.message });
      }
    }
    if (cancelled.length === 0) return;
    await retryOnConflict(() => this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, (_, { now, actor }) => ({
      type: 'NoteOnlinePaymentsCancelled', paymentIntentIds: cancelled, cancelledAt: now, actor,
    })));
  }
}

export const cancelOpenOnlinePayments: ProcessManager = {
  name: 'shop.cancel-open-online-payments',
  eventTypes: ['InvoicePaid'],
  react(event: StoredEvent) {
    return [new CancelOpenOnlinePayments((event.data as InvoicePaid['data']).invoiceId)];
  },
};
