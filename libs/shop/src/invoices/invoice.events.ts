/**
 * Facts about an invoice: the tax invoice of one approved repair order and the money received
 * against it. Stream: `${tenantId}.invoice-${invoiceId}`; the invoice id is derived from the
 * repair order's, so a repair order has at most one invoice. Money is integer minor units of the
 * invoice currency; times are ISO-8601 UTC instants; the actor is in the metadata.
 */
import type { QuoteLineKind } from '../quotes/quote.events';
import type { Money, TaxComponent } from './tax.rules';
import type { TaxJurisdiction } from './tax-jurisdiction.rules';
import type { TaxId } from './tax-id.rules';
import type { PlaceOfSupplySource, RecipientSource } from './place-of-supply.rules';
import type { BillingAddress } from '../customers/customer-billing.rules';

export const invoiceStreamCategory = 'invoice' as const;

export const PAYMENT_METHODS = ['cash', 'check', 'card_present', 'other', 'stripe'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** One billed line: the repair order's line, its pre-tax amount and the tax allocated to it. */
export interface InvoiceLine {
  lineId: string;
  kind: QuoteLineKind;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  taxable: boolean;
  /** The line's share of the quote's discount; absent: none. */
  discountMinor?: number;
  /** HSN (part) or SAC (labor) code from the quote; absent: none given. */
  hsnSac?: string;
  /** 'reduced': taxed at the jurisdiction's reduced rate (Japan 8%); absent: standard. */
  taxCategory?: 'reduced';
  /** round(quantity x unitPriceMinor), less the line's discount: what is taxed and billed. */
  amount: Money;
  /** This line's share of each invoice tax component; empty for a non-taxable line. */
  components: TaxComponent[];
  tax: Money;
  /** amount + tax */
  total: Money;
}

export interface InvoiceIssued {
  type: 'InvoiceIssued';
  data: {
    invoiceId: string;
    /** Readable, per tenant, consecutive: INV-000123. */
    number: string;
    repairOrderId: string;
    customerId: string;
    vehicleId: string;
    locationId: string;
    /** ISO 4217, upper case; `currencyExponent` decimals in a minor unit (INR 2). */
    currency: string;
    currencyExponent: number;
    /** The location's jurisdiction when the invoice was issued (it may change later; the invoice does not). */
    jurisdiction: TaxJurisdiction;
    /** Indian GST: the state code of the place of supply; null elsewhere. */
    placeOfSupply: string | null;
    /** How the place of supply was found (the audit trail): the customer's GSTIN, their address, the shop's state, or typed in. Absent on invoices issued before it was kept. */
    placeOfSupplySource?: PlaceOfSupplySource | null;
    /** The location's own GSTIN or VAT id at issue (the seller's). */
    sellerTaxId?: TaxId | null;
    /** The customer's GSTIN or VAT id at issue; null: a private customer (B2C). */
    buyerTaxId?: TaxId | null;
    /** The customer's billing address at issue. */
    buyerBillingAddress?: BillingAddress | null;
    /**
     * Whose billing details the buyer's are (the audit trail): the customer's own, or, when the
     * customer had none, their household's (`recipientHouseholdId`). Absent on invoices issued before it was kept.
     */
    recipientSource?: RecipientSource;
    recipientHouseholdId?: string | null;
    /** EU B2B across member states: VAT is 0 here and accounted for by the customer. */
    reverseCharge?: boolean;
    /** Legal wording the invoice must print (the reverse-charge mention); null if none. */
    taxNote?: string | null;
    lines: InvoiceLine[];
    /** One entry per component of the jurisdiction (CGST + SGST, or IGST, VAT, SALES_TAX), even at 0. */
    taxSummary: TaxComponent[];
    subtotal: Money;
    taxableSubtotal: Money;
    taxTotal: Money;
    grandTotal: Money;
    issuedAt: string;
  };
}

export interface PaymentRecorded {
  type: 'PaymentRecorded';
  data: {
    invoiceId: string;
    paymentId: string;
    method: PaymentMethod;
    amount: Money;
    /** Check number, card last4, Stripe PaymentIntent id...; null when none was given. */
    reference: string | null;
    receivedAt: string;
  };
}

export interface PaymentRefunded {
  type: 'PaymentRefunded';
  data: {
    invoiceId: string;
    paymentId: string;
    refundId: string;
    amount: Money;
    /** How the refunded payment was made; absent on refunds recorded before it was kept. */
    method?: PaymentMethod;
    reason: string | null;
    /** E.g. a Stripe refund id; null when none was given. */
    reference: string | null;
    /** The credit note whose money this gives back; absent for a refund of money with no credit note behind it. */
    creditNoteId?: string;
    refundedAt: string;
  };
}

/** Stripe's statuses of a refund that did not (or no longer does) give the money back (https://docs.stripe.com/refunds#failed-refunds). */
export const FAILED_REFUND_STATUSES = ['failed', 'canceled'] as const;
export type FailedRefundStatus = (typeof FAILED_REFUND_STATUSES)[number];

/**
 * A booked refund failed or was canceled at Stripe after it was booked (a pending refund that never
 * went through, a card refund the issuer returned: `refund.failed` / `refund.updated`): the money stayed
 * with the shop, so exactly that refund is reversed. What was refunded goes back on what is paid, and
 * the receivable closes again by it; a refund that gave back a credit note's money gives the customer
 * their credit balance back. Booked once per refund.
 */
export interface PaymentRefundFailed {
  type: 'PaymentRefundFailed';
  data: {
    invoiceId: string;
    paymentId: string;
    /** The booked refund it reverses. */
    refundId: string;
    /** The refund's reference (Stripe's `re_...`). */
    reference: string | null;
    /** What the refund had booked, now back with the shop. */
    amount: Money;
    /** How the refunded payment was made. */
    method: PaymentMethod;
    status: FailedRefundStatus;
    /** Stripe's `failure_reason` (expired_or_canceled_card, lost_or_stolen_card, declined, unknown ...). */
    reason: string;
    /** The credit note whose money the refund gave back, when it did. */
    creditNoteId?: string;
    failedAt: string;
  };
}

/** The balance reached 0; follows the PaymentRecorded that settled it (or InvoiceIssued for a 0 total). */
export interface InvoicePaid {
  type: 'InvoicePaid';
  data: { invoiceId: string; amountPaid: Money; paidAt: string };
}

/** Cancelled while nothing was paid on it; it takes no more payments. */
export interface InvoiceVoided {
  type: 'InvoiceVoided';
  data: { invoiceId: string; reason: string; voidedAt: string };
}

/** A PaymentIntent was asked of Stripe for (part of) the balance: open until it is booked or cancelled. */
export interface OnlinePaymentStarted {
  type: 'OnlinePaymentStarted';
  data: { invoiceId: string; paymentIntentId: string; amount: Money; startedAt: string };
}

/** The intent was cancelled at Stripe (the invoice was settled otherwise): the customer can no longer pay it. */
export interface OnlinePaymentCancelled {
  type: 'OnlinePaymentCancelled';
  data: { invoiceId: string; paymentIntentId: string; cancelledAt: string };
}

/**
 * A credit note was issued against the invoice (credit-notes/): appended in the same atomic write
 * as the credit note's own `CreditNoteIssued`, so the invoice stream is where two credit notes meet
 * and neither can take what the other already credited. What is credited no longer counts as owed.
 */
export interface InvoiceCredited {
  type: 'InvoiceCredited';
  data: {
    invoiceId: string;
    creditNoteId: string;
    number: string;
    /** Per invoice line: what this credit note took off it (pre-tax), and the quantity returned, if any. */
    lines: Array<{ lineId: string; quantityHundredths: number; amountMinor: number }>;
    /** This credit note's tax per component (same order as the invoice's taxSummary). */
    taxSummary: TaxComponent[];
    subtotal: Money;
    taxTotal: Money;
    /** subtotal + taxTotal: what comes off the receivable. */
    grandTotal: Money;
    creditedAt: string;
  };
}

/** Stripe's dispute statuses (https://docs.stripe.com/api/disputes/object#dispute_object-status). */
export const DISPUTE_STATUSES = ['warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
/** Where a dispute is over: its funds are back (won) or gone for good (lost). */
export const CLOSED_DISPUTE_STATUSES: ReadonlySet<DisputeStatus> = new Set(['won', 'lost', 'warning_closed']);

/**
 * The customer disputed (charged back) a Stripe payment, as Stripe shows the dispute. What Stripe
 * withdrew from the shop for it is no longer collected: `withdrawn` comes off what is paid and the
 * receivable reopens by it.
 */
export interface PaymentDisputed {
  type: 'PaymentDisputed';
  data: {
    invoiceId: string;
    paymentId: string;
    /** Stripe's dispute id (`du_...`). */
    disputeId: string;
    /** What the customer disputes. */
    amount: Money;
    /** Stripe's reason (fraudulent, product_not_received, ...). */
    reason: string;
    status: DisputeStatus;
    /** What Stripe has taken from the shop for it now (0 for an inquiry, the amount once funds are withdrawn). */
    withdrawn: Money;
    /** When the customer opened it at Stripe. */
    openedAt: string;
    /** Set when it arrives already closed. */
    closedAt: string | null;
  };
}

/** A dispute moved on at Stripe (under review, won, lost, funds withdrawn or reinstated). */
export interface PaymentDisputeUpdated {
  type: 'PaymentDisputeUpdated';
  data: {
    invoiceId: string;
    paymentId: string;
    disputeId: string;
    status: DisputeStatus;
    /** What Stripe has taken for it now. */
    withdrawn: Money;
    /** withdrawn now minus withdrawn before: above 0 comes off what is paid, below 0 (reinstated) goes back on. */
    change: Money;
    /** When it was seen closed (won or lost); null while open. */
    closedAt: string | null;
    updatedAt: string;
  };
}

export type InvoiceEvent = InvoiceIssued | PaymentRecorded | PaymentRefunded | InvoicePaid | InvoiceVoided | OnlinePaymentStarted | OnlinePaymentCancelled | InvoiceCredited
  | PaymentDisputed | PaymentDisputeUpdated | PaymentRefundFailed;
