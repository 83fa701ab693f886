import { ICommand } from '@nestjs/cqrs';
import { ApplyApprovedDiscount } from '@workbay/shop/contract';
import type { RequestType } from '../policies/policy.events';
import type { Money, RequestLink } from './request.events';

/** What a completed request asks of another context, as the request carries it (`ApprovalRequestSubmitted.followUp`). */
export interface ApprovalFollowUp {
  command: string;
  payload: Record<string, unknown>;
}

export interface FollowUpFacts {
  requestId: string | null;
  requestType: RequestType | null;
  amount: Money | null;
  link: RequestLink | null;
  followUp: ApprovalFollowUp | null;
}

/**
 * The follow-up commands approvals may send, each a command of the target context's contract.
 * A request names one by `followUp.command`; a discount request linked to a quote needs none named:
 * its completion applies the approved amount to the quote. An unknown name dispatches nothing (the
 * submission that carried it is the place to refuse it).
 */
const FOLLOW_UPS: Record<string, (facts: FollowUpFacts, payload: Record<string, unknown>) => ICommand | null> = {
  'shop.ApplyApprovedDiscount': (facts, payload) => {
    const quoteId = typeof payload.quoteId === 'string' ? payload.quoteId : facts.link?.kind === 'quote' ? facts.link.id : null;
    if (!quoteId || !facts.requestId || !facts.amount) return null;
    return new ApplyApprovedDiscount({ quoteId, requestId: facts.requestId, discount: facts.amount });
  },
};

export function followUpCommand(facts: FollowUpFacts): ICommand | null {
  if (facts.followUp) return FOLLOW_UPS[facts.followUp.command]?.(facts, facts.followUp.payload) ?? null;
  if (facts.requestType === 'discount' && facts.link?.kind === 'quote') return FOLLOW_UPS['shop.ApplyApprovedDiscount'](facts, {});
  return null;
}
