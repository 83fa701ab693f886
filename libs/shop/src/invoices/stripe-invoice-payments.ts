import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NotFoundError, PaymentGateway, PaymentIntentView, paymentIntentOf, StripeWebhookEvent, StripeWebhookHandlers } from '@workbay/platform';
import { InvoiceNotFound, InvoiceNotPayable, Overpayment } from './invoice-errors';
import { RecordPayment } from './record-payment';

/**
 * Records on the invoice what the customer paid through Stripe, from the signed webhook (the
 * platform's intake verifies, deduplicates and sets the tenant from the connected account). The
 * PaymentIntent id is the payment's reference, so Stripe redelivering the event records nothing
 * twice. Money the invoice can no longer take (paid meanwhile at the counter or by a second
 * intent, or voided) goes straight back to the customer: the shop never keeps what it cannot book.
 */
@Injectable()
export class StripeInvoicePayments implements OnModuleInit {
  private readonly log = new Logger(StripeInvoicePayments.name);

  constructor(private readonly handlers: StripeWebhookHandlers, private readonly commands: CommandBus, private readonly gateway: PaymentGateway) {}

  onModuleInit() {
    this.handlers.on('payment_intent.succeeded', (event) => this.record(event));
  }

  private async record(event: StripeWebhookEvent) {
    const intent = paymentIntentOf(event);
    const invoiceId = intent.metadata.invoiceId;
    if (!invoiceId) return; // not one of ours (e.g. taken in the shop's own Stripe dashboard)
    try {
      await this.commands.execute(new RecordPayment(invoiceId, { method: 'stripe', amountMinor: intent.amountReceivedMinor, reference: intent.id }));
    } catch (error) {
      if (error instanceof Overpayment || error instanceof InvoiceNotPayable) return this.giveBack(event, intent, error.message);
      // No such invoice in this shop: a final answer that retrying cannot change; keep it visible.
      if (error instanceof InvoiceNotFound || error instanceof NotFoundError) {
        this.log.error({ msg: 'Stripe payment for an unknown invoice', eventId: event.id, paymentIntentId: intent.id, invoiceId });
        return;
      }
      throw error;
    }
  }

  private async giveBack(event: StripeWebhookEvent, intent: PaymentIntentView, why: string) {
    const refund = await this.gateway.refund({
      connectedAccountId: event.account!, paymentIntentId: intent.id, reason: 'duplicate',
      metadata: { invoiceId: intent.metadata.invoiceId, why: why.slice(0, 400) },
      idempotencyKey: `workbay-unbookable-${intent.id}`,
    });
    this.log.warn({ msg: 'Stripe payment the invoice could not take was refunded', eventId: event.id, paymentIntentId: intent.id, refundId: refund.id, why });
  }
}
