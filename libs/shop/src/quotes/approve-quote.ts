import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { customerDecider } from '../customers/customer.decider';
import { customerStreamCategory } from '../customers/customer.events';
import { loadReferenced } from '../shared/references';
import { quoteDecider } from './quote.decider';
import { quoteStreamCategory } from './quote.events';
import { ApproveQuoteInput } from './quote.dto';

/** The customer approves all lines or a chosen subset; the rest are declined. */
export class ApproveQuote extends Command<CommandResult> {
  constructor(readonly quoteId: string, readonly input: ApproveQuoteInput) {
    super();
  }
}

@CommandHandler(ApproveQuote)
export class ApproveQuoteHandler implements ICommandHandler<ApproveQuote> {
  constructor(private readonly aggregates: AggregateStore) {}

  async execute({ quoteId, input }: ApproveQuote): Promise<CommandResult> {
    const approverId = input.approvedByCustomerId;
    const sameHousehold = approverId === undefined ? undefined : await this.inCustomersHousehold(quoteId, approverId);
    return this.aggregates.execute(quoteDecider, quoteStreamCategory, quoteId, (_, { now, actor }) => ({
      type: 'ApproveQuote',
      lineIds: input.lineIds,
      revision: input.revision,
      approvedBy: { name: input.approvedByName, customerId: approverId, ...(sameHousehold !== undefined ? { sameHousehold } : {}) },
      channel: input.channel,
      approvedAt: now,
      actor,
    }));
  }

  /**
   * Whether the named approver shares a household with the quote's customer, from both customers'
   * streams (the authority on membership). An id that names no customer of this shop is a 422;
   * the quote's own customer needs no look-up (the decider accepts them).
   */
  private async inCustomersHousehold(quoteId: string, approverId: string): Promise<boolean> {
    const { state: quote } = await this.aggregates.load(quoteDecider, quoteStreamCategory, quoteId, { what: 'quote' });
    if (quote.status === 'none' || quote.customerId === approverId) return false;
    const [approver, customer] = await Promise.all([
      loadReferenced(this.aggregates, customerDecider, customerStreamCategory, approverId, 'approvedByCustomerId', 'customer'),
      this.aggregates.load(customerDecider, customerStreamCategory, quote.customerId, { what: 'customer' }).then((c) => c.state),
    ]);
    if (approver.status !== 'registered' || customer.status !== 'registered') return false;
    return approver.householdId !== null && approver.householdId === customer.householdId;
  }
}
