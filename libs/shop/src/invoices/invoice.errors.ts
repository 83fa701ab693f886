/** Rules an invoice command can break; each names its state or its field. */
import { DomainError } from '@workbay/eventstore/core';

export const INVOICE_STATUSES = ['issued', 'partially_paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export class InvoiceAlreadyIssued extends DomainError {
  readonly code = 'INVOICE_ALREADY_ISSUED';
  override readonly kind = 'conflict' as const;
  constructor(readonly number: string, readonly status: InvoiceStatus) {
    super(`the repair order is already invoiced: ${number} is ${status}`);
  }
}

export class InvoiceNotFound extends DomainError {
  readonly code = 'INVOICE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('invoice does not exist');
  }
}

/** Only an approved repair order (the advisor signed the work off) is invoiced. */
export class RepairOrderNotInvoiceable extends DomainError {
  readonly code = 'REPAIR_ORDER_NOT_APPROVED';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: string) {
    super(`repair order is ${status}; only an approved repair order can be invoiced`);
  }
}

/**
 * Tax follows the location doing the work; without one there is no jurisdiction, and guessing
 * one (or charging none) would put a wrong tax invoice in the customer's hands.
 */
export class InvoiceLocationRequired extends DomainError {
  readonly code = 'INVOICE_LOCATION_REQUIRED';
  readonly field = 'locationId';
  constructor() {
    super('repair order has no location; issuing an invoice needs the location whose tax applies');
  }
}

export class InvalidInvoiceField extends DomainError {
  readonly code = 'INVOICE_FIELD_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** A void invoice, or (for void) one with money on it, takes no more of this. */
export class InvoiceNotPayable extends DomainError {
  readonly code = 'INVOICE_NOT_PAYABLE';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: InvoiceStatus, action: string) {
    super(`invoice is ${status}; ${action} is not possible`);
  }
}

/** More than the balance due: the amount names the field and the message names the balance. */
export class Overpayment extends DomainError {
  readonly code = 'INVOICE_OVERPAYMENT';
  readonly field = 'amountMinor';
  constructor(amountMinor: number, readonly balanceDueMinor: number, currency: string) {
    super(`amountMinor: ${amountMinor} is more than the balance due of ${balanceDueMinor} ${currency} minor units`);
  }
}

/** Money in another currency than the invoice's cannot settle it (a provider's intent was made for another invoice or edited). */
export class PaymentCurrencyMismatch extends DomainError {
  readonly code = 'PAYMENT_CURRENCY_MISMATCH';
  readonly field = 'currency';
  constructor(currency: string, invoiceCurrency: string) {
    super(`currency: the payment is in ${currency}, the invoice in ${invoiceCurrency}`);
  }
}

/** The same external reference was recorded before with another amount: not a retry, and not a new payment. */
export class PaymentReferenceConflict extends DomainError {
  readonly code = 'PAYMENT_REFERENCE_CONFLICT';
  override readonly kind = 'conflict' as const;
  readonly field = 'reference';
  constructor(reference: string, readonly recordedMinor: number) {
    super(`reference: ${reference} was already recorded for ${recordedMinor} minor units`);
  }
}

export class PaymentNotFound extends DomainError {
  readonly code = 'PAYMENT_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(paymentId: string) {
    super(`payment ${paymentId} is not a payment of this invoice`);
  }
}

export class RefundExceedsPayment extends DomainError {
  readonly code = 'REFUND_EXCEEDS_PAYMENT';
  readonly field = 'amountMinor';
  constructor(amountMinor: number, readonly refundableMinor: number) {
    super(`amountMinor: ${amountMinor} is more than the ${refundableMinor} minor units of the payment not yet refunded`);
  }
}

/** Stripe shows a dispute larger than what of the payment is still collected (neither refunded nor withdrawn by another dispute). */
export class DisputeExceedsPayment extends DomainError {
  readonly code = 'DISPUTE_EXCEEDS_PAYMENT';
  readonly field = 'amountMinor';
  constructor(amountMinor: number, readonly collectedMinor: number) {
    super(`amountMinor: a dispute of ${amountMinor} minor units is more than the ${collectedMinor} still collected of the payment`);
  }
}

/** A refund of a credit note's money beyond the credit balance would re-open what the customer owes: refund that part without the credit note. */
export class RefundExceedsCredit extends DomainError {
  readonly code = 'REFUND_EXCEEDS_CREDIT';
  readonly field = 'amountMinor';
  constructor(amountMinor: number, readonly creditBalanceMinor: number) {
    super(`amountMinor: ${amountMinor} is more than the credit balance of ${creditBalanceMinor} minor units the credit notes left to give back`);
  }
}

/** A refund failure names a refund the payment never booked. */
export class RefundNotFound extends DomainError {
  readonly code = 'REFUND_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  readonly field = 'refundId';
  constructor(refundId: string, paymentId: string) {
    super(`refundId: ${refundId} is not a refund of payment ${paymentId}`);
  }
}

export class InvoiceHasPayments extends DomainError {
  readonly code = 'INVOICE_HAS_PAYMENTS';
  override readonly kind = 'conflict' as const;
  constructor(readonly paidMinor: number) {
    super(`invoice has ${paidMinor} minor units paid on it; refund them before voiding`);
  }
}

export class PaymentFullyRefunded extends DomainError {
  readonly code = 'PAYMENT_FULLY_REFUNDED';
  override readonly kind = 'conflict' as const;
  constructor(paymentId: string) {
    super(`payment ${paymentId} is already fully refunded`);
  }
}

/** A Stripe payment's refund reference must be a refund of that payment at Stripe (looked up there), in the amount given. */
export class StripeRefundReferenceInvalid extends DomainError {
  readonly code = 'STRIPE_REFUND_REFERENCE_INVALID';
  constructor(readonly field: 'reference' | 'amountMinor', message: string) {
    super(`${field}: ${message}`);
  }
}
