import { StoredEvent } from '@workbay/eventstore';
import { ProcessManager } from '@workbay/platform';
import type { QuoteApproved } from '../quotes/quote.events';
import { OpenRepairOrderForQuote } from './open-repair-order';

/** Approved work goes to the shop floor: every quote approval (all or part) opens its repair order. */
export const quoteToRepairOrder: ProcessManager = {
  name: 'shop.quote-to-repair-order',
  eventTypes: ['QuoteApproved'],
  react(event: StoredEvent) {
    return [new OpenRepairOrderForQuote((event.data as QuoteApproved['data']).quoteId)];
  },
};
