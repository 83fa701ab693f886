import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { quoteDecider, QuoteStatus } from '../quotes/quote.decider';
import { quoteStreamCategory } from '../quotes/quote.events';
import { repairOrderDecider } from './repair-order.decider';
import { repairOrderStreamCategory } from './repair-order.events';
import { RepairOrderAlreadyOpened } from './repair-order.errors';

/** Declined work is offered again this many days after the approval. */
export const DEFERRED_FOLLOW_UP_DAYS = 90;

/** Opens the repair order of an approved quote: exactly its approved lines; the declined ones deferred. */
export class OpenRepairOrderForQuote extends Command<CommandResult> {
  constructor(readonly quoteId: string) {
    super();
  }
}

export class QuoteNotApproved extends DomainError {
  readonly code = 'QUOTE_NOT_APPROVED';
  override readonly kind = 'conflict' as const;
  constructor(status: QuoteStatus | 'none') {
    super(`quote is ${status}; only an approved quote opens a repair order`);
  }
}

function addDays(isoInstant: string, days: number): string {
  const d = new Date(isoInstant);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

@CommandHandler(OpenRepairOrderForQuote)
export class OpenRepairOrderForQuoteHandler implements ICommandHandler<OpenRepairOrderForQuote> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ quoteId }: OpenRepairOrderForQuote): Promise<CommandResult> {
    const { state: quote } = await this.aggregates.load(quoteDecider, quoteStreamCategory, quoteId, { what: 'quote' });
    if (quote.status !== 'approved') throw new QuoteNotApproved(quote.status);
    // One repair order per quote: its id follows from the quote's, whoever asks and however often.
    const repairOrderId = this.aggregates.derivedId(repairOrderStreamCategory, quoteStreamCategory, quoteId);
    const byId = new Map(quote.lines.map((line) => [line.lineId, line]));
    try {
      return await this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, (_, { now, actor }) => ({
        type: 'OpenRepairOrder',
        repairOrderId,
        quoteId,
        customerId: quote.customerId,
        vehicleId: quote.vehicleId,
        locationId: quote.locationId ?? null,
        currency: quote.currency,
        lines: quote.approvedLineIds.map((id) => byId.get(id)!),
        deferred: quote.declinedLineIds.map((id) => ({ ...byId.get(id)!, followUpOn: addDays(quote.approvedAt, DEFERRED_FOLLOW_UP_DAYS) })),
        openedAt: now,
        actor,
      }));
    } catch (error) {
      // Asked again (a redelivered approval, a retry): the repair order it would open exists.
      if (error instanceof RepairOrderAlreadyOpened) return this.current(repairOrderId);
      throw error;
    }
  }

  private async current(repairOrderId: string): Promise<CommandResult> {
    const { version } = await this.aggregates.load(repairOrderDecider, repairOrderStreamCategory, repairOrderId);
    return { id: repairOrderId, streamVersion: version, position: 0 };
  }
}
