import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { invoiceDecider } from './invoice.decider';
import { VoidInvoiceInput } from './invoice.dto';
import { invoiceStreamCategory } from './invoice.events';

/** Cancels an invoice nothing is paid on. Its number stays used (a void invoice is kept, not deleted). */
export class VoidInvoice extends Command<CommandResult> {
  constructor(readonly invoiceId: string, readonly input: VoidInvoiceInput) {
    super();
  }
}

@CommandHandler(VoidInvoice)
export class VoidInvoiceHandler implements ICommandHandler<VoidInvoice> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ invoiceId, input }: VoidInvoice): Promise<CommandResult> {
    return this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, (_, { now, actor }) => ({
      type: 'VoidInvoice', reason: input.reason, voidedAt: now, actor,
    }));
  }
}
