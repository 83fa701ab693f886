import Stripe from 'stripe';
import { IdempotencyKeyReused, NotFoundError } from '@workbay/platform';
import {
  AccountLink, ConfirmPaymentIntent, DisputeView, ConnectedAccount, CreatePaymentIntent, PaymentDeclined, PaymentGateway, PaymentIntentStatus,
  PaymentIntentView, PaymentProviderUnavailable, PaymentRejected, RefundRequest, RefundView,
} from './payment-gateway';
import { fromStripeAmount, fromStripeCurrency, toStripeAmount, toStripeCurrency } from './stripe-amounts';

/**
 * PaymentGateway on the official Stripe SDK. Charges are direct charges on the tenant's
 * connected account (`Stripe-Account` header via `{ stripeAccount }`) with our platform fee as
 * `application_fee_amount`; every write sends the caller's `Idempotency-Key`.
 */
export class StripePaymentGateway extends PaymentGateway {
  constructor(private readonly stripe: Stripe) {
    super();
  }

  async createConnectedAccount(tenantId: string, email: string, options: { country?: string; idempotencyKey?: string } = {}): Promise<ConnectedAccount> {
    const account = await this.call(() => this.stripe.accounts.create(
      { type: 'express', email, ...(options.country ? { country: options.country } : {}), metadata: { tenantId } },
      { idempotencyKey: options.idempotencyKey ?? `workbay-connect-${tenantId}` },
    ));
    return accountView(account);
  }

  async retrieveConnectedAccount(connectedAccountId: string): Promise<ConnectedAccount> {
    return accountView(await this.call(() => this.stripe.accounts.retrieve(connectedAccountId)));
  }

  async createAccountLink(connectedAccountId: string, urls: { refreshUrl: string; returnUrl: string }): Promise<AccountLink> {
    // No idempotency key: every call should get a fresh single-use link.
    const link = await this.call(() => this.stripe.accountLinks.create({
      account: connectedAccountId, type: 'account_onboarding', refresh_url: urls.refreshUrl, return_url: urls.returnUrl,
    }), connectedAccountId);
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000).toISOString() };
  }

  async createPaymentIntent(request: CreatePaymentIntent): Promise<PaymentIntentView> {
    const { currency } = request;
    const params: Stripe.PaymentIntentCreateParams = {
      amount: toStripeAmount(request.amountMinor, currency),
      currency: toStripeCurrency(currency),
      metadata: request.metadata ?? {},
      capture_method: 'automatic',
      ...(request.applicationFeeMinor !== undefined ? { application_fee_amount: toStripeAmount(request.applicationFeeMinor, currency, 'applicationFeeMinor') } : {}),
      ...(request.paymentMethod ? { payment_method: request.paymentMethod } : {}),
      ...(request.confirm ? { confirm: true } : {}),
      ...(request.description ? { description: request.description } : {}),
    };
    return intentView(await this.call(() => this.stripe.paymentIntents.create(params, {
      stripeAccount: request.connectedAccountId, idempotencyKey: request.idempotencyKey,
    })));
  }

  async retrievePaymentIntent(connectedAccountId: string, paymentIntentId: string): Promise<PaymentIntentView> {
    return intentView(await this.call(() => this.stripe.paymentIntents.retrieve(paymentIntentId, {}, { stripeAccount: connectedAccountId }), paymentIntentId));
  }

  async confirmPaymentIntent(request: ConfirmPaymentIntent): Promise<PaymentIntentView> {
    return intentView(await this.call(() => this.stripe.paymentIntents.confirm(
      request.paymentIntentId,
      { payment_method: request.paymentMethod },
      { stripeAccount: request.connectedAccountId, idempotencyKey: request.idempotencyKey },
    ), request.paymentIntentId));
  }

  async cancelPaymentIntent(connectedAccountId: string, paymentIntentId: string, idempotencyKey: string): Promise<PaymentIntentView> {
    return intentView(await this.call(() => this.stripe.paymentIntents.cancel(paymentIntentId, {}, { stripeAccount: connectedAccountId, idempotencyKey }), paymentIntentId));
  }

  async refund(request: RefundRequest): Promise<RefundView> {
    const params: Stripe.RefundCreateParams = { payment_intent: request.paymentIntentId, metadata: request.metadata ?? {} };
    if (request.reason) params.reason = request.reason;
    if (request.refundApplicationFee) params.refund_application_fee = true;
    if (request.amountMinor !== undefined) {
      const currency = request.currency ?? (await this.retrievePaymentIntent(request.connectedAccountId, request.paymentIntentId)).currency;
      params.amount = toStripeAmount(request.amountMinor, currency);
    }
    const refund = await this.call(() => this.stripe.refunds.create(params, { stripeAccount: request.connectedAccountId, idempotencyKey: request.idempotencyKey }), request.paymentIntentId);
    return refundView(refund);
  }

  async retrieveRefund(connectedAccountId: string, refundId: string): Promise<RefundView> {
    return refundView(await this.call(() => this.stripe.refunds.retrieve(refundId, {}, { stripeAccount: connectedAccountId }), refundId));
  }

  async listRefunds(connectedAccountId: string, paymentIntentId: string): Promise<RefundView[]> {
    const page = await this.call(() => this.stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 }, { stripeAccount: connectedAccountId }), paymentIntentId);
    return page.data.map(refundView);
  }

  async retrieveDispute(connectedAccountId: string, disputeId: string): Promise<DisputeView> {
    return disputeView(await this.call(() => this.stripe.disputes.retrieve(disputeId, {}, { stripeAccount: connectedAccountId }), disputeId));
  }

  /** Stripe's errors -> ours: declines 422, unknown ids 404, key reuse 422, outages 502. */
  private async call<T>(fn: () => Promise<T>, id = ''): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
      if (error instanceof Stripe.errors.StripeCardError) {
        const intent = (error.raw as { payment_intent?: { id?: string } }).payment_intent;
        throw new PaymentDeclined(error.message, intent?.id ?? (id || null), error.decline_code ?? null);
      }
      if (error instanceof Stripe.errors.StripeIdempotencyError) throw new IdempotencyKeyReused();
      if (error.statusCode === 404 || error.code === 'resource_missing') throw new NotFoundError('payment', id || 'resource');
      if (error instanceof Stripe.errors.StripeInvalidRequestError || error.statusCode === 403) throw new PaymentRejected(error.message, error.code ?? null);
      throw new PaymentProviderUnavailable(`payment provider error: ${error.message}`);
    }
  }
}

function refundView(refund: Stripe.Refund): RefundView {
  return {
    id: refund.id,
    paymentIntentId: typeof refund.payment_intent === 'string' ? refund.payment_intent : refund.payment_intent?.id ?? null,
    amountMinor: fromStripeAmount(refund.amount, refund.currency),
    currency: fromStripeCurrency(refund.currency),
    status: refund.status ?? 'pending',
    failureReason: refund.failure_reason ?? null,
    metadata: { ...(refund.metadata ?? {}) },
  };
}

function disputeView(dispute: Stripe.Dispute): DisputeView {
  // Stripe adds a balance transaction when it withdraws the funds and another when it reinstates them.
  const moves = dispute.balance_transactions ?? [];
  const withdrawals = moves.filter((t) => t.amount < 0).length;
  const reinstatements = moves.filter((t) => t.amount > 0).length;
  const intent = dispute.payment_intent;
  return {
    id: dispute.id,
    chargeId: typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id,
    paymentIntentId: typeof intent === 'string' ? intent : intent?.id ?? null,
    amountMinor: fromStripeAmount(dispute.amount, dispute.currency),
    currency: fromStripeCurrency(dispute.currency),
    reason: dispute.reason,
    status: dispute.status,
    fundsWithdrawn: withdrawals > reinstatements,
    createdAt: new Date(dispute.created * 1000).toISOString(),
    metadata: { ...(dispute.metadata ?? {}) },
  };
}

function accountView(account: Stripe.Account): ConnectedAccount {
  const requirements = account.requirements;
  return {
    id: account.id,
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    requirementsDue: [...new Set([...(requirements?.past_due ?? []), ...(requirements?.currently_due ?? [])])],
    disabledReason: requirements?.disabled_reason ?? null,
  };
}

/** Also used for webhook payloads (`paymentIntentOf`), so both paths convert amounts alike. */
export function intentView(intent: Stripe.PaymentIntent): PaymentIntentView {
  const currency = intent.currency;
  const fee = intent.application_fee_amount;
  const charge = intent.latest_charge;
  const lastError = intent.last_payment_error;
  return {
    id: intent.id,
    clientSecret: intent.client_secret ?? null,
    status: intent.status as PaymentIntentStatus,
    amountMinor: fromStripeAmount(intent.amount, currency),
    amountReceivedMinor: fromStripeAmount(intent.amount_received ?? 0, currency),
    currency: fromStripeCurrency(currency),
    applicationFeeMinor: fee === null || fee === undefined ? null : fromStripeAmount(fee, currency),
    metadata: { ...(intent.metadata ?? {}) },
    latestChargeId: typeof charge === 'string' ? charge : charge?.id ?? null,
    lastError: lastError ? { code: lastError.code ?? null, declineCode: lastError.decline_code ?? null, message: lastError.message ?? null } : null,
  };
}
