import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, NotFoundError } from '@workbay/platform';
import { quoteDecider } from './quote.decider';
import { quoteStreamCategory } from './quote.events';

/** What another context may know of a quote it references: that it is one of this tenant's, and its status. */
export interface QuoteReference {
  quoteId: string;
  status: string;
  currency: string;
}

/**
 * Part of the shop's contract: answers from the quote's own stream in the caller's tenant, so
 * another tenant's quote reads as unknown (null), exactly like an id that names nothing.
 */
export class QuoteReferenceOf extends Query<QuoteReference | null> {
  constructor(readonly quoteId: string) {
    super();
  }
}

@QueryHandler(QuoteReferenceOf)
export class QuoteReferenceHandler implements IQueryHandler<QuoteReferenceOf> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ quoteId }: QuoteReferenceOf): Promise<QuoteReference | null> {
    try {
      const { state } = await this.aggregates.load(quoteDecider, quoteStreamCategory, quoteId, { what: 'quote' });
      return state.status === 'none' ? null : { quoteId, status: state.status, currency: state.currency };
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}
