/**
 * The shop's quote discount threshold: one small aggregate per tenant (stream
 * `${tenantId}.quote-discount-threshold-<derived id>`). Above either limit a quote's discount needs
 * an approved discount request before the quote is sent (quote-discount.rules.ts). Never set: no
 * limit, so a shop that has not chosen one works as before discounts needed approval.
 */
import { Decider, DomainError } from '@workbay/eventstore/core';
import type { DiscountThreshold } from './quote-discount.rules';

export const quoteDiscountThresholdStreamCategory = 'quote-discount-threshold' as const;

export interface QuoteDiscountThresholdSet {
  type: 'QuoteDiscountThresholdSet';
  /** `maxAmountMinor` is in `currency`, the tenant's when it was set. */
  data: DiscountThreshold & { currency: string; setAt: string };
}

export interface SetQuoteDiscountThreshold {
  type: 'SetQuoteDiscountThreshold';
  maxPercent: number | null;
  maxAmountMinor: number | null;
  currency: string;
  setAt: string;
  actor: string;
}

export type QuoteDiscountThresholdState = { status: 'none' } | ({ status: 'set'; setAt: string; currency: string } & DiscountThreshold);

export class InvalidDiscountThreshold extends DomainError {
  readonly code = 'DISCOUNT_THRESHOLD_INVALID';
  constructor(readonly field: 'maxPercent' | 'maxAmountMinor', problem: string) {
    super(`${field}: ${problem}`);
  }
}

export const quoteDiscountThresholdDecider: Decider<QuoteDiscountThresholdState, SetQuoteDiscountThreshold, QuoteDiscountThresholdSet> = {
  initialState: () => ({ status: 'none' }),
  decide(command) {
    const { maxPercent, maxAmountMinor, currency, setAt } = command;
    if (maxPercent !== null && !(Number.isFinite(maxPercent) && maxPercent >= 0 && maxPercent <= 100 && Math.abs(maxPercent * 100 - Math.round(maxPercent * 100)) < 1e-9)) {
      throw new InvalidDiscountThreshold('maxPercent', 'must be a percent from 0 to 100 with at most 2 decimals, or null');
    }
    if (maxAmountMinor !== null && !(Number.isSafeInteger(maxAmountMinor) && maxAmountMinor >= 0)) {
      throw new InvalidDiscountThreshold('maxAmountMinor', 'must be a whole number of minor units, 0 or more, or null');
    }
    return [{ type: 'QuoteDiscountThresholdSet', data: { maxPercent, maxAmountMinor, currency, setAt } }];
  },
  evolve: (_state, event) => ({ status: 'set', ...event.data }),
};

/** The threshold a quote in `currency` is held to: an amount limit set in another currency does not apply to it. */
export function thresholdFor(state: QuoteDiscountThresholdState, currency: string): DiscountThreshold | null {
  if (state.status === 'none') return null;
  return { maxPercent: state.maxPercent, maxAmountMinor: state.currency === currency ? state.maxAmountMinor : null };
}
