import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { locationDecider } from './location.decider';
import { locationStreamCategory } from './location.events';
import { SetLocationTaxIdInput } from './location.dto';

/** The location's own GSTIN or VAT id: the seller's id on its invoices (a reverse-charge invoice needs it). */
export class SetLocationTaxId extends Command<CommandResult> {
  constructor(readonly locationId: string, readonly input: SetLocationTaxIdInput) {
    super();
  }
}

@CommandHandler(SetLocationTaxId)
export class SetLocationTaxIdHandler implements ICommandHandler<SetLocationTaxId> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ locationId, input }: SetLocationTaxId): Promise<CommandResult> {
    return this.aggregates.execute(locationDecider, locationStreamCategory, locationId, (_, { now, actor }) => ({
      type: 'SetLocationTaxId',
      taxId: input.taxId ?? null,
      setAt: now,
      actor,
    }));
  }
}
