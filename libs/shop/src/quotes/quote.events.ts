/** Facts about a repair quote. Stream: `${tenantId}.quote-${quoteId}`; the actor is in the metadata. */
import { QuoteTotals } from './quote-totals.rules';

export const quoteStreamCategory = 'quote' as const;

/** How the quote reached the customer, or how their answer came back. */
export const QUOTE_CHANNELS = ['in_person', 'phone', 'sms', 'email', 'portal'] as const;
export type QuoteChannel = (typeof QUOTE_CHANNELS)[number];

/** Quote lines carry over to the repair order, the invoice and the vehicle's history with their kind. */
export const QUOTE_LINE_KINDS = ['labor', 'part'] as const;
export type QuoteLineKind = (typeof QUOTE_LINE_KINDS)[number];

export interface QuoteLine {
  lineId: string;
  kind: QuoteLineKind;
  /** Trimmed, non-empty. */
  description: string;
  /** Positive, at most 2 decimals (1.5 labor hours, 4 spark plugs). */
  quantity: number;
  /** Integer >= 0, in minor units of the quote's currency. */
  unitPriceMinor: number;
  taxable: boolean;
  /** This line's share of the quote's discount (quote-discount.rules.ts); absent: none. */
  discountMinor?: number;
  /** HSN (part) or SAC (labor) code (hsn-sac.rules.ts); absent: none given. */
  hsnSac?: string;
  /** The rate category where the jurisdiction has several (Japan's reduced 8%); absent: standard. */
  taxCategory?: 'reduced';
}

/** The approval request whose approved discount the quote carries, and its amount. */
export interface ApprovedDiscount {
  requestId: string;
  amountMinor: number;
}

export interface QuoteCreated {
  type: 'QuoteCreated';
  data: {
    quoteId: string;
    customerId: string;
    vehicleId: string;
    /** The shop location that will do the work; absent on quotes written before locations existed. */
    locationId?: string | null;
    /** ISO 4217, upper case. */
    currency: string;
    lines: QuoteLine[];
    /** ISO-8601 UTC. */
    createdAt: string;
  };
}

/**
 * A new version of the quote's lines, replacing them all. The quote goes back to draft: the
 * customer answers only a version they were sent. Revision 1 is the quote as created.
 */
export interface QuoteRevised {
  type: 'QuoteRevised';
  data: {
    quoteId: string; revision: number; lines: QuoteLine[]; reason: string | null; revisedAt: string;
    /** Set by an approved discount request (ApplyApprovedDiscount); absent: the approval the quote had still holds. */
    approvedDiscount?: ApprovedDiscount;
  };
}

export interface QuoteSent {
  type: 'QuoteSent';
  data: { quoteId: string; sentAt: string; channel: QuoteChannel | null };
}

export interface QuoteApproved {
  type: 'QuoteApproved';
  data: {
    quoteId: string;
    /** In quote line order; never empty. */
    approvedLineIds: string[];
    /** The other lines, in quote line order; may be empty. */
    declinedLineIds: string[];
    /** Who gave the approval (the customer or someone on their behalf), not the staff actor. */
    approvedBy: { name: string; customerId: string | null };
    channel: QuoteChannel;
    approvedAt: string;
    /** Pre-tax totals at approval time (see quote-totals.rules.ts). */
    totals: QuoteTotals;
  };
}

export interface QuoteDeclined {
  type: 'QuoteDeclined';
  data: { quoteId: string; reason: string | null; channel: QuoteChannel; declinedAt: string };
}

export type QuoteEvent = QuoteCreated | QuoteRevised | QuoteSent | QuoteApproved | QuoteDeclined;
