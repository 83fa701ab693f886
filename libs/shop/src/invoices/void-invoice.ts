import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
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
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  execute({ invoiceId, input }: VoidInvoice): Promise<CommandResult> {
    return this.aggregates.execute(invoiceDecider, invoiceStreamCategory, invoiceId, {
      type: 'VoidInvoice', reason: input.reason, voidedAt: this.clock.now().toISOString(), actor: this.context.actor,
    });
  }
}
