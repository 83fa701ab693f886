/** Errors of quote discounts (the quote's other errors are still beside its decider). */
import { DomainError } from '@workbay/eventstore/core';

/** A discount the quote cannot take (negative, not whole, more than its lines); 422 naming `discountMinor`. */
export class InvalidQuoteDiscount extends DomainError {
  readonly code = 'QUOTE_DISCOUNT_INVALID';
  readonly field = 'discountMinor';
  constructor(problem: string) {
    super(problem);
  }
}

/**
 * The quote's discount is above the shop's threshold and no approved discount request covers it:
 * 422 naming `discountMinor`, and saying which request to file (type discount, linked to the quote,
 * for the discount's amount). Approval applies the discount (ApplyApprovedDiscount) and the quote can be sent.
 */
export class DiscountNeedsApproval extends DomainError {
  readonly code = 'DISCOUNT_NEEDS_APPROVAL';
  readonly field = 'discountMinor';
  constructor(readonly quoteId: string, readonly discountMinor: number, readonly currency: string) {
    super(
      `discountMinor: a discount of ${discountMinor} ${currency} minor units is above the shop's discount threshold; submit an approval request ` +
      `{ type: 'discount', link: { kind: 'quote', id: '${quoteId}' }, amount: { amountMinor: ${discountMinor}, currency: '${currency}' } } and send the quote once it is approved`,
    );
  }
}

/** An approved discount in another currency than the quote's (422 naming `discount.currency`). */
export class DiscountCurrencyMismatch extends DomainError {
  readonly code = 'QUOTE_DISCOUNT_CURRENCY_MISMATCH';
  readonly field = 'discount.currency';
  constructor(quoteCurrency: string, given: string) {
    super(`discount.currency: the quote is in ${quoteCurrency}, not ${given}`);
  }
}

/** This approval request's discount is already on the quote (409): applying it again changes nothing. */
export class DiscountAlreadyApplied extends DomainError {
  readonly code = 'QUOTE_DISCOUNT_ALREADY_APPLIED';
  override readonly kind = 'conflict' as const;
  constructor(requestId: string) {
    super(`the discount of approval request ${requestId} is already applied to this quote`);
  }
}
