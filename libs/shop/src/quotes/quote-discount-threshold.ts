import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, NotFoundError, TenantProfiles } from '@workbay/platform';
import { SetQuoteDiscountThresholdInput, QuoteDiscountThresholdView } from './quote-discount-threshold.dto';
import { quoteDiscountThresholdDecider, QuoteDiscountThresholdState, quoteDiscountThresholdStreamCategory } from './quote-discount-threshold.decider';

export class SetQuoteDiscountThreshold extends Command<CommandResult> {
  constructor(readonly input: SetQuoteDiscountThresholdInput) {
    super();
  }
}

export class QuoteDiscountThreshold extends Query<QuoteDiscountThresholdView> {}

/** The tenant's one threshold stream (its id follows from the tenant) and its current state. */
@Injectable()
export class QuoteDiscountThresholds {
  constructor(private readonly aggregates: AggregateStore) {}

  streamId(): string {
    return this.aggregates.derivedId(quoteDiscountThresholdStreamCategory, 'tenant');
  }

  async current(): Promise<{ state: QuoteDiscountThresholdState; version: number }> {
    try {
      return await this.aggregates.load(quoteDiscountThresholdDecider, quoteDiscountThresholdStreamCategory, this.streamId());
    } catch (error) {
      if (error instanceof NotFoundError) return { state: quoteDiscountThresholdDecider.initialState(), version: 0 };
      throw error;
    }
  }
}

@CommandHandler(SetQuoteDiscountThreshold)
export class SetQuoteDiscountThresholdHandler implements ICommandHandler<SetQuoteDiscountThreshold> {
  constructor(private readonly aggregates: AggregateStore, private readonly thresholds: QuoteDiscountThresholds, private readonly tenants: TenantProfiles) {}

  async execute({ input }: SetQuoteDiscountThreshold): Promise<CommandResult> {
    const { currency } = await this.tenants.current();
    return this.aggregates.execute(quoteDiscountThresholdDecider, quoteDiscountThresholdStreamCategory, this.thresholds.streamId(), (_, { now, actor }) => ({
      type: 'SetQuoteDiscountThreshold', maxPercent: input.maxPercent ?? null, maxAmountMinor: input.maxAmountMinor ?? null, currency, setAt: now, actor,
    }));
  }
}

/** Read from its (one, short) stream: a setting read by id needs no read model. */
@QueryHandler(QuoteDiscountThreshold)
export class QuoteDiscountThresholdHandler implements IQueryHandler<QuoteDiscountThreshold> {
  constructor(private readonly thresholds: QuoteDiscountThresholds, private readonly tenants: TenantProfiles) {}

  async execute(): Promise<QuoteDiscountThresholdView> {
    const { state, version } = await this.thresholds.current();
    if (state.status === 'none') return { maxPercent: null, maxAmountMinor: null, currency: (await this.tenants.current()).currency, setAt: null, version };
    return { maxPercent: state.maxPercent, maxAmountMinor: state.maxAmountMinor, currency: state.currency, setAt: state.setAt, version };
  }
}
