import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { AggregateStore, RequestContext, TenantProfiles } from '@workbay/platform';
import { assertChargeable, chargeableAmountMinor, PaymentGateway, StripeAccounts } from '@workbay/payments/contract';
import { platformFeeMinor } from '@workbay/billing/contract';
import { balanceDueMinor, invoiceDecider } from './invoice.decider';
import { OnlinePaymentView, StartOnlinePaymentInput } from './invoice.dto';
import { invoiceStreamCategory } from './invoice.events';
import { InvoiceNotFound, InvoiceNotPayable, Overpayment } from './invoice.errors';
import { retryOnConflict } from './retry-on-conflict';

export class StripeAccountNotConnected extends DomainError {
  readonly code = 'STRIPE_ACCOUNT_NOT_CONNECTED';
  override readonly kind = 'conflict' as const;
  constructor() {
    super('the shop has no Stripe account yet: the owner connects one with POST /payments/stripe-account');
  }
}


/**
 * Asks Stripe for a PaymentIntent on the shop's connected account for (part of) an invoice's
 * balance, with Workbay's fee from the shop's plan. The invoice notes the open intent (so settling
 * the invoice otherwise cancels it: cancel-open-online-payments.ts); the payment is recorded when
 * Stripe's signed `payment_intent.succeeded` webhook arrives (stripe-invoice-payments.ts). The
 * same payments so far and amount ask Stripe with the same idempotency key, so a double click
 * gets the same intent.
 */
export class StartOnlinePayment extends Command<OnlinePaymentView> {
  constructor(readonly invoiceId: string, readonly input: StartOnlinePaymentInput = {}) {
    super();
  }
}

@CommandHandler(StartOnlinePayment)
export class StartOnlinePaymentHandler implements ICommandHandler<StartOnlinePayment> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly accounts: StripeAccounts,
    private readonly gateway: PaymentGateway,
    private readonly tenants: TenantProfiles,
    private readonly context: RequestContext,
  ) {}

  async execute({ invoiceId, input }: StartOnlinePayment): Promise<OnlinePaymentView> {
    const { state: invoice } = await this.aggregates.load(invoiceDecider, invoiceStreamCategory, invoiceId, { what: 'invoice' });
    if (invoice.status === 'none') throw new InvoiceNotFound();
    if (invoice.status !== 'issued' && invoice.status !== 'partially_paid') throw new InvoiceNotPayable(invoice.status, 'an online payment');
    const balance = balanceDueMinor(invoice);
    // Stripe charges some currencies only in steps (KWD: 10 fils): the balance is charged rounded
    // down, the rest stays due; an explicit amount must be chargeable as given (stripe-amounts.ts).
    const amountMinor = input.amountMinor ?? chargeableAmountMinor(balance, invoice.currency);
    if (amountMinor > balance) throw new Overpayment(amountMinor, balance, invoice.currency);
    assertChargeable(amountMinor, invoice.currency);
    // Refuses (409 STRIPE_ONBOARDING_INCOMPLETE) while Stripe reports charges_enabled false.
    const account = await this.accounts.readyToCharge();
    if (!account.accountId) throw new StripeAccountNotConnected();
    const { plan } = await this.tenants.current();
    const applicationFeeMinor = chargeableAmountMinor(platformFeeMinor(plan, amountMinor), invoice.currency);
    const intent = await this.gateway.createPaymentIntent({
      connectedAccountId: account.accountId,
      amountMinor,
      currency: invoice.currency,
      applicationFeeMinor,
      metadata: { tenantId: this.context.tenantId, invoiceId, invoiceNumber: invoice.number },
      description: `Invoice ${invoice.number}`,
      // What the invoice has received and given back so far, not its version: noting the intent below
      // moves the version, and a double click must still get the same intent.
      idempotencyKey: `workbay-invoice-${invoiceId}-p${invoice.payments.length}r${invoice.payments.reduce((n, p) => n + p.refunds.length, 0)}-${amountMinor}`,
    });
    await retryOnConflict(() => this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, (_, { now, actor }) => ({
      type: 'NoteOnlinePayment', paymentIntentId: intent.id, amountMinor: intent.amountMinor, startedAt: now, actor,
    })));
    return {
      paymentIntentId: intent.id, clientSecret: intent.clientSecret ?? '', status: intent.status, amountMinor: intent.amountMinor,
      currency: intent.currency, applicationFeeMinor: intent.applicationFeeMinor ?? applicationFeeMinor,
    };
  }
}
