import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { AggregateStore } from '@workbay/platform';
import { InvoiceState, invoiceDecider } from './invoice.decider';
import { PaymentResultView, RecordPaymentInput } from './invoice.dto';
import { invoiceStreamCategory, PaymentMethod } from './invoice.events';
import { retryOnConflict } from './retry-on-conflict';

export class StripePaymentsComeFromStripe extends DomainError {
  readonly code = 'STRIPE_PAYMENT_NOT_RECORDABLE';
  readonly field = 'method';
  constructor() {
    super("method: a 'stripe' payment is recorded from Stripe's webhook; start one with POST /invoices/{id}/online-payments");
  }
}

export const invoicePaymentIdCategory = 'invoice-payment' as const;

/**
 * Records money received against an invoice, in its currency. Also the entry point for the
 * Stripe webhook handler (built separately): it sends
 * `new RecordPayment(invoiceId, { method: 'stripe', amountMinor, reference: paymentIntentId })`
 * inside `RequestContext.runAsSystemFor(tenantId, { actor: 'system:stripe', idempotencyKey: ... })`.
 * Nothing here reads the principal: the actor is whoever the context says acts (a user or
 * `system:<component>`), and a webhook delivered twice, or racing the till, records one payment.
 */
export class RecordPayment extends Command<PaymentResultView> {
  /** `currency`: what the provider says the money arrived in (Stripe); the invoice refuses another. */
  constructor(readonly invoiceId: string, readonly input: RecordPaymentInput, readonly currency?: string) {
    super();
  }
}

/** A card's last4 names a card, not a payment; the other methods' references name the payment. */
const referenceNamesPayment = (method: PaymentMethod, reference: string | null): reference is string =>
  reference !== null && method !== 'card_present';

@CommandHandler(RecordPayment)
export class RecordPaymentHandler implements ICommandHandler<RecordPayment> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ invoiceId, input, currency }: RecordPayment): Promise<PaymentResultView> {
    const reference = input.reference?.trim() || null;
    // The same external reference always gets the same payment id: a retry finds it recorded.
    const paymentId = referenceNamesPayment(input.method, reference)
      ? this.aggregates.derivedId(invoicePaymentIdCategory, invoiceId, input.method, reference)
      : this.aggregates.newId(invoicePaymentIdCategory);
    return retryOnConflict(async () => {
      let before: InvoiceState = invoiceDecider.initialState();
      const result = await this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, (state, { now, actor }) => {
        // Money through Stripe is only ever what Stripe says arrived (the webhook re-fetches the intent), never a person's word for it.
        if (input.method === 'stripe' && !actor.startsWith('system:')) throw new StripePaymentsComeFromStripe();
        before = state;
        return {
          type: 'RecordPayment' as const, paymentId, method: input.method, amountMinor: input.amountMinor, reference,
          ...(currency !== undefined ? { currency } : {}),
          receivedAt: now, actor,
        };
      });
      const recorded = before.status === 'none' ? undefined : before.payments.find((p) =>
        p.paymentId === paymentId || (referenceNamesPayment(input.method, reference) && p.method === input.method && p.reference === reference));
      return { ...result, paymentId: recorded?.paymentId ?? paymentId };
    });
  }
}
