import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NotFoundError, StripeWebhookEvent, StripeWebhookHandlers } from '@workbay/platform';
import { chargeableAmountMinor, PaymentGateway, PaymentIntentView } from '@workbay/payments/contract';
import { InvoiceNotFound, InvoiceNotPayable, Overpayment, PaymentCurrencyMismatch, PaymentReferenceConflict } from './invoice.errors';
import { RecordPayment } from './record-payment';

/**
 * Records on the invoice what the customer paid through Stripe, on the signed webhook (the
 * platform's intake verifies, deduplicates and sets the tenant from the connected account). The
 * webhook is only the cue: the PaymentIntent is fetched again from Stripe on the event's
 * connected account and only what Stripe says now (status, amount received, currency, the
 * invoice in its metadata) is booked, because anyone holding the signing secret (or a replayed,
 * stale body) could otherwise put money on an invoice that never arrived.
 * The PaymentIntent id is the payment's reference, so Stripe redelivering the event records nothing
 * twice. Money the invoice can no longer take goes straight back to the customer, the shop never
 * keeping what it cannot book: of a payment larger than the balance (a link for the whole amount
 * paid after cash at the counter) the balance is booked and only the excess refunded; a payment the
 * invoice cannot take at all (settled meanwhile, voided, another currency) is refunded whole.
 * Either refund gives the platform's fee on that money back too (`refund_application_fee`), so
 * Workbay keeps a fee only on money the shop kept. Refunds of the excess carry
 * `metadata.workbay = 'excess'`, so the refund webhooks (stripe-refunds.ts) never book them.
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
    let amountMinor = intent.amountReceivedMinor;
    // A balance can shrink again between two tries (another payment at the counter): a few tries, then the whole goes back.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.commands.execute(new RecordPayment(invoiceId, { method: 'stripe', amountMinor, reference: intent.id }, intent.currency));
        return await this.giveBackExcess(event, intent, intent.amountReceivedMinor - amountMinor);
      } catch (error) {
        if (error instanceof PaymentReferenceConflict) return await this.giveBackExcess(event, intent, intent.amountReceivedMinor - error.recordedMinor);
        if (error instanceof Overpayment && error.balanceDueMinor > 0) {
          // Only what Stripe can refund may go back (KWD: steps of 10 fils), so the balance is booked
          // rounded down to that step and the few fils left stay due; none left: all goes back.
          amountMinor = chargeableAmountMinor(error.balanceDueMinor, intent.currency);
          if (amountMinor > 0) continue;
        }
        if (error instanceof Overpayment || error instanceof InvoiceNotPayable || error instanceof PaymentCurrencyMismatch) return this.giveBack(event, intent, error.message);
        // No such invoice in this shop: a final answer that retrying cannot change; keep it visible.
        if (error instanceof InvoiceNotFound || error instanceof NotFoundError) {
          this.log.error({ msg: 'Stripe payment for an unknown invoice', eventId: event.id, paymentIntentId: intent.id, invoiceId });
          return;
        }
        throw error;
      }
    }
    return this.giveBack(event, intent, 'the balance kept changing while the payment was booked');
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
      connectedAccountId: event.account!, paymentIntentId: intent.id, reason: 'duplicate', refundApplicationFee: true,
      metadata: { invoiceId: intent.metadata.invoiceId, why: why.slice(0, 400) },
      idempotencyKey: `workbay-unbookable-${intent.id}`,
    });
    this.log.warn({ msg: 'Stripe payment the invoice could not take was refunded', eventId: event.id, paymentIntentId: intent.id, refundId: refund.id, why });
  }

  /** Refunds what of the intent was not booked (nothing when all of it was); one refund per intent, whichever delivery asks. */
  private async giveBackExcess(event: StripeWebhookEvent, intent: PaymentIntentView, excessMinor: number) {
    if (excessMinor <= 0) return;
    const refund = await this.gateway.refund({
      connectedAccountId: event.account!, paymentIntentId: intent.id, amountMinor: excessMinor, currency: intent.currency,
      reason: 'duplicate', refundApplicationFee: true,
      metadata: { invoiceId: intent.metadata.invoiceId, workbay: 'excess' },
      idempotencyKey: `workbay-excess-${intent.id}-${excessMinor}`,
    });
    this.log.warn({ msg: 'Stripe payment was larger than the balance: the balance is booked, the excess refunded', eventId: event.id, paymentIntentId: intent.id, refundId: refund.id, excessMinor });
  }
}
