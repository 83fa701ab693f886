/**
 * Facts about a credit note: a document that takes part (or all) of an issued invoice back, with
 * the tax on it reversed at the invoice's own rates. Stream: `${tenantId}.credit-note-${creditNoteId}`;
 * its number comes from the tenant's own credit-note sequence (credit-note-number.rules.ts), and the
 * invoice hears of it in the same atomic write (`InvoiceCredited` on the invoice's stream).
 */
import type { QuoteLineKind } from '../quotes/quote.events';
import type { Money, TaxComponent } from '../invoices/tax.rules';
import type { TaxJurisdiction } from '../invoices/tax-jurisdiction.rules';

export const creditNoteStreamCategory = 'credit-note' as const;

/** return: parts came back; goodwill: money off for the customer's trouble; price_correction: billed too high; error: billed by mistake. */
export const CREDIT_NOTE_REASONS = ['return', 'goodwill', 'price_correction', 'error'] as const;
export type CreditNoteReason = (typeof CREDIT_NOTE_REASONS)[number];

export interface CreditNoteLine {
  /** The invoice line credited. */
  lineId: string;
  kind: QuoteLineKind;
  description: string;
  /** The quantity returned (of the invoice line's); null for a credit of an amount (goodwill). */
  quantity: number | null;
  /** Pre-tax amount taken off the line. */
  amount: Money;
  taxable: boolean;
  /** This line's share of each reversed tax component; empty for a non-taxable line. */
  components: TaxComponent[];
  tax: Money;
  /** amount + tax */
  total: Money;
}

export interface CreditNoteIssued {
  type: 'CreditNoteIssued';
  data: {
    creditNoteId: string;
    /** Per tenant, consecutive: CN-000001. */
    number: string;
    invoiceId: string;
    invoiceNumber: string;
    customerId: string;
    locationId: string;
    reason: CreditNoteReason;
    /** Free text for the customer or the books; null when none was given. */
    note: string | null;
    currency: string;
    currencyExponent: number;
    /** The invoice's jurisdiction and place of supply: the credit note reverses tax exactly as it was charged. */
    jurisdiction: TaxJurisdiction;
    placeOfSupply: string | null;
    lines: CreditNoteLine[];
    /** One entry per component of the invoice's taxSummary (CGST + SGST, IGST, VAT, SALES_TAX), even at 0. */
    taxSummary: TaxComponent[];
    subtotal: Money;
    taxableSubtotal: Money;
    taxTotal: Money;
    grandTotal: Money;
    issuedAt: string;
  };
}

export type CreditNoteEvent = CreditNoteIssued;
