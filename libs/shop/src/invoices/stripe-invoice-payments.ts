import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NotFoundError, StripeWebhookEvent, StripeWebhookHandlers } from '@workbay/platform';
import { PaymentGateway, PaymentIntentView } from '@workbay/payments/contract';
import { InvoiceNotFound, InvoiceNotPayable, Overpayment, PaymentCurrencyMismatch } from './invoice.errors';
import { RecordPayment } from './record-payment';

/**
 * Records on the invoice what the customer paid through Stripe, on the signed webhook (the
 * platform's intake verifies, deduplicates and sets the tenant from the connected account). The
 * webhook is only the cue: the PaymentIntent is fetched again from Stripe on the event's
 * connected account and only what Stripe says now (status, amount received, currency, the
 * invoice in its metadata) is booked, because anyone holding the signing secret (or a replayed,
 * stale body) could otherwise put money on an invoice that never arrived.
 * The PaymentIntent id is the payment's reference, so Stripe redelivering the event records nothing
 * twice. Money the invoice can no longer take (paid meanwhile at the counter or by a second
 * intent, voided, or in another currency) goes straight back to the customer: the shop never
 * keeps what it cannot book.
 */
@Injectable()
export class StripeInvoicePayments implements OnModuleInit {
  private readonly log = new Logger(StripeInvoicePayments.name);

  constructor(private readonly handlers: StripeWebhookHandlers, private readonly commands: CommandBus, private readonly gateway: PaymentGateway) {}

  onModuleInit() {
    this.handlers.on('payment_intent.succeeded', (event) => this.record(event));
  }

  private async record(event: StripeWebhookEvent) {
    const intent = await this.intentAtStripe(event);
    if (!intent) return;
    const invoiceId = intent.metadata.invoiceId;
    if (!invoiceId) return; // not one of ours (e.g. taken in the shop's own Stripe dashboard)
    try {
      await this.commands.execute(new RecordPayment(invoiceId, { method: 'stripe', amountMinor: intent.amountReceivedMinor, reference: intent.id }, intent.currency));
    } catch (error) {
      if (error instanceof Overpayment || error instanceof InvoiceNotPayable || error instanceof PaymentCurrencyMismatch) return this.giveBack(event, intent, error.message);
      // No such invoice in this shop: a final answer that retrying cannot change; keep it visible.
      if (error instanceof InvoiceNotFound || error instanceof NotFoundError) {
        this.log.error({ msg: 'Stripe payment for an unknown invoice', eventId: event.id, paymentIntentId: intent.id, invoiceId });
        return;
      }
      throw error;
    }
  }

  /**
   * The intent as Stripe has it, or null when there is nothing to book: Stripe does not know it on
   * this account (a final answer: logged, not retried) or it has not succeeded (a stale or forged
   * event; a real success sends its own event). Outages throw, so the job is retried.
   */
  private async intentAtStripe(event: StripeWebhookEvent): Promise<PaymentIntentView | null> {
    const claimed = event.data.object;
    if (claimed.object !== 'payment_intent' || typeof claimed.id !== 'string' || !event.account) {
      this.log.error({ msg: 'Stripe payment event without a PaymentIntent of a connected account', eventId: event.id, type: event.type });
      return null;
    }
    let intent: PaymentIntentView;
    try {
      intent = await this.gateway.retrievePaymentIntent(event.account, claimed.id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.log.error({ msg: 'Stripe event names a PaymentIntent Stripe does not know; nothing booked', eventId: event.id, paymentIntentId: claimed.id, account: event.account });
      return null;
    }
    if (intent.status !== 'succeeded' || intent.amountReceivedMinor <= 0) {
      this.log.warn({ msg: 'Stripe event claims a payment the PaymentIntent does not show; nothing booked', eventId: event.id, paymentIntentId: intent.id, status: intent.status });
      return null;
    }
    return intent;
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
