import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
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
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  execute({ locationId, input }: ChangeLocationTax): Promise<CommandResult> {
    return this.aggregates.execute(locationDecider, locationStreamCategory, locationId, {
      type: 'ChangeLocationTax',
      taxJurisdiction: toTaxJurisdiction(input.taxJurisdiction),
      changedAt: this.clock.now().toISOString(),
      actor: this.context.principal.userId,
    });
  }
}
