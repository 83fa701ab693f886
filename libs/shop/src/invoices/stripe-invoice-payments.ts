import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { NotFoundError, paymentIntentOf, StripeWebhookHandlers } from '@workbay/platform';
import { RecordPayment } from './record-payment';

/**
 * Records on the invoice what the customer paid through Stripe, from the signed webhook (the
 * platform's intake verifies, deduplicates and sets the tenant from the connected account). The
 * PaymentIntent id is the payment's reference, so Stripe redelivering the event records nothing twice.
 */
@Injectable()
export class StripeInvoicePayments implements OnModuleInit {
  private readonly log = new Logger(StripeInvoicePayments.name);

  constructor(private readonly handlers: StripeWebhookHandlers, private readonly commands: CommandBus) {}

  onModuleInit() {
    this.handlers.on('payment_intent.succeeded', async (event) => {
      const intent = paymentIntentOf(event);
      const invoiceId = intent.metadata.invoiceId;
      if (!invoiceId) return; // not one of ours (e.g. created in the shop's own Stripe dashboard)
      try {
        await this.commands.execute(new RecordPayment(invoiceId, { method: 'stripe', amountMinor: intent.amountReceivedMinor, reference: intent.id }));
      } catch (error) {
        // A final answer (no such invoice in this tenant, voided, overpaid): retrying cannot change it; keep it visible.
        if (!(error instanceof DomainError) && !(error instanceof NotFoundError)) throw error;
        this.log.error({ msg: 'Stripe payment not recorded on the invoice', eventId: event.id, paymentIntentId: intent.id, invoiceId, error: (error as Error).message });
      }
    });
  }
}
