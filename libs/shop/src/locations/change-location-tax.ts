import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult } from '@workbay/platform';
import { locationDecider } from './location.decider';
import { locationStreamCategory } from './location.events';
import { ChangeLocationTaxInput, toTaxJurisdiction } from './location.dto';

/** New tax registration or rate for a location; it must belong to the location's country. */
export class ChangeLocationTax extends Command<CommandResult> {
  constructor(readonly locationId: string, readonly input: ChangeLocationTaxInput) {
    super();
  }
}

@CommandHandler(ChangeLocationTax)
export class ChangeLocationTaxHandler implements ICommandHandler<ChangeLocationTax> {
  constructor(private readonly aggregates: AggregateStore) {}

  execute({ locationId, input }: ChangeLocationTax): Promise<CommandResult> {
    return this.aggregates.execute(locationDecider, locationStreamCategory, locationId, (_, { now, actor }) => ({
      type: 'ChangeLocationTax',
      taxJurisdiction: toTaxJurisdiction(input.taxJurisdiction),
      changedAt: now,
      actor,
    }));
  }
}
