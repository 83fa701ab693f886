import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, Clock, CommandResult, RequestContext } from '@workbay/platform';
import { householdDecider } from './household.decider';
import { householdStreamCategory } from './household.events';
import { FormHouseholdInput } from './household.dto';

export class RenameHousehold extends Command<CommandResult> {
  constructor(readonly householdId: string, readonly input: FormHouseholdInput) {
    super();
  }
}

@CommandHandler(RenameHousehold)
export class RenameHouseholdHandler implements ICommandHandler<RenameHousehold> {
  constructor(private readonly aggregates: AggregateStore, private readonly clock: Clock, private readonly context: RequestContext) {}

  async execute({ householdId, input }: RenameHousehold): Promise<CommandResult> {
    await this.aggregates.load(householdDecider, householdStreamCategory, householdId, { what: 'household' });
    return this.aggregates.execute(householdDecider, householdStreamCategory, householdId, {
      type: 'RenameHousehold', name: input.name, renamedAt: this.clock.now().toISOString(), actor: this.context.principal.userId,
    });
  }
}
