import { AppError } from '@workbay/platform';

/**
 * The payment provider port. Contexts (invoices, billing) depend on this abstract class (it is
 * also the DI token); `StripePaymentGateway` is the adapter. Amounts are our integer minor units
 * plus an upper-case ISO currency; the adapter converts to the provider's units.
 * Every write takes an idempotency key derived from our own ids, so a retried command or job
 * never charges, refunds or onboards twice.
 */
export type PaymentIntentStatus =
  | 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing'
  | 'requires_capture' | 'canceled' | 'succeeded';

export interface ConnectedAccount {
  id: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Stripe's `requirements.past_due` then `currently_due`: what onboarding still needs now. */
  requirementsDue: string[];
  /** Stripe's `requirements.disabled_reason` (e.g. `requirements.past_due`), null when nothing is disabled. */
  disabledReason: string | null;
}

/** Where the owner finishes (or updates) onboarding at Stripe; single use, valid a few minutes. */
export interface AccountLink {
  url: string;
  expiresAt: string;
}

export interface PaymentIntentView {
  id: string;
  /** Hand to the customer's browser (Stripe.js) to confirm; never log it. */
  clientSecret: string | null;
  status: PaymentIntentStatus;
  amountMinor: number;
  amountReceivedMinor: number;
  currency: string;
  applicationFeeMinor: number | null;
  metadata: Record<string, string>;
  latestChargeId: string | null;
  lastError: { code: string | null; declineCode: string | null; message: string | null } | null;
}

export interface CreatePaymentIntent {
  /** The tenant's connected account (`acct_...`): the charge is a direct charge on it. */
  connectedAccountId: string;
  amountMinor: number;
  currency: string;
  /** Our platform fee, taken from the charge (see `platformFeeMinor`). */
  applicationFeeMinor?: number;
  metadata?: Record<string, string>;
  /** Set with `confirm` for a card-on-file / terminal payment; omit for the online case. */
  paymentMethod?: string;
  confirm?: boolean;
  description?: string;
  idempotencyKey: string;
}

export interface ConfirmPaymentIntent {
  connectedAccountId: string;
  paymentIntentId: string;
  paymentMethod: string;
  idempotencyKey: string;
}

export interface RefundRequest {
  connectedAccountId: string;
  paymentIntentId: string;
  /** Omit for a full refund of what remains. */
  amountMinor?: number;
  /** Needed to convert amountMinor; defaults to the intent's currency. */
  currency?: string;
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer';
  metadata?: Record<string, string>;
  /** Give the platform's application fee back too (in proportion): for money the shop never kept, e.g. a duplicate. */
  refundApplicationFee?: boolean;
  idempotencyKey: string;
}

export interface RefundView {
  id: string;
  paymentIntentId: string | null;
  amountMinor: number;
  currency: string;
  /** pending, requires_action, succeeded, failed or canceled (Stripe's). */
  status: string;
  /** Why Stripe could not give the money back (expired_or_canceled_card, lost_or_stolen_card, declined, unknown ...); null unless failed. */
  failureReason: string | null;
  metadata: Record<string, string>;
}

/** A dispute (chargeback) of a charge on a connected account, as Stripe shows it now. */
export interface DisputeView {
  id: string;
  chargeId: string;
  paymentIntentId: string | null;
  amountMinor: number;
  currency: string;
  /** Stripe's reason (fraudulent, product_not_received, ...). */
  reason: string;
  /** warning_needs_response, warning_under_review, warning_closed, needs_response, under_review, won or lost (Stripe's). */
  status: string;
  /** Stripe holds the disputed amount withdrawn from the account now: more withdrawals than reinstatements among its balance transactions. */
  fundsWithdrawn: boolean;
  /** When the customer opened it (ISO-8601). */
  createdAt: string;
  metadata: Record<string, string>;
}

export abstract class PaymentGateway {
  abstract createConnectedAccount(tenantId: string, email: string, options?: { country?: string; idempotencyKey?: string }): Promise<ConnectedAccount>;
  abstract retrieveConnectedAccount(connectedAccountId: string): Promise<ConnectedAccount>;
  /** An `account_onboarding` AccountLink: Stripe sends the owner to `returnUrl` when done, to `refreshUrl` when the link expired. */
  abstract createAccountLink(connectedAccountId: string, urls: { refreshUrl: string; returnUrl: string }): Promise<AccountLink>;
  abstract createPaymentIntent(request: CreatePaymentIntent): Promise<PaymentIntentView>;
  abstract retrievePaymentIntent(connectedAccountId: string, paymentIntentId: string): Promise<PaymentIntentView>;
  /** A decline is thrown as `PaymentDeclined` (the intent stays open for another method). */
  abstract confirmPaymentIntent(request: ConfirmPaymentIntent): Promise<PaymentIntentView>;
  abstract cancelPaymentIntent(connectedAccountId: string, paymentIntentId: string, idempotencyKey: string): Promise<PaymentIntentView>;
  abstract refund(request: RefundRequest): Promise<RefundView>;
  /** A refund on the connected account; `NotFoundError` when Stripe does not know it there. */
  abstract retrieveRefund(connectedAccountId: string, refundId: string): Promise<RefundView>;
  /** Every refund of a PaymentIntent (at most 100, which no invoice payment comes near). */
  abstract listRefunds(connectedAccountId: string, paymentIntentId: string): Promise<RefundView[]>;
  /** A dispute on the connected account; `NotFoundError` when Stripe does not know it there. */
  abstract retrieveDispute(connectedAccountId: string, disputeId: string): Promise<DisputeView>;
}

/** The card was declined: a business outcome (422), not a fault. The intent can be retried. */
export class PaymentDeclined extends AppError {
  readonly status = 422;
  readonly code = 'PAYMENT_DECLINED';
  constructor(message: string, readonly paymentIntentId: string | null, readonly declineCode: string | null) {
    super(message);
  }
}

/** The provider refused the request (bad state, amount too large, ...): 422 with its message. */
export class PaymentRejected extends AppError {
  readonly status = 422;
  readonly code = 'PAYMENT_REJECTED';
  constructor(message: string, readonly providerCode: string | null) {
    super(message);
  }
}

/** The provider could not be reached or failed: 502, safe to retry with the same idempotency key. */
export class PaymentProviderUnavailable extends AppError {
  readonly status = 502;
  readonly code = 'PAYMENT_PROVIDER_UNAVAILABLE';
}
