import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AggregateStore, NotFoundError, RequestContext, StripeWebhookEvent, StripeWebhookHandlers } from '@workbay/platform';
import { DisputeView, PaymentGateway } from '@workbay/payments/contract';
import { invoiceDecider } from './invoice.decider';
import { DisputeStatus, invoiceStreamCategory } from './invoice.events';
import { DisputeExceedsPayment, PaymentCurrencyMismatch } from './invoice.errors';
import { retryOnConflict } from './retry-on-conflict';

/** Stripe's events that say a customer's chargeback of a charge moved on. */
export const STRIPE_DISPUTE_EVENTS = [
  'charge.dispute.created', 'charge.dispute.updated', 'charge.dispute.closed', 'charge.dispute.funds_withdrawn', 'charge.dispute.funds_reinstated',
] as const;

/**
 * Books on the invoice the disputes (chargebacks) of its Stripe payments, on the signed webhook.
 * As with refunds (stripe-refunds.ts) the event is only the cue: the dispute is fetched again from
 * Stripe on the event's connected account, its PaymentIntent names the invoice (`metadata.invoiceId`)
 * and the payment (its reference), and what Stripe shows now (status, whether the funds are
 * withdrawn) is booked through the decider's NoteStripeDispute, keyed per dispute and status, so a
 * redelivery or the several events of one change book it once. While Stripe holds the funds
 * withdrawn the money is no longer collected and the invoice's balance reopens; won, the funds are
 * reinstated and it is settled again; lost, they stay withdrawn.
 */
@Injectable()
export class StripeDisputes implements OnModuleInit {
  private readonly log = new Logger(StripeDisputes.name);

  constructor(
    private readonly handlers: StripeWebhookHandlers,
    private readonly gateway: PaymentGateway,
    private readonly aggregates: AggregateStore,
    private readonly context: RequestContext,
  ) {}

  onModuleInit() {
    for (const type of STRIPE_DISPUTE_EVENTS) this.handlers.on(type, (event, { tenantId }) => this.book(event, tenantId));
  }

  private async book(event: StripeWebhookEvent, tenantId: string) {
    const claimed = event.data.object;
    if (claimed.object !== 'dispute' || typeof claimed.id !== 'string' || !event.account) {
      this.log.error({ msg: 'Stripe dispute event without a dispute of a connected account', eventId: event.id, type: event.type });
      return;
    }
    const dispute = await this.atStripe(event, () => this.gateway.retrieveDispute(event.account!, claimed.id as string), 'dispute');
    if (!dispute?.paymentIntentId) return; // a dispute of a charge without an intent is not one of ours
    const intent = await this.atStripe(event, () => this.gateway.retrievePaymentIntent(event.account!, dispute.paymentIntentId!), 'PaymentIntent');
    const invoiceId = intent?.metadata.invoiceId;
    if (!invoiceId) return;
    await this.context.runAsSystemFor(tenantId, {
      actor: this.context.actor, correlationId: event.id, causationId: event.id,
      idempotencyKey: `stripe-dispute-${dispute.id}-${dispute.status}-${dispute.fundsWithdrawn ? 'withdrawn' : 'held'}`,
    }, () => this.note(event, invoiceId, dispute));
  }

  private async note(event: StripeWebhookEvent, invoiceId: string, dispute: DisputeView) {
    const { state } = await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId, { what: 'invoice' }).catch((error) => {
      if (error instanceof NotFoundError) return { state: { status: 'none' as const } };
      throw error;
    });
    const payment = state.status === 'none' ? undefined : state.payments.find((p) => p.method === 'stripe' && p.reference === dispute.paymentIntentId);
    if (!payment) {
      // Refunded whole because the invoice never took it: nothing of it is on the books to take off.
      this.log.warn({ msg: 'Stripe dispute of a payment the invoice has not booked; nothing booked', eventId: event.id, disputeId: dispute.id, invoiceId });
      return;
    }
    try {
      await retryOnConflict(() => this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, (_, { now, actor }) => ({
        type: 'NoteStripeDispute', paymentId: payment.paymentId, disputeId: dispute.id, amountMinor: dispute.amountMinor, currency: dispute.currency,
        reason: dispute.reason, status: dispute.status as DisputeStatus, fundsWithdrawn: dispute.fundsWithdrawn, openedAt: dispute.createdAt, at: now, actor,
      })));
    } catch (error) {
      // Stripe withdrew more than the invoice holds as collected of the payment: money the books cannot follow; keep it visible.
      if (error instanceof DisputeExceedsPayment || error instanceof PaymentCurrencyMismatch) {
        this.log.error({ msg: 'Stripe dispute larger than what the invoice holds of the payment; not booked', eventId: event.id, disputeId: dispute.id, invoiceId, error: error.message });
        return;
      }
      throw error;
    }
  }

  /** Stripe's object, or null when Stripe does not know it on this account (a final answer: logged, not retried). Outages throw, so the job is retried. */
  private async atStripe<T>(event: StripeWebhookEvent, fetch: () => Promise<T>, what: string): Promise<T | null> {
    try {
      return await fetch();
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.log.error({ msg: `Stripe dispute event names a ${what} Stripe does not know; nothing booked`, eventId: event.id, account: event.account });
      return null;
    }
  }
}
