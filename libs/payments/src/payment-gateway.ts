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
  idempotencyKey: string;
}

export interface RefundView {
  id: string;
  paymentIntentId: string | null;
  amountMinor: number;
  currency: string;
  status: string;
}

export abstract class PaymentGateway {
  abstract createConnectedAccount(tenantId: string, email: string, options?: { country?: string; idempotencyKey?: string }): Promise<ConnectedAccount>;
  abstract retrieveConnectedAccount(connectedAccountId: string): Promise<ConnectedAccount>;
  abstract createPaymentIntent(request: CreatePaymentIntent): Promise<PaymentIntentView>;
  abstract retrievePaymentIntent(connectedAccountId: string, paymentIntentId: string): Promise<PaymentIntentView>;
  /** A decline is thrown as `PaymentDeclined` (the intent stays open for another method). */
  abstract confirmPaymentIntent(request: ConfirmPaymentIntent): Promise<PaymentIntentView>;
  abstract cancelPaymentIntent(connectedAccountId: string, paymentIntentId: string, idempotencyKey: string): Promise<PaymentIntentView>;
  abstract refund(request: RefundRequest): Promise<RefundView>;
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
