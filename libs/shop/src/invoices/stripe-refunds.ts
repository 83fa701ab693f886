import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError, RequestContext, StripeWebhookEvent, StripeWebhookHandlers } from '@workbay/platform';
import { PaymentGateway, RefundView } from '@workbay/payments/contract';
import { invoiceDecider, PaymentState } from './invoice.decider';
import { FAILED_REFUND_STATUSES, FailedRefundStatus, invoiceStreamCategory } from './invoice.events';
import { PaymentFullyRefunded, RefundExceedsPayment } from './invoice.errors';
import { RefundPayment } from './refund-payment';
import { retryOnConflict } from './retry-on-conflict';

/**
 * Stripe's events that say a payment's money went back (made in the shop's Stripe dashboard, by its API, or by us),
 * or that a refund did not after all (`refund.failed`, and `refund.updated` to failed or canceled:
 * https://docs.stripe.com/refunds#failed-refunds). Stripe's webhook endpoint of the platform must send all of them.
 */
export const STRIPE_REFUND_EVENTS = ['charge.refunded', 'refund.created', 'refund.updated', 'refund.failed'] as const;

const failedAtStripe = (status: string): status is FailedRefundStatus => (FAILED_REFUND_STATUSES as readonly string[]).includes(status);

/**
 * Books on the invoice the refunds Stripe holds for an invoice's payment, on the signed webhook:
 * the event is only the cue, so the PaymentIntent and its refunds are fetched again from Stripe
 * and each refund Stripe shows (pending or succeeded) that the invoice does not have yet is booked
 * through RefundPayment with its Stripe id as reference (the same booked id as a refund made
 * through Workbay, so each is booked once however many events announce it). Refunds of money that
 * was never booked (the excess of a payment above the balance, or a payment refunded whole because
 * the invoice could not take it) carry `metadata.workbay` and are left alone.
 * A booked refund that Stripe now shows failed or canceled (a card refund the issuer sent back, a
 * pending refund that never went through) is reversed on the invoice (NoteRefundFailed), keyed by the
 * refund's id, so however many events announce the failure it is reversed once.
 */
@Injectable()
export class StripeRefunds implements OnModuleInit {
  private readonly log = new Logger(StripeRefunds.name);

  constructor(
    private readonly handlers: StripeWebhookHandlers,
    private readonly commands: CommandBus,
    private readonly gateway: PaymentGateway,
    private readonly aggregates: AggregateStore,
    private readonly context: RequestContext,
  ) {}

  onModuleInit() {
    for (const type of STRIPE_REFUND_EVENTS) this.handlers.on(type, (event, { tenantId }) => this.book(event, tenantId));
  }

  private async book(event: StripeWebhookEvent, tenantId: string) {
    const claimed = event.data.object;
    const paymentIntentId = typeof claimed.payment_intent === 'string' ? claimed.payment_intent : null;
    if (!paymentIntentId || !event.account) return; // a refund of a charge without an intent is not one of ours
    let invoiceId: string | undefined;
    try {
      invoiceId = (await this.gateway.retrievePaymentIntent(event.account, paymentIntentId)).metadata.invoiceId;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.log.error({ msg: 'Stripe refund event names a PaymentIntent Stripe does not know; nothing booked', eventId: event.id, paymentIntentId });
      return;
    }
    if (!invoiceId) return;
    const { state } = await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId, { what: 'invoice' }).catch((error) => {
      if (error instanceof NotFoundError) return { state: { status: 'none' as const } };
      throw error;
    });
    const payment = state.status === 'none' ? undefined : state.payments.find((p) => p.method === 'stripe' && p.reference === paymentIntentId);
    if (!payment) return; // refunded whole because the invoice never took it
    const booked = new Set(payment.refunds.map((r) => r.reference));
    const atStripe = await this.gateway.listRefunds(event.account, paymentIntentId);
    const refunds = atStripe
      .filter((r) => (r.status === 'succeeded' || r.status === 'pending') && !r.metadata.workbay && !booked.has(r.id))
      .reverse(); // oldest first, as they happened
    for (const refund of refunds) await this.bookOne(event, tenantId, invoiceId, payment.paymentId, refund);
    const stillBooked = new Set(payment.refunds.filter((r) => !r.failed).map((r) => r.reference));
    for (const refund of atStripe.filter((r) => failedAtStripe(r.status) && stillBooked.has(r.id)).reverse()) {
      await this.reverseOne(event, tenantId, invoiceId, payment, refund);
    }
  }

  /** The money of a booked refund stayed with the shop: take exactly that refund back off the invoice, as Stripe says it failed. */
  private async reverseOne(event: StripeWebhookEvent, tenantId: string, invoiceId: string, payment: PaymentState, refund: RefundView) {
    const booked = payment.refunds.find((r) => r.reference === refund.id)!;
    const as = { actor: this.context.actor, correlationId: event.id, causationId: event.id, idempotencyKey: `stripe-refund-failed-${refund.id}` };
    await this.context.runAsSystemFor(tenantId, as, () => retryOnConflict(() =>
      this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, (_, { now, actor }) => ({
        type: 'NoteRefundFailed', paymentId: payment.paymentId, refundId: booked.refundId, status: refund.status as FailedRefundStatus,
        reason: refund.failureReason, failedAt: now, actor,
      }))));
    this.log.warn({ msg: 'Stripe refund failed after it was booked; reversed on the invoice', eventId: event.id, refundId: refund.id, invoiceId, failureReason: refund.failureReason });
  }

  private async bookOne(event: StripeWebhookEvent, tenantId: string, invoiceId: string, paymentId: string, refund: RefundView) {
    const as = { actor: this.context.actor, correlationId: event.id, causationId: event.id, idempotencyKey: `stripe-refund-${refund.id}` };
    try {
      await this.context.runAsSystemFor(tenantId, as, () =>
        this.commands.execute(new RefundPayment(invoiceId, paymentId, { reference: refund.id, reason: 'refunded at Stripe' })));
    } catch (error) {
      // More refunded at Stripe than the invoice has booked as paid: money the books cannot follow; keep it visible.
      if (error instanceof RefundExceedsPayment || error instanceof PaymentFullyRefunded) {
        this.log.error({ msg: 'Stripe refund larger than what the invoice can refund; not booked', eventId: event.id, refundId: refund.id, invoiceId, error: error.message });
        return;
      }
      throw error;
    }
  }
}
