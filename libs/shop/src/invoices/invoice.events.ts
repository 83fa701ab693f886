/**
 * Facts about an invoice: the tax invoice of one approved repair order and the money received
 * against it. Stream: `${tenantId}.invoice-${invoiceId}`; the invoice id is derived from the
 * repair order's, so a repair order has at most one invoice. Money is integer minor units of the
 * invoice currency; times are ISO-8601 UTC instants; the actor is in the metadata.
 */
import type { QuoteLineKind } from '../quotes/quote.events';
import type { Money, TaxComponent } from './tax.rules';
import type { TaxJurisdiction } from './tax-jurisdiction.rules';

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
  /** round(quantity x unitPriceMinor). */
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
    refundedAt: string;
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

export type InvoiceEvent = InvoiceIssued | PaymentRecorded | PaymentRefunded | InvoicePaid | InvoiceVoided;
